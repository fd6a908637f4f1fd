// POST /token?grant_type=password|refresh_token — sign-in and refresh, answering GoTrue's AccessTokenResponse.
import { AuthError, badRequest, unprocessable } from '../errors.ts';
import { clientInfo, clientIp, jsonResponse, optionalString, readJsonObject } from '../http.ts';
import { verifyPassword } from '../passwords.ts';
import { createSession, refreshSession, type AuthSession } from '../sessions.ts';
import { mintAccessToken } from '../tokens.ts';
import { findUserByEmail, findUserById, isBanned, recordSignIn, userJson, type AuthUser } from '../users.ts';
import type { AuthContext, AuthHandler, AuthRequest } from './context.ts';

const invalidCredentials = () => badRequest('invalid_credentials', 'Invalid login credentials');

function rateLimited(waitMs: number): AuthError {
  return new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached', undefined, { 'retry-after': String(Math.ceil(waitMs / 1000)) });
}

async function tokenResponse(context: AuthContext, input: AuthRequest, user: AuthUser, session: AuthSession, refreshToken: string): Promise<Response> {
  const { token, expiresAt } = await mintAccessToken({
    user,
    sessionId: session.id,
    signedInAt: session.created_at,
    issuer: context.issuer,
    expiresIn: context.settings.jwtExpiry,
    signingKey: context.signingKey,
  });
  return jsonResponse(
    {
      access_token: token,
      token_type: 'bearer',
      expires_in: context.settings.jwtExpiry,
      expires_at: expiresAt,
      refresh_token: refreshToken,
      user: await userJson(context.sql, user),
    },
    input.apiVersion,
  );
}

async function passwordGrant(context: AuthContext, input: AuthRequest): Promise<Response> {
  const body = await readJsonObject(input.request);
  const email = optionalString(body, 'email')?.trim() ?? '';
  const password = optionalString(body, 'password') ?? '';
  if (optionalString(body, 'phone')) throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
  if (!email) throw badRequest('validation_failed', 'missing email or phone');

  const ip = clientIp(input.request) ?? 'unknown';
  const waitMs = context.signInLimiter.retryAfterMs(email, ip);
  if (waitMs > 0) throw rateLimited(waitMs);

  const user = await findUserByEmail(context.sql, email);
  const passwordMatches = await verifyPassword(password, user?.encrypted_password);
  if (!user || !passwordMatches) {
    context.signInLimiter.recordFailure(email, ip);
    throw invalidCredentials();
  }
  context.signInLimiter.recordSuccess(email, ip);
  if (isBanned(user)) throw badRequest('user_banned', 'User is banned');
  if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');

  const { session, refreshToken } = await createSession(context.sql, user.id, clientInfo(input.request));
  await recordSignIn(context.sql, user.id);
  const signedIn = (await findUserById(context.sql, user.id)) ?? user;
  return tokenResponse(context, input, signedIn, session, refreshToken);
}

async function refreshTokenGrant(context: AuthContext, input: AuthRequest): Promise<Response> {
  const body = await readJsonObject(input.request);
  const presented = optionalString(body, 'refresh_token');
  if (!presented) throw badRequest('validation_failed', 'refresh_token required');
  const { session, refreshToken } = await refreshSession(context.sql, presented, {
    rotation: context.settings.refreshTokenRotation,
    reuseIntervalSeconds: context.settings.refreshTokenReuseInterval,
    client: clientInfo(input.request),
  });
  const user = await findUserById(context.sql, session.user_id);
  if (!user) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  if (isBanned(user)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
  return tokenResponse(context, input, user, session, refreshToken);
}

/** Grants GoTrue knows that need features this service does not have: GoTrue's refusal when they are off. */
const DISABLED_GRANTS: Record<string, () => AuthError> = {
  pkce: () => new AuthError(404, 'feature_disabled', 'PKCE flow is disabled: sign in with a password'),
  id_token: () => badRequest('provider_disabled', 'Provider is not enabled'),
  web3: () => unprocessable('web3_provider_disabled', 'Web3 provider is disabled'),
};

/**
 * POST /token. As GoTrue's Token: the grant decides the handler, and the caller's address is counted before
 * anything else happens (no body read, no password hashed) — 30 sign-ins and 150 refreshes per 5 minutes.
 */
export const token: AuthHandler = async (context, input) => {
  const grantType = input.url.searchParams.get('grant_type') ?? '';
  const handler = grantType === 'password' ? passwordGrant : grantType === 'refresh_token' ? refreshTokenGrant : undefined;
  if (!handler) throw DISABLED_GRANTS[grantType]?.() ?? badRequest('invalid_credentials', 'unsupported_grant_type');
  const limiter = grantType === 'password' ? context.addressLimits.signIn : context.addressLimits.refresh;
  const waitMs = limiter.take(clientIp(input.request) ?? 'unknown');
  if (waitMs > 0) throw rateLimited(waitMs);
  return handler(context, input);
};
