// /rest/v1 as a service: the gateway's contract in front of the PostgREST process. It binds a token's `kid` to
// the key that signed it (PostgREST 12 accepts any key of its JWKS) and says so when PostgREST is restarting.
// It is a ProxyService: the gateway streams requests it allows straight to PostgREST.
import { bearerToken, InvalidJwtError, type VerifyAccessToken } from '../shared/jwt.ts';
import { proxyRequest, UpstreamUnavailableError } from '../shared/proxy.ts';
import type { ProxyService, RequestHead, UpstreamTarget } from '../shared/service.ts';

const PREFIX = '/rest/v1';

function problem(status: number, code: string, message: string, hint: string | null, headers: Record<string, string> = {}): Response {
  return Response.json({ code, details: null, hint, message }, { status, headers });
}

export function createRestService(options: { origin: string; verifyAccessToken: VerifyAccessToken }): ProxyService {
  const unavailable = () => problem(503, 'PGRST000', 'REST API unavailable', 'PostgREST is restarting; try again in a moment.');

  async function target(head: RequestHead): Promise<UpstreamTarget | Response> {
    const token = bearerToken(head.header('authorization'));
    if (token) {
      try {
        await options.verifyAccessToken(token);
      } catch (error) {
        const message = error instanceof InvalidJwtError ? error.message : 'JWT invalid';
        return problem(401, 'PGRST301', message, null, { 'www-authenticate': `Bearer error="invalid_token", error_description="${message}"` });
      }
    }
    return { origin: options.origin, path: (head.url.pathname.slice(PREFIX.length) || '/') + head.url.search };
  }

  return {
    target,
    unavailable,
    async handle(request) {
      const destination = await target({ method: request.method, url: new URL(request.url), header: (name) => request.headers.get(name) ?? undefined });
      if (destination instanceof Response) return destination;
      try {
        return await proxyRequest(request, destination.origin, destination.path);
      } catch (error) {
        if (error instanceof UpstreamUnavailableError) return unavailable();
        throw error;
      }
    },
    async close() {},
  };
}
