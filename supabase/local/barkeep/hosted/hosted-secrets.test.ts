import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { parseDotEnv } from '../../functions/index.ts';
import { publicJwks, signWithKey, type PrivateJwk, type StackKeys } from '../../shared/keys.ts';
import { hostedSecrets, parseVapidSubject, SecretsError, toEnvFile } from './hosted-secrets.ts';
import { generateKeyPair, exportJWK } from 'jose';

async function testKeys(): Promise<StackKeys> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const guestKey = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' } as PrivateJwk;
  const { privateKey: signing } = await generateKeyPair('ES256', { extractable: true });
  const signingKey = { ...(await exportJWK(signing)), kid: randomUUID(), alg: 'ES256', use: 'sig' } as PrivateJwk;
  return {
    signingKey,
    guestKey,
    retiredPublicKeys: [],
    anonKey: 'anon',
    serviceRoleKey: 'service',
    databasePassword: 'db',
    authenticatorPassword: 'auth',
    vapid: { publicKey: 'BPublic', privateKey: 'private', subject: 'mailto:host@barkeep.local' },
  };
}

// The Management API's CreateSigningKeyBody for RSA keys (what the dashboard import sends on): these fields only.
const IMPORTABLE_RSA_FIELDS = ['kid', 'use', 'key_ops', 'ext', 'kty', 'alg', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];
const REQUIRED_RSA_FIELDS = ['kty', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];

describe('hosted secrets', () => {
  it('exports the guest key as a private RS256 JWK that hosted Supabase can import', async () => {
    const keys = await testKeys();
    const { GUEST_JWT_PRIVATE_JWK: jwk } = hostedSecrets(keys);
    expect(Object.keys(jwk).filter((field) => !IMPORTABLE_RSA_FIELDS.includes(field))).toEqual([]);
    expect(REQUIRED_RSA_FIELDS.filter((field) => !(field in jwk))).toEqual([]);
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', e: 'AQAB', kid: keys.guestKey.kid });
    expect(jwk.kid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('is the key whose tokens the stack already trusts: same kid, same signature', async () => {
    const keys = await testKeys();
    const { GUEST_JWT_PRIVATE_JWK: jwk } = hostedSecrets(keys);
    const token = await signWithKey({ sub: randomUUID(), role: 'authenticated' }, jwk as PrivateJwk, 60);
    const { protectedHeader } = await jwtVerify(token, createLocalJWKSet(publicJwks(keys)));
    expect(protectedHeader.kid).toBe(keys.guestKey.kid);
  });

  it('carries the VAPID keys, the retired guest keys only when there are some, and a given subject', async () => {
    const keys = await testKeys();
    expect(hostedSecrets(keys)).not.toHaveProperty('GUEST_JWT_RETIRED_PUBLIC_JWKS');
    const retired = { kty: 'RSA', kid: 'old', n: 'x', e: 'AQAB' };
    const secrets = hostedSecrets({ ...keys, retiredPublicKeys: [retired] }, 'mailto:bar@example.com');
    expect(secrets).toMatchObject({
      VAPID_PUBLIC_KEY: 'BPublic',
      VAPID_PRIVATE_KEY: 'private',
      VAPID_SUBJECT: 'mailto:bar@example.com',
      GUEST_JWT_RETIRED_PUBLIC_JWKS: [retired],
    });
  });

  it('writes an env file that reads back to the same values (as `supabase secrets set --env-file` and the stack read it)', async () => {
    const secrets = hostedSecrets(await testKeys(), 'https://bar.example.com/contact');
    const parsed = parseDotEnv(toEnvFile(secrets));
    expect(Object.keys(parsed)).toEqual(Object.keys(secrets));
    expect(JSON.parse(parsed.GUEST_JWT_PRIVATE_JWK)).toEqual(secrets.GUEST_JWT_PRIVATE_JWK);
    expect(parsed.VAPID_SUBJECT).toBe('https://bar.example.com/contact');
  });

  it.each(['bar@example.com', 'mailto:', 'http://bar.example.com', 'mailto:a b@example.com'])('refuses the VAPID subject %s', (subject) => {
    expect(() => parseVapidSubject(subject)).toThrow(SecretsError);
  });

  it('refuses a keys.json whose guest key has no private part', async () => {
    const keys = await testKeys();
    const { d: _d, ...publicOnly } = keys.guestKey;
    expect(() => hostedSecrets({ ...keys, guestKey: publicOnly as PrivateJwk })).toThrow(/no "kid" or no private part/);
  });
});
