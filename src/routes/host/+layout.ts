// PLACEHOLDER until feat/auth lands on main: provides `data.supabase` (the host client) to host pages.
import { createHostBrowserClient } from '$lib/supabase/host';

export const ssr = false;

export const load = () => ({ supabase: createHostBrowserClient() });
