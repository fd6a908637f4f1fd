// The guest's Supabase client, and nothing else: it sends the guest's own RS256 token through supabase-js's
// `accessToken` option (so it is separate from the host client, whose `supabase.auth` would throw here).
// Where the token comes from, and when it is refreshed, is src/lib/guest/session.svelte.ts's business.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { supabaseAnonKey, supabaseUrl } from './config.ts';

export type GuestClient = SupabaseClient<Database>;

export function createGuestClient(accessToken: () => Promise<string | null>): GuestClient {
  return createClient<Database>(supabaseUrl(location.hostname), supabaseAnonKey(), { accessToken });
}
