// Who is calling: GoTrue's requireAuthentication (a user's access token whose user and session still exist) and
// requireAdmin (a service-role token). Tokens are checked by the stack's one JWT verifier.
import { bearerToken, InvalidJwtError, type AccessTokenClaims, type VerifyAccessToken } from '../shared/jwt.ts';
import type { Sql } from 'postgres';
import { AuthError, badRequest, forbidden } from './errors.ts';
import { findSession, type AuthSession } from './sessions.ts';
import { findUserById, type AuthUser } from './users.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ADMIN_ROLES = new Set(['service_role', 'supabase_admin']);

export interface Caller {
  claims: AccessTokenClaims;
  user: AuthUser;
  session: AuthSession | undefined;
}

async function verifiedClaims(request: Request, verify: VerifyAccessToken): Promise<AccessTokenClaims> {
  const token = bearerToken(request.headers.get('authorization'));
  if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  try {
    return await verify(token);
  } catch (error) {
    const reason = error instanceof InvalidJwtError && error.expired ? 'token has invalid claims: token is expired' : (error as Error).message;
    throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${reason}`);
  }
}

export async function requireUser(request: Request, sql: Sql, verify: VerifyAccessToken): Promise<Caller> {
  const claims = await verifiedClaims(request, verify);
  if (!claims.sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
  if (!UUID.test(claims.sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
  const user = await findUserById(sql, claims.sub);
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
  let session: AuthSession | undefined;
  const sessionId = claims.session_id;
  if (typeof sessionId === 'string' && sessionId !== '00000000-0000-0000-0000-000000000000') {
    session = UUID.test(sessionId) ? await findSession(sql, sessionId) : undefined;
    if (!session || session.user_id !== user.id) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
  }
  return { claims, user, session };
}

export async function requireAdmin(request: Request, verify: VerifyAccessToken): Promise<void> {
  const claims = await verifiedClaims(request, verify);
  if (!ADMIN_ROLES.has(claims.role)) throw forbidden('not_admin', 'User not allowed');
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
