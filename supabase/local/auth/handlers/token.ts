// POST /token?grant_type=password|refresh_token — sign-in and refresh, answering GoTrue's AccessTokenResponse.
import { AuthError, badRequest, unprocessable } from '../errors.ts';
import { clientInfo, clientIp, jsonResponse, optionalString, readJsonObject } from '../http.ts';
import { verifyPassword } from '../passwords.ts';
import { createSession, refreshSession, type AuthSession } from '../sessions.ts';
import { mintAccessToken } from '../tokens.ts';
import { findUserByEmail, findUserById, isBanned, recordSignIn, userJson, type AuthUser } from '../users.ts';
import type { AuthContext, AuthHandler, AuthRequest } from './context.ts';

const invalidCredentials = () => badRequest('invalid_credentials', 'Invalid login credentials');

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
  if (waitMs > 0) {
    throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached', undefined, { 'retry-after': String(Math.ceil(waitMs / 1000)) });
  }

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

export const token: AuthHandler = async (context, input) => {
  const grantType = input.url.searchParams.get('grant_type');
  switch (grantType) {
    case 'password':
      return passwordGrant(context, input);
    case 'refresh_token':
      return refreshTokenGrant(context, input);
    default:
      throw badRequest('validation_failed', `unsupported_grant_type: ${grantType ?? '(none)'} (the embedded stack supports password and refresh_token)`);
  }
};
