// /rest/v1 as a service: the gateway's contract in front of the PostgREST process. It binds a token's `kid` to
// the key that signed it (PostgREST 12 accepts any key of its JWKS) and says so when PostgREST is restarting.
import { bearerToken, InvalidJwtError, type VerifyAccessToken } from '../shared/jwt.ts';
import { proxyRequest, UpstreamUnavailableError } from '../shared/proxy.ts';
import type { Service } from '../shared/service.ts';

const PREFIX = '/rest/v1';

function problem(status: number, code: string, message: string, hint: string | null, headers: Record<string, string> = {}): Response {
  return Response.json({ code, details: null, hint, message }, { status, headers });
}

export function createRestService(options: { origin: string; verifyAccessToken: VerifyAccessToken }): Service {
  return {
    async handle(request) {
      const token = bearerToken(request.headers.get('authorization'));
      if (token) {
        try {
          await options.verifyAccessToken(token);
        } catch (error) {
          const message = error instanceof InvalidJwtError ? error.message : 'JWT invalid';
          return problem(401, 'PGRST301', message, null, { 'www-authenticate': `Bearer error="invalid_token", error_description="${message}"` });
        }
      }
      const url = new URL(request.url);
      const path = (url.pathname.slice(PREFIX.length) || '/') + url.search;
      try {
        return await proxyRequest(request, options.origin, path);
      } catch (error) {
        if (error instanceof UpstreamUnavailableError)
          return problem(503, 'PGRST000', 'REST API unavailable', 'PostgREST is restarting; try again in a moment.');
        throw error;
      }
    },
    async close() {},
  };
}
