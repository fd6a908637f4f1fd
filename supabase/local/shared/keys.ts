// The stack's key material, generated on first start and persisted in <dataDir>/keys.json (mode 0600).
// One JWKS, built here, is what PostgREST, the gateway and every service trust.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

export interface PrivateJwk extends JWK {
  kid: string;
  alg: 'ES256' | 'RS256';
}

export interface StackKeys {
  /** Signs the stack's own tokens: anon and service-role keys, host sessions (Supabase Auth). */
  signingKey: PrivateJwk;
  /** Signs guest tokens in the Edge Functions (the GUEST_JWT_PRIVATE_JWK secret). */
  guestKey: PrivateJwk;
  /** Public halves of guest keys rotated out; trusted until their tokens expire. */
  retiredPublicKeys: JWK[];
  anonKey: string;
  serviceRoleKey: string;
  /** Superuser password of the embedded database. */
  databasePassword: string;
  /** Password PostgREST logs in with as `authenticator`. */
  authenticatorPassword: string;
  vapid: { publicKey: string; privateKey: string; subject: string };
}

export interface PublicJwks {
  keys: JWK[];
}

const API_KEY_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

async function generatePrivateJwk(alg: 'ES256' | 'RS256'): Promise<PrivateJwk> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: randomUUID(), alg, use: 'sig' } as PrivateJwk;
}

/** VAPID keys (RFC 8292) in the encoding Web Push libraries and PushManager.subscribe expect. */
async function generateVapidKeys(): Promise<StackKeys['vapid']> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
  return { publicKey: point.toString('base64url'), privateKey: jwk.d!, subject: 'mailto:host@barkeep.local' };
}

export function publicJwk(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = jwk;
  return rest;
}

export function publicJwks(keys: StackKeys): PublicJwks {
  return { keys: [publicJwk(keys.signingKey), publicJwk(keys.guestKey), ...keys.retiredPublicKeys] };
}

export async function signWithKey(claims: Record<string, unknown>, jwk: PrivateJwk, expiresInSeconds: number): Promise<string> {
  const key = await importJWK(jwk, jwk.alg);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: jwk.alg, kid: jwk.kid, typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(key);
}

async function generateKeys(): Promise<StackKeys> {
  const signingKey = await generatePrivateJwk('ES256');
  const apiKey = (role: string) => signWithKey({ iss: 'supabase-barkeep', role }, signingKey, API_KEY_LIFETIME_SECONDS);
  return {
    signingKey,
    guestKey: await generatePrivateJwk('RS256'),
    retiredPublicKeys: [],
    anonKey: await apiKey('anon'),
    serviceRoleKey: await apiKey('service_role'),
    databasePassword: randomBytes(18).toString('base64url'),
    authenticatorPassword: randomBytes(18).toString('base64url'),
    vapid: await generateVapidKeys(),
  };
}

export function keysPath(dataDir: string): string {
  return join(dataDir, 'keys.json');
}

/** Loads the persisted keys, generating them on the first start. */
export async function loadOrCreateKeys(dataDir: string): Promise<StackKeys> {
  const path = keysPath(dataDir);
  if (existsSync(path)) return JSON.parse(await readFile(path, 'utf8')) as StackKeys;
  const keys = await generateKeys();
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, JSON.stringify(keys, null, 2), { mode: 0o600 });
  await chmod(path, 0o600);
  return keys;
}
