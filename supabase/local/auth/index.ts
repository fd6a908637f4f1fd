// Supabase Auth (GoTrue) compatible service. Until it lands it serves the JWKS and answers 501 otherwise.
import type { Service, ServiceContext } from '../shared/service.ts';

export function createAuthService(context: ServiceContext): Service {
  return {
    async handle(request) {
      const { pathname } = new URL(request.url);
      if (pathname === '/auth/v1/.well-known/jwks.json') {
        return Response.json(context.jwks, { headers: { 'cache-control': 'public, max-age=600' } });
      }
      return Response.json({ code: 501, error_code: 'not_implemented', msg: 'Supabase Auth is not available in the embedded stack yet.' }, { status: 501 });
    },
    async close() {},
  };
}
