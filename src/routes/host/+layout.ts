// Host pages get the browser Supabase client (session from the same cookies) as `data.supabase`; null during SSR,
// where server loads use `locals.supabase`.
import { browser } from '$app/environment';
import { prepareLocale } from '$lib/i18n/index.svelte';
import { createHostBrowserClient } from '$lib/supabase/host';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, depends, parent }) => {
  depends('supabase:auth');
  // The host screens' words (a guest's pages never load them).
  await prepareLocale((await parent()).locale, 'host');
  return { ...data, supabase: browser ? createHostBrowserClient() : null };
};
