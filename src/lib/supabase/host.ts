// PLACEHOLDER until feat/auth lands on main (same exported name): the host's browser client, whose
// session comes from Supabase Auth (email + password).
import { createBrowserClient } from '@supabase/ssr';
import type { SupabaseClient } from '@supabase/supabase-js';
import { supabaseAnonKey, supabaseUrl } from './config';

export function createHostBrowserClient(): SupabaseClient {
  return createBrowserClient(supabaseUrl(location.hostname), supabaseAnonKey());
}
