// Host pages get their Supabase client from the host layout as `data.supabase`, which is null during SSR:
// they load data in the browser only, through this accessor.
import type { SupabaseClient } from '@supabase/supabase-js';

export function hostClient(data: { supabase: SupabaseClient | null }): SupabaseClient {
  if (!data.supabase) throw new Error('The host client exists only in the browser: load host data in onMount.');
  return data.supabase;
}
