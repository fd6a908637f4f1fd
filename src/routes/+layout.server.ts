// Every page renders in the visitor's language from the first byte: their saved choice (a cookie), else
// the browser's Accept-Language. Prerendered pages (the offline page) are built in English and switch in the browser.
import { building } from '$app/environment';
import { chooseLocale, LOCALE_COOKIE } from '$lib/i18n/locale';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ cookies, request }) => ({
  // null while prerendering: the browser picks from its own languages then.
  locale: building ? null : chooseLocale(cookies.get(LOCALE_COOKIE), request.headers.get('accept-language')),
});
