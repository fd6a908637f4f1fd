// Signed-in users' access tokens (hosts from Supabase Auth, guests from the register function), verified
// inside the function: hosted Supabase's verify_jwt platform check only knows the legacy HS256 secret, so
// functions that take RS256/ES256 user tokens run with verify_jwt = false and check them here instead.
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

export interface UserClaims extends JWTPayload {
  sub: string;
  role: 'authenticated';
  is_guest?: boolean;
}

type KeySet = ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;
let keySet: KeySet | undefined;

/**
 * The project's public keys: `SUPABASE_JWKS` when the runtime provides it (the embedded stack does), else the
 * project's own `/auth/v1/.well-known/jwks.json`, fetched once and cached by jose.
 */
function projectKeys(env: (name: string) => string | undefined): KeySet {
  if (keySet) return keySet;
  const inline = env('SUPABASE_JWKS');
  if (inline) {
    keySet = createLocalJWKSet(JSON.parse(inline) as JSONWebKeySet);
  } else {
    const url = env('SUPABASE_URL');
    if (!url) throw new Error('SUPABASE_URL is not set: cannot find the project keys to verify user tokens.');
    keySet = createRemoteJWKSet(new URL('/auth/v1/.well-known/jwks.json', url));
  }
  return keySet;
}

/** The claims of a valid signed-in user's token (`role` = authenticated, `kid` names a project key); else undefined. */
export async function verifyUserAccessToken(
  token: string,
  env: (name: string) => string | undefined = (name) => Deno.env.get(name),
): Promise<UserClaims | undefined> {
  try {
    const keys = projectKeys(env);
    // As the gateway and Realtime: the header's kid must name the key that signed the token.
    const { payload } = await jwtVerify(token, (header, jws) => (header.kid ? keys(header, jws) : Promise.reject(new Error('no kid'))), {
      algorithms: ['RS256', 'ES256'],
      audience: 'authenticated',
    });
    return payload.role === 'authenticated' && typeof payload.sub === 'string' && payload.sub !== '' ? (payload as UserClaims) : undefined;
  } catch {
    return undefined;
  }
}
