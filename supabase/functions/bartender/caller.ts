// Who is asking, and the database client that acts as them. Every read and write of the bartender goes
// through PostgREST with the caller's own JWT — never the service role — so RLS and the order trigger
// decide what it can see and do, exactly as for the app.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { verifyUserAccessToken } from '../_shared/user-tokens.ts';

export interface Caller {
  token: string;
  /** The user's id: a guest's user_key or a host's auth user id. */
  sub: string;
  isGuest: boolean;
  client: SupabaseClient;
}

/**
 * The caller from `Authorization: Bearer <user token>`, or undefined for anything that is not a signed-in
 * user with a valid token (no token, a forged or expired one, the anon or service-role key). The function runs
 * with verify_jwt = false (hosted's platform check refuses RS256 guest tokens), so it checks the signature
 * itself; PostgREST checks it again on every query.
 */
export async function callerFrom(request: Request, env: { url: string; anonKey: string }): Promise<Caller | undefined> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  const claims = token ? await verifyUserAccessToken(token) : undefined;
  if (!token || !claims) return undefined;
  const client = createClient(env.url, env.anonKey, {
    accessToken: async () => token,
    auth: { persistSession: false, autoRefreshToken: false },
  });
  return { token, sub: claims.sub, isGuest: claims.is_guest === true, client };
}
