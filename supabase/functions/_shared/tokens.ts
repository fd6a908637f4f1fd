// Guest tokens (CONTRACT §3): RS256 access tokens signed with the GUEST_JWT_PRIVATE_JWK secret, verified
// against that key and the retired keys still trusted; opaque refresh tokens of which only the SHA-256
// is stored, each rotation's successor derived from its parent with a key only the functions hold.
import { importJWK, jwtVerify, SignJWT, createLocalJWKSet, type JWK, type JWTPayload } from 'jose';

export const ACCESS_TOKEN_SECONDS = 4 * 60 * 60;

export interface GuestIdentity {
  user_key: string;
  username: string;
}

export interface GuestClaims extends JWTPayload, GuestIdentity {
  sub: string;
  role: 'authenticated';
  aud: 'authenticated';
  token_type: 'access';
  is_guest: true;
}

export interface GuestKeys {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  /** The signing key's public half plus every retired public key. */
  verify: ReturnType<typeof createLocalJWKSet>;
  /** HMAC key that derives a refresh token's successor (childRefreshToken). */
  rotationKey: CryptoKey;
}

const isSupportedAlg = (alg: string | undefined): alg is GuestKeys['alg'] => alg === 'RS256' || alg === 'ES256';

export class KeyConfigError extends Error {}

function parseJson(text: string | undefined, name: string): unknown {
  if (!text) throw new KeyConfigError(`${name} is not set.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new KeyConfigError(`${name} is not valid JSON.`);
  }
}

/**
 * Loads the signing key from the GUEST_JWT_PRIVATE_JWK secret (a private JWK with `kid` and `alg`) and the
 * public keys of GUEST_JWT_RETIRED_PUBLIC_JWKS (a JSON array of JWKs, or `{keys: [...]}`), so tokens
 * signed before a key rotation stay valid until they expire.
 */
export async function loadGuestKeys(privateJwkJson: string | undefined, retiredJson?: string): Promise<GuestKeys> {
  const jwk = parseJson(privateJwkJson, 'GUEST_JWT_PRIVATE_JWK') as JWK;
  if (typeof jwk !== 'object' || jwk === null || !jwk.d) throw new KeyConfigError('GUEST_JWT_PRIVATE_JWK must be a private JWK.');
  if (!jwk.kid) throw new KeyConfigError('GUEST_JWT_PRIVATE_JWK needs a "kid".');
  const alg = jwk.alg ?? (jwk.kty === 'RSA' ? 'RS256' : undefined);
  if (!isSupportedAlg(alg)) throw new KeyConfigError('GUEST_JWT_PRIVATE_JWK must be an RS256 (or ES256) key.');
  const privateKey = (await importJWK(jwk, alg)) as CryptoKey;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicHalf } = jwk;

  const retiredRaw = retiredJson ? parseJson(retiredJson, 'GUEST_JWT_RETIRED_PUBLIC_JWKS') : [];
  const retired = (Array.isArray(retiredRaw) ? retiredRaw : ((retiredRaw as { keys?: JWK[] }).keys ?? [])) as JWK[];
  if (retired.some((key) => typeof key !== 'object' || key === null || !key.kid || 'd' in key)) {
    throw new KeyConfigError('GUEST_JWT_RETIRED_PUBLIC_JWKS must list public JWKs, each with a "kid".');
  }
  return {
    kid: jwk.kid,
    alg,
    privateKey,
    verify: createLocalJWKSet({ keys: [{ ...publicHalf, alg }, ...retired] }),
    rotationKey: await deriveRotationKey(jwk.d),
  };
}

/**
 * The rotation key comes from the signing key's secret part (HKDF, its own `info`), so no extra secret has to be
 * deployed. Rotating the signing key changes it; a refresh retried across that moment is then treated as reuse.
 */
async function deriveRotationKey(secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', base64UrlDecode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('barkeep guest refresh-token rotation v1') },
    material,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
}

/** Signs a guest access token: claims exactly as CONTRACT §3, `exp` = `iat` + 4 h. */
export function signAccessToken(
  guest: GuestIdentity,
  keys: Pick<GuestKeys, 'kid' | 'alg' | 'privateKey'>,
  issuer: string,
  now = Math.floor(Date.now() / 1000),
): Promise<string> {
  const claims: Omit<GuestClaims, 'iat' | 'exp' | 'iss'> = {
    sub: guest.user_key,
    role: 'authenticated',
    aud: 'authenticated',
    token_type: 'access',
    user_key: guest.user_key,
    username: guest.username,
    is_guest: true,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: keys.alg, kid: keys.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + ACCESS_TOKEN_SECONDS)
    .sign(keys.privateKey);
}

/** Verifies a guest access token (kid must name a trusted guest key); undefined when it is not one. */
export async function verifyGuestAccessToken(token: string, keys: Pick<GuestKeys, 'verify'>): Promise<GuestClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, keys.verify, { algorithms: ['RS256', 'ES256'], audience: 'authenticated' });
    const valid = payload.is_guest === true && payload.token_type === 'access' && typeof payload.sub === 'string' && payload.user_key === payload.sub;
    return valid ? (payload as GuestClaims) : undefined;
  } catch {
    return undefined;
  }
}

const base64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

function base64UrlDecode(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** A new opaque refresh token: 32 random bytes, base64url (43 characters). */
export function newRefreshToken(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * The refresh token that replaces `parent` when it rotates: HMAC-SHA-256 of the parent under the rotation key,
 * base64url (43 characters, like every refresh token). Deterministic, so a concurrent or retried refresh of the
 * same parent hands out the same child (CONTRACT §3 reuse grace) while the database still stores hashes only;
 * without the functions' key nobody can compute a child from a stolen parent.
 */
export async function childRefreshToken(parent: string, keys: Pick<GuestKeys, 'rotationKey'>): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.sign('HMAC', keys.rotationKey, new TextEncoder().encode(parent))));
}

/** Hex SHA-256 of a refresh token: what the database stores and looks up. */
export async function hashRefreshToken(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The `iss` claim: the project's Auth URL, as Supabase Auth sets it. */
export function issuerFor(supabaseUrl: string | undefined): string {
  return `${(supabaseUrl ?? '').replace(/\/+$/, '')}/auth/v1`;
}
