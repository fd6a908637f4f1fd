// Supabase Storage compatible service. Until it lands it answers 501.
import type { Service, ServiceContext } from '../shared/service.ts';

export function createStorageService(_context: ServiceContext): Service {
  return {
    async handle() {
      return Response.json({ statusCode: '501', error: 'not_implemented', message: 'Supabase Storage is not available in the embedded stack yet.' }, { status: 501 });
    },
    async close() {},
  };
}
