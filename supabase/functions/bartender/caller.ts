// Who is asking, and the database client that acts as them. Every read and write of the bartender goes
// through PostgREST with the caller's own JWT — never the service role — so RLS and the order trigger
// decide what it can see and do, exactly as for the app.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';

export interface Caller {
  token: string;
  /** The user's id: a guest's user_key or a host's auth user id. */
  sub: string;
  isGuest: boolean;
  client: SupabaseClient;
}

function claimsOf(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
    return typeof claims === 'object' && claims !== null ? claims : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The caller from `Authorization: Bearer <user token>`, or undefined for anything that is not a signed-in
 * user (no token, the anon or service-role key). The signature is checked by verify_jwt at the gateway and
 * again by PostgREST on the first query (a forged token gets 401 there).
 */
export function callerFrom(request: Request, env: { url: string; anonKey: string }): Caller | undefined {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  const claims = token ? claimsOf(token) : undefined;
  if (!token || !claims || claims.role !== 'authenticated' || typeof claims.sub !== 'string' || claims.sub === '') return undefined;
  const client = createClient(env.url, env.anonKey, {
    accessToken: async () => token,
    auth: { persistSession: false, autoRefreshToken: false },
  });
  return { token, sub: claims.sub, isGuest: claims.is_guest === true, client };
}
