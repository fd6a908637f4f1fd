// Supabase Auth (GoTrue) compatible service for the embedded stack: email + password sign-in, rotating refresh
// tokens, the signed-in user, sign-out scopes and the admin user API, in GoTrue's wire shapes (see README
// "How it works"). Parse → handler → response; expected errors are AuthError, anything else an opaque 500.
import { randomUUID } from 'node:crypto';
import type { Service, ServiceContext } from '../shared/service.ts';
import { AuthError, errorResponse, requestedApiVersion, API_VERSION_HEADER } from './errors.ts';
import type { AuthContext } from './handlers/context.ts';
import { createFailedSignInLimiter } from './rate-limit.ts';
import { matchAuthRoute } from './routes.ts';
import { readAuthSettings } from './settings.ts';

const PREFIX = '/auth/v1';

export function createAuthService(context: ServiceContext): Service {
  const auth: AuthContext = {
    sql: context.sql,
    verify: context.verifyAccessToken,
    settings: readAuthSettings(context.config.supabaseDir),
    signingKey: context.keys.signingKey,
    jwks: context.jwks,
    issuer: `${context.config.apiUrl}${PREFIX}`,
    signInLimiter: createFailedSignInLimiter(),
  };

  return {
    async handle(request) {
      const url = new URL(request.url);
      const apiVersion = requestedApiVersion(request.headers.get(API_VERSION_HEADER));
      try {
        const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) || '/' : url.pathname;
        const match = matchAuthRoute(request.method, path);
        if ('status' in match) {
          throw match.status === 404 ? new AuthError(404, 'not_found', 'Not Found') : new AuthError(405, 'method_not_allowed', 'Method Not Allowed');
        }
        return await match.handler(auth, { request, url, apiVersion, userId: match.userId });
      } catch (error) {
        if (error instanceof AuthError) return errorResponse(error, apiVersion);
        const requestId = randomUUID();
        context.log.error('auth', `request ${requestId} ${request.method} ${url.pathname} failed`, error);
        return errorResponse(new AuthError(500, 'unexpected_failure', `Unexpected failure, please check server logs for more information (request ${requestId})`), apiVersion);
      }
    },
    async close() {},
  };
}
