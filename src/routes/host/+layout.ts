// PLACEHOLDER until feat/auth lands on main (same shape): host pages get the browser client as
// `data.supabase`; null during SSR.
import { browser } from '$app/environment';
import { createHostBrowserClient } from '$lib/supabase/host';

export const load = async () => ({ supabase: browser ? createHostBrowserClient() : null });
