// Host pages get their Supabase client from the host layout as `data.supabase`, which is null during SSR:
// they load data in the browser only, through this accessor.
import type { HostClient } from '$lib/supabase/host';

export function hostClient(data: { supabase: HostClient | null }): HostClient {
  if (!data.supabase) throw new Error('The host client exists only in the browser: load host data in onMount.');
  return data.supabase;
}
