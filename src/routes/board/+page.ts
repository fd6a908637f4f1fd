// The TV board is the host's screen too (it shows guests' names): the server guards /board like every host
// page (hooks.server.ts); here the host client, browser only, and a sign-in first should the session be gone.
import { redirect } from '@sveltejs/kit';
import { prepareLocale } from '$lib/i18n/index.svelte';
import { createHostBrowserClient } from '$lib/supabase/host';
import type { PageLoad } from './$types';

export const ssr = false;

export const load: PageLoad = async ({ parent }) => {
  await prepareLocale((await parent()).locale, 'host');
  const supabase = createHostBrowserClient();
  const { data } = await supabase.auth.getSession();
  if (!data.session) redirect(303, '/host/login?next=/board');
  return { supabase };
};
