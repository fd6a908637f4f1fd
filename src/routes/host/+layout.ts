// Host pages get the browser Supabase client (session from the same cookies) as `data.supabase`; null during SSR,
// where server loads use `locals.supabase`.
import { browser } from '$app/environment';
import { createHostBrowserClient } from '$lib/supabase/host';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, depends }) => {
  depends('supabase:auth');
  return { ...data, supabase: browser ? createHostBrowserClient() : null };
};
