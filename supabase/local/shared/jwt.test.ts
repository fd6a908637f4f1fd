import { describe, expect, it } from 'vitest';
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
