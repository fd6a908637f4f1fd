// push-dispatch: drains the push queue (private.push_outbox). Called with the service role key by the local
// stack's waker on commit, and on hosted Supabase by a database webhook plus a pg_cron sweep.
import { json, preflight } from '../_shared/http.ts';
import { dispatch } from './dispatch.ts';
import { DEFAULT_RETRY_POLICY } from './outcome.ts';

function env(name: string): string {
  const value = Deno.env.get(name);
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** verify_jwt has checked the signature; only the service role may run the dispatcher. */
function isServiceRole(authorization: string | null): boolean {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return false;
  try {
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))));
    return claims?.role === 'service_role';
  } catch {
    return false;
  }
}

const maxAttempts = Number(Deno.env.get('PUSH_MAX_ATTEMPTS') ?? DEFAULT_RETRY_POLICY.maxAttempts);
// Only a test stack sets this (its fake push service runs on loopback http); see endpoint.ts.
const allowLoopback = Deno.env.get('PUSH_ALLOW_LOOPBACK_ENDPOINTS') === 'true';

Deno.serve(async (request) => {
  const early = preflight(request);
  if (early) return early;
  if (request.method !== 'POST') return json(405, { error: { code: 'method_not_allowed', message: 'Use POST.' } });
  if (!isServiceRole(request.headers.get('authorization'))) {
    return json(403, { error: { code: 'forbidden', message: 'Only the service role may dispatch pushes.' } });
  }
  try {
    const summary = await dispatch({
      supabaseUrl: env('SUPABASE_URL'),
      serviceRoleKey: env('SUPABASE_SERVICE_ROLE_KEY'),
      vapid: { subject: env('VAPID_SUBJECT'), publicKey: env('VAPID_PUBLIC_KEY'), privateKey: env('VAPID_PRIVATE_KEY') },
      policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: Number.isInteger(maxAttempts) && maxAttempts > 0 ? maxAttempts : DEFAULT_RETRY_POLICY.maxAttempts },
      endpointPolicy: { allowLoopback },
    });
    return json(200, summary);
  } catch (error) {
    const id = crypto.randomUUID();
    console.error(`push-dispatch ${id}:`, error);
    return json(500, { error: { code: 'internal', message: `Dispatch failed (request ${id}).` } });
  }
});
