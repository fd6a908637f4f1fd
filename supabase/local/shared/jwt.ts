// The one JWT verifier of the embedded stack. Rules follow Supabase Realtime, the strictest consumer:
// asymmetric algorithms only, a `kid` that names a trusted key, `role` and `exp` present, no clock leeway.
import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { PublicJwks } from './keys.ts';

export interface AccessTokenClaims extends JWTPayload {
  role: string;
  exp: number;
  sub?: string;
}

/** Why a token was refused; each service words it its own way (Realtime: realtime/reasons.ts). */
export type InvalidJwtKind = 'malformed' | 'untrusted_key' | 'invalid' | 'expired' | 'missing_role' | 'missing_exp';

export class InvalidJwtError extends Error {
  constructor(
    message: string,
    readonly kind: InvalidJwtKind,
  ) {
    super(message);
  }

  get expired(): boolean {
    return this.kind === 'expired';
  }
}

export type VerifyAccessToken = (token: string) => Promise<AccessTokenClaims>;

const ALGORITHMS = ['ES256', 'RS256'];

/** How many verified tokens are remembered: a party's guests and hosts, with room to spare (~2 KB each). */
const VERIFIED_CACHE_SIZE = 10_000;

/** Still inside the token's own time window (jose's rules without leeway: `exp` is exclusive, `nbf` inclusive). */
function isCurrent(claims: AccessTokenClaims, nowSeconds: number): boolean {
  return claims.exp > nowSeconds && (typeof claims.nbf !== 'number' || claims.nbf <= nowSeconds);
}

/**
 * Verifying an RS256 signature costs a crypto job per request, and every request of a client carries the same
 * token; so a verifier remembers the tokens it has verified. The key is the whole token string (a forged or
 * altered token is another string and is verified from scratch), only successes are kept, a remembered token is
 * refused once its `exp` passes, and the key set of one verifier never changes (a rotation restarts the stack).
 * Revocation is not a JWT matter here: a deactivated guest is refused by RLS on every request.
 */
export function createJwtVerifier(jwks: PublicJwks): VerifyAccessToken {
  const verify = createUncachedVerifier(jwks);
  // A Map keeps insertion order: re-inserting on a hit makes the first entry the least recently used.
  const verified = new Map<string, AccessTokenClaims>();

  return async function verifyAccessToken(token: string): Promise<AccessTokenClaims> {
    const remembered = verified.get(token);
    const now = Math.floor(Date.now() / 1000);
    if (remembered) {
      verified.delete(token);
      if (!isCurrent(remembered, now)) {
        if (remembered.exp <= now) throw new InvalidJwtError('JWT expired', 'expired');
        return verify(token);
      }
      verified.set(token, remembered);
      return { ...remembered };
    }
    const claims = await verify(token);
    if (isCurrent(claims, Math.floor(Date.now() / 1000))) {
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
      verified.set(token, Object.freeze({ ...claims }));
    }
    return claims;
  };
}

function createUncachedVerifier(jwks: PublicJwks): VerifyAccessToken {
  const keySet = createLocalJWKSet(jwks);
  const trustedKids = new Set(jwks.keys.map((key) => key.kid));

  return async function verifyAccessToken(token: string): Promise<AccessTokenClaims> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw new InvalidJwtError('JWT is malformed', 'malformed');
    }
    if (!kid || !trustedKids.has(kid)) throw new InvalidJwtError('JWT is not signed by a trusted key (unknown or missing kid)', 'untrusted_key');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, { algorithms: ALGORITHMS }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidJwtError('JWT expired', 'expired');
      throw new InvalidJwtError('JWT signature or claims are invalid', 'invalid');
    }
    if (typeof payload.role !== 'string' || payload.role === '') throw new InvalidJwtError('JWT has no role claim', 'missing_role');
    if (typeof payload.exp !== 'number') throw new InvalidJwtError('JWT has no exp claim', 'missing_exp');
    return payload as AccessTokenClaims;
  };
}

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearerToken(header: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
