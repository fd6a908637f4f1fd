// Channel access tokens: verified by the stack's one JWT verifier, failures worded as Supabase Realtime words them
// (lib/realtime_web/channels/auth/channels_authorization.ex and realtime_channel.ex in supabase/realtime).
import { decodeJwt } from 'jose';
import { InvalidJwtError, type AccessTokenClaims, type VerifyAccessToken } from '../shared/jwt.ts';

export type TokenCheck = { ok: true; claims: AccessTokenClaims } | { ok: false; code: string; message: string };

/** `<Code>: <message>`, the reason of a refused join. */
export function joinReason(check: Extract<TokenCheck, { ok: false }>): string {
  return `${check.code}: ${check.message}`;
}

export function secondsSinceExpiry(token: string, nowMs: number): number {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? Math.max(0, Math.floor(nowMs / 1000) - exp) : 0;
  } catch {
    return 0;
  }
}

/** Maps a verifier failure to Supabase's code and message. */
export function describeTokenFailure(error: unknown, token: string, nowMs = Date.now()): Extract<TokenCheck, { ok: false }> {
  if (!(error instanceof InvalidJwtError)) return { ok: false, code: 'JwtSignatureError', message: 'Failed to validate JWT signature' };
  if (error.expired) return { ok: false, code: 'InvalidJWTToken', message: `Token has expired ${secondsSinceExpiry(token, nowMs)} seconds ago` };
  if (error.message === 'JWT is malformed') return { ok: false, code: 'MalformedJWT', message: 'The token provided is not a valid JWT' };
  if (error.message.includes('kid')) return { ok: false, code: 'JwtSignerError', message: 'Failed to generate JWT signer, check your JWT secret or JWKS configuration' };
  if (error.message.includes('role claim') || error.message.includes('exp claim')) return { ok: false, code: 'InvalidJWTToken', message: 'Fields `role` and `exp` are required in JWT' };
  return { ok: false, code: 'JwtSignatureError', message: 'Failed to validate JWT signature' };
}

export async function checkToken(verify: VerifyAccessToken, token: unknown): Promise<TokenCheck> {
  if (typeof token !== 'string' || token === '') return { ok: false, code: 'MalformedJWT', message: 'The token provided is not a valid JWT' };
  try {
    return { ok: true, claims: await verify(token) };
  } catch (error) {
    return describeTokenFailure(error, token);
  }
}

/** Milliseconds until the token's `exp` (no leeway), capped so timers stay within setTimeout's range. */
export function msUntilExpiry(claims: AccessTokenClaims, nowMs = Date.now()): number {
  return Math.min(Math.max(0, claims.exp * 1000 - nowMs), 60 * 60 * 1000);
}
