// Signed URL tokens, as Supabase Storage mints them: a JWT `{url: "<bucket>/<key>", scope, exp}` (plus `owner` and
// `upsert` for uploads), HMAC-signed with a URL-signing secret. The secret is derived from the stack's signing key,
// so signed URLs survive restarts, and it signs nothing else: a signed-URL token is never an access token.
import { hkdfSync } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { PrivateJwk } from '../shared/keys.ts';
import { ERRORS } from './errors.ts';

export type Scope = 'download' | 'upload';

export interface SignedToken {
  url: string;
  scope: Scope;
  exp: number;
  owner?: string;
  upsert?: boolean;
}

/** Longest lifetime accepted for a signed URL (Supabase caps `expiresIn` at what a JWT `exp` can hold). */
const MAX_EXPIRES_IN = 10 * 365 * 24 * 3600;

export interface UrlSigner {
  sign(claims: Omit<SignedToken, 'exp'>, expiresInSeconds: number): Promise<string>;
  /** Checks signature, expiry, scope and that the token names exactly this object. */
  verify(token: string, scope: Scope, url: string): Promise<SignedToken>;
}

export function createUrlSigner(signingKey: PrivateJwk): UrlSigner {
  const secret = new Uint8Array(hkdfSync('sha256', String(signingKey.d), 'barkeep-storage', 'signed-url-tokens', 32));
  return {
    async sign(claims, expiresInSeconds) {
      return new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
        .sign(secret);
    },
    async verify(token, scope, url) {
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw ERRORS.expiredSignature();
        throw ERRORS.invalidJwt(error instanceof errors.JOSEError ? 'invalid signature' : 'jwt malformed');
      }
      if (payload.scope !== scope) throw ERRORS.invalidSignature(`Token is not scoped for ${scope}`);
      if (payload.url !== url) throw ERRORS.invalidSignature();
      return payload as unknown as SignedToken;
    },
  };
}

/** `expiresIn` of a sign request: whole seconds, at least 1. */
export function parseExpiresIn(value: unknown): number {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 1 || seconds > MAX_EXPIRES_IN) {
    throw ERRORS.invalidRequest(`expiresIn must be a number of seconds between 1 and ${MAX_EXPIRES_IN}`);
  }
  return Math.floor(seconds);
}
