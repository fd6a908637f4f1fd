// Before the first render, on the server and in the browser: the dictionary of the page's language.
import { prepareLocale } from '$lib/i18n/index.svelte';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data }) => {
  await prepareLocale(data.locale);
  return data;
};
