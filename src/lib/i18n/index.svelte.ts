// UI language: English and German. A visitor's choice is remembered on the device (localStorage and a
// cookie, so the server renders the next page in it too); without one, the browser's languages decide.
// `t()` reads reactive state, so templates update on a switch.
import type { MessageKey } from './en';
import { chooseLocale, LOCALE_COOKIE, LOCALES, type Locale } from './locale';
import { translate } from './translate';

export { LOCALES, type Locale };
const STORAGE_KEY = 'barkeep.locale';
const state = $state({ locale: 'en' as Locale });

export function locale(): Locale {
  return state.locale;
}

export function setLocale(next: Locale): void {
  state.locale = next;
  if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, next);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = next;
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
  }
}

/**
 * Sets the language for this render. On the server `serverLocale` (cookie or Accept-Language) decides; in the
 * browser a choice saved on the device wins over what a cached page was rendered with.
 */
export function initLocale(serverLocale?: Locale | null): void {
  if (typeof localStorage === 'undefined') {
    state.locale = serverLocale ?? 'en';
    return;
  }
  const chosen = chooseLocale(localStorage.getItem(STORAGE_KEY), serverLocale ? [serverLocale] : navigator.languages);
  state.locale = chosen;
  document.documentElement.lang = chosen;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return translate(state.locale, key, params);
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(state.locale, { hour: '2-digit', minute: '2-digit' });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(state.locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

export type { MessageKey };
