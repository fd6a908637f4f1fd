// Channel access tokens: verified by the stack's one JWT verifier, failures worded as Supabase Realtime words them
// (lib/realtime_web/channels/auth/channels_authorization.ex and realtime_channel.ex in supabase/realtime).
import { decodeJwt } from 'jose';
import { InvalidJwtError, type AccessTokenClaims, type VerifyAccessToken } from '../shared/jwt.ts';
import { reasonText, REASONS, tokenReason } from './reasons.ts';

export type TokenCheck = { ok: true; claims: AccessTokenClaims } | { ok: false; code: string; message: string };

/** `<Code>: <message>`, the reason of a refused join. */
export function joinReason(check: Extract<TokenCheck, { ok: false }>): string {
  return reasonText(check);
}

export function secondsSinceExpiry(token: string, nowMs: number): number {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? Math.max(0, Math.floor(nowMs / 1000) - exp) : 0;
  } catch {
    return 0;
  }
}

/** Maps a verifier failure to Supabase's code and message (realtime/reasons.ts). */
export function describeTokenFailure(error: unknown, token: string, nowMs = Date.now()): Extract<TokenCheck, { ok: false }> {
  const kind = error instanceof InvalidJwtError ? error.kind : undefined;
  return { ok: false, ...tokenReason(kind, secondsSinceExpiry(token, nowMs)) };
}

export async function checkToken(verify: VerifyAccessToken, token: unknown): Promise<TokenCheck> {
  if (typeof token !== 'string' || token === '') return { ok: false, ...REASONS.malformedToken };
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
