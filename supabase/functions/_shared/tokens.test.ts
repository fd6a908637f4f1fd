import assert from 'node:assert/strict';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from 'jose';
import {
  ACCESS_TOKEN_SECONDS,
  childRefreshToken,
  hashRefreshToken,
  issuerFor,
  KeyConfigError,
  loadGuestKeys,
  newRefreshToken,
  signAccessToken,
  verifyGuestAccessToken,
} from './tokens.ts';

async function privateJwk(kid: string) {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
}
const publicHalf = ({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest }: Record<string, unknown>) => rest;
const guest = { user_key: '5f0c3a52-3d3e-4d5a-9a43-1f0b6a1c2d3e', username: 'Sam' };

Deno.test('access tokens carry exactly the contract claims, kid in the header, 4 h lifetime', async () => {
  const keys = await loadGuestKeys(JSON.stringify(await privateJwk('guest-1')));
  const token = await signAccessToken(guest, keys, issuerFor('http://127.0.0.1:54321/'), 1_800_000_000);
  assert.deepEqual(decodeProtectedHeader(token), { alg: 'RS256', kid: 'guest-1', typ: 'JWT' });
  assert.deepEqual(decodeJwt(token), {
    sub: guest.user_key,
    role: 'authenticated',
    aud: 'authenticated',
    iss: 'http://127.0.0.1:54321/auth/v1',
    iat: 1_800_000_000,
    exp: 1_800_000_000 + ACCESS_TOKEN_SECONDS,
    token_type: 'access',
    user_key: guest.user_key,
    username: 'Sam',
    is_guest: true,
  });
  assert.equal(ACCESS_TOKEN_SECONDS, 4 * 3600);
});

Deno.test('tokens of the current and retired keys verify; strangers, expired and non-guest tokens do not', async () => {
  const old = await privateJwk('guest-old');
  const current = await privateJwk('guest-new');
  const keys = await loadGuestKeys(JSON.stringify(current), JSON.stringify([publicHalf(old)]));
  const oldKeys = await loadGuestKeys(JSON.stringify(old));
  const stranger = await loadGuestKeys(JSON.stringify(await privateJwk('guest-new')));

  assert.equal((await verifyGuestAccessToken(await signAccessToken(guest, keys, 'iss'), keys))?.sub, guest.user_key);
  assert.equal((await verifyGuestAccessToken(await signAccessToken(guest, oldKeys, 'iss'), keys))?.username, 'Sam');
  assert.equal(await verifyGuestAccessToken(await signAccessToken(guest, stranger, 'iss'), keys), undefined);
  assert.equal(await verifyGuestAccessToken(await signAccessToken(guest, keys, 'iss', 1_000_000_000), keys), undefined);
  const notGuest = await new SignJWT({ sub: guest.user_key, role: 'authenticated', aud: 'authenticated' })
    .setProtectedHeader({ alg: 'RS256', kid: 'guest-new' })
    .setExpirationTime('1h')
    .sign(keys.privateKey);
  assert.equal(await verifyGuestAccessToken(notGuest, keys), undefined);
  assert.equal(await verifyGuestAccessToken('not.a.jwt', keys), undefined);
});

Deno.test('key configuration mistakes are reported clearly', async () => {
  await assert.rejects(loadGuestKeys(undefined), KeyConfigError);
  await assert.rejects(loadGuestKeys('{'), /not valid JSON/);
  const jwk = await privateJwk('k');
  await assert.rejects(loadGuestKeys(JSON.stringify(publicHalf(jwk))), /private JWK/);
  await assert.rejects(loadGuestKeys(JSON.stringify({ ...jwk, kid: undefined })), /kid/);
  await assert.rejects(loadGuestKeys(JSON.stringify(jwk), JSON.stringify([jwk])), /public JWKs/);
  assert.equal((await loadGuestKeys(JSON.stringify(jwk), JSON.stringify({ keys: [] }))).kid, 'k');
});

Deno.test('refresh tokens are 256 random bits; only their SHA-256 is stored', async () => {
  const tokens = new Set(Array.from({ length: 100 }, newRefreshToken));
  assert.equal(tokens.size, 100);
  for (const token of tokens) assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(await hashRefreshToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

Deno.test('the child of a refresh token is derived, so a retried or concurrent rotation hands out the same one', async () => {
  const jwk = await privateJwk('guest-1');
  const keys = await loadGuestKeys(JSON.stringify(jwk));
  const again = await loadGuestKeys(JSON.stringify(jwk));
  const other = await loadGuestKeys(JSON.stringify(await privateJwk('guest-1')));
  const parent = newRefreshToken();

  const child = await childRefreshToken(parent, keys);
  assert.match(child, /^[A-Za-z0-9_-]{43}$/, 'shaped like every refresh token');
  assert.equal(await childRefreshToken(parent, again), child, 'the same key derives the same child (other instances too)');
  assert.notEqual(await childRefreshToken(newRefreshToken(), keys), child, 'another parent, another child');
  assert.notEqual(await childRefreshToken(parent, other), child, 'without the server key nobody can compute it');
  assert.notEqual(await childRefreshToken(child, keys), child, 'the grandchild differs again');
});
