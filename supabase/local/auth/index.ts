// Supabase Auth (GoTrue) compatible service for the embedded stack: email + password sign-in, rotating refresh
// tokens, the signed-in user, sign-out scopes and the admin user API, in GoTrue's wire shapes (see README
// "How it works"). Parse → handler → response; expected errors are AuthError, anything else is thrown to the gateway.
import type { Service, ServiceContext } from '../shared/service.ts';
import { AuthError, errorResponse, requestedApiVersion, API_VERSION_HEADER } from './errors.ts';
import type { AuthContext } from './handlers/context.ts';
import { createAddressLimiter, createFailedSignInLimiter } from './rate-limit.ts';
import { matchAuthRoute } from './routes.ts';
import { readAuthSettings } from './settings.ts';

const PREFIX = '/auth/v1';
const FIVE_MINUTES = 5 * 60_000;

/** GoTrue's answer to an unexpected failure; the gateway has logged the error under `requestId`. */
export function unexpectedFailure(requestId: string, request: Request): Response {
  const apiVersion = requestedApiVersion(request.headers.get(API_VERSION_HEADER));
  return errorResponse(
    new AuthError(500, 'unexpected_failure', `Unexpected failure, please check server logs for more information (request ${requestId})`),
    apiVersion,
  );
}

export function createAuthService(context: ServiceContext): Service & { internalError: typeof unexpectedFailure } {
  const settings = readAuthSettings(context.config.supabaseDir);
  const auth: AuthContext = {
    sql: context.sql,
    verify: context.verifyAccessToken,
    settings,
    signingKey: context.keys.signingKey,
    jwks: context.jwks,
    issuer: `${context.config.apiUrl}${PREFIX}`,
    signInLimiter: createFailedSignInLimiter(),
    addressLimits: {
      signIn: createAddressLimiter({ limit: settings.rateLimits.signInSignUps, windowMs: FIVE_MINUTES }),
      refresh: createAddressLimiter({ limit: settings.rateLimits.tokenRefresh, windowMs: FIVE_MINUTES }),
    },
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
        // Anything else (a body over the limit included) goes to the gateway's one error handler: it answers 413,
        // or logs the failure with a request id and answers with `unexpectedFailure`.
        throw error;
      }
    },
    internalError: unexpectedFailure,
    async close() {},
  };
}
