// Tokens an attacker could present: each must be refused wherever a JWT is checked.
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import type { StackKeys } from '../../supabase/local/shared/keys.ts';
import { publicJwk } from '../../supabase/local/shared/keys.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function forgedTokens(keys: StackKeys, sub: string = randomUUID()): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 3600 };
  const guestKey = await importJWK(keys.guestKey, 'RS256');
  const sign = (payload: object, header: Record<string, unknown>, key: CryptoKey | Uint8Array = guestKey as CryptoKey) =>
    new SignJWT({ ...payload }).setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...header } as never).sign(key);

  const valid = await sign(claims, { kid: keys.guestKey.kid });
  const [header, , signature] = valid.split('.');
  const stranger = await generateKeyPair('RS256', { extractable: true });
  const strangerJwk = await exportJWK(stranger.privateKey);
  const publicPem = JSON.stringify(publicJwk(keys.guestKey));

  return {
    'edited payload': `${header}.${b64({ ...claims, role: 'service_role' })}.${signature}`,
    expired: await sign({ ...claims, iat: now - 7200, exp: now - 60 }, { kid: keys.guestKey.kid }),
    'kid of another trusted key': await sign(claims, { kid: keys.signingKey.kid }),
    'unknown kid': await sign(claims, { kid: randomUUID() }),
    'no kid': await sign(claims, {}),
    'signed by a stranger with our kid': await sign(claims, { kid: keys.guestKey.kid }, (await importJWK(strangerJwk, 'RS256')) as CryptoKey),
    'alg none': `${b64({ alg: 'none', typ: 'JWT', kid: keys.guestKey.kid })}.${b64(claims)}.`,
    'HS256 with the public key as secret': await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keys.guestKey.kid })
      .sign(new TextEncoder().encode(publicPem)),
  };
}
