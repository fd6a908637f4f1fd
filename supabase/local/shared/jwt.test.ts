import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { bearerToken, createJwtVerifier, InvalidJwtError } from './jwt.ts';
import { publicJwk, signWithKey, type PrivateJwk } from './keys.ts';

async function key(alg: 'ES256' | 'RS256'): Promise<PrivateJwk> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg };
}

describe('verifyAccessToken', async () => {
  const es = await key('ES256');
  const rs = await key('RS256');
  const verify = createJwtVerifier({ keys: [publicJwk(es), publicJwk(rs)] });

  it('accepts tokens of either trusted key with role and exp', async () => {
    await expect(verify(await signWithKey({ role: 'anon' }, es, 60))).resolves.toMatchObject({ role: 'anon' });
    await expect(verify(await signWithKey({ role: 'authenticated', sub: 'x' }, rs, 60))).resolves.toMatchObject({ sub: 'x' });
  });

  it('refuses a token without role', async () => {
    await expect(verify(await signWithKey({ sub: 'x' }, es, 60))).rejects.toThrow('no role');
  });

  it('marks expired tokens', async () => {
    const error = await verify(await signWithKey({ role: 'anon' }, es, -10)).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidJwtError);
    expect(error.expired).toBe(true);
  });

  it('refuses garbage', async () => {
    await expect(verify('not.a.jwt')).rejects.toBeInstanceOf(InvalidJwtError);
    await expect(verify('')).rejects.toBeInstanceOf(InvalidJwtError);
  });
});

describe('the cache of verified tokens', async () => {
  const rs = await key('RS256');
  const other = await key('RS256');
  const verify = createJwtVerifier({ keys: [publicJwk(rs)] });
  afterEach(() => vi.useRealTimers());

  it('checks a signature once per token, not once per request', async () => {
    const token = await signWithKey({ role: 'authenticated', sub: 'guest' }, rs, 60);
    const signatureChecks = vi.spyOn(globalThis.crypto.subtle, 'verify');
    try {
      for (let i = 0; i < 5; i++) await expect(verify(token)).resolves.toMatchObject({ sub: 'guest' });
      expect(signatureChecks).toHaveBeenCalledTimes(1);
    } finally {
      signatureChecks.mockRestore();
    }
  });

  it('refuses a remembered token once its exp has passed', async () => {
    const token = await signWithKey({ role: 'authenticated' }, rs, 2);
    await expect(verify(token)).resolves.toMatchObject({ role: 'authenticated' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3000);
    const error = await verify(token).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidJwtError);
    expect(error.expired).toBe(true);
  });

  it('still refuses an altered copy or a foreign signature of a remembered token', async () => {
    const token = await signWithKey({ role: 'authenticated', sub: 'guest' }, rs, 60);
    await verify(token);
    const [header, payload, signature] = token.split('.');
    const elevated = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'service_role' })).toString('base64url');
    await expect(verify(`${header}.${elevated}.${signature}`)).rejects.toBeInstanceOf(InvalidJwtError);
    // Signed by an untrusted key that claims the trusted kid.
    const forged = await signWithKey({ role: 'authenticated', sub: 'guest' }, { ...other, kid: rs.kid }, 60);
    await expect(verify(forged)).rejects.toBeInstanceOf(InvalidJwtError);
    await expect(verify(token)).resolves.toMatchObject({ sub: 'guest' });
  });

  it('hands out copies: a caller changing its claims does not change what the next caller sees', async () => {
    const token = await signWithKey({ role: 'authenticated' }, rs, 60);
    const first = await verify(token);
    first.role = 'service_role';
    await expect(verify(token)).resolves.toMatchObject({ role: 'authenticated' });
    await expect(verify(token)).resolves.toMatchObject({ role: 'authenticated' });
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer  abc', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    [undefined, undefined],
  ])('%s', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });
});
