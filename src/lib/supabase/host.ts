// The host's Supabase client in the browser: Supabase Auth session kept in cookies by @supabase/ssr, shared with
// the server client made in hooks.server.ts (the only other place a host client is created).
import { createBrowserClient } from '@supabase/ssr';
import type { Session, SupabaseClient, User } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { supabaseAnonKey, supabaseUrl } from './config';
import { hostDocumentCookies } from './host-cookies';

export type HostClient = SupabaseClient<Database>;

/**
 * One cookie name for server and browser. supabase-js derives the default from the API hostname, which differs
 * between the server (127.0.0.1) and a phone on the Wi-Fi (192.168.…): both must read the same cookie.
 */
export const HOST_AUTH_COOKIE = 'sb-barkeep-host-auth-token';

/** What `event.locals.safeGetSession()` reports: a session only if the Auth server vouched for its user. */
export interface HostSession {
  session: Session | null;
  user: User | null;
  /** `public.is_host()` for this user, asked through the API under RLS. */
  isHost: boolean;
}

export function createHostBrowserClient(): HostClient {
  return createBrowserClient<Database>(supabaseUrl(location.hostname), supabaseAnonKey(), {
    cookieOptions: { name: HOST_AUTH_COOKIE, secure: location.protocol === 'https:' },
    cookies: hostDocumentCookies(document),
  });
}
