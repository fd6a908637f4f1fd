// UI language: English and German. A visitor's choice is remembered on the device (localStorage and a
// cookie, so the server renders the next page in it too); without one, the browser's languages decide.
// `t()` reads reactive state, so templates update on a switch.
import type { MessageKey } from './en';
import { isLoaded, loadedMessages, loadMessages, type Part } from './dictionaries';
import { chooseLocale, LOCALE_COOKIE, LOCALES, type Locale } from './locale';
import { translate } from './translate';

export { LOCALES, type Locale };
const STORAGE_KEY = 'barkeep.locale';
const state = $state({ locale: 'en' as Locale });

export function locale(): Locale {
  return state.locale;
}

/** Switches the language once its dictionary is there (at once when it was preloaded: see `preloadLocale`). */
export async function setLocale(next: Locale): Promise<void> {
  await loadMessages(next);
  state.locale = next;
  if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, next);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = next;
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
  }
}

/** Starts loading a language's dictionary ahead of a switch to it (the switch is hovered or focused). */
export function preloadLocale(next: Locale): void {
  loadMessages(next).catch(() => undefined);
}

/**
 * The language a page is rendered in. On the server `serverLocale` (cookie or Accept-Language) decides; in the
 * browser a choice saved on the device wins over what a cached page was rendered with.
 */
function pageLocale(serverLocale?: Locale | null): Locale {
  if (typeof localStorage === 'undefined') return serverLocale ?? 'en';
  return chooseLocale(localStorage.getItem(STORAGE_KEY), serverLocale ? [serverLocale] : navigator.languages);
}

/**
 * Loads the dictionary `initLocale(serverLocale)` will pick (its `part`: the host pages ask for theirs); the
 * layouts' loads wait for it before rendering.
 */
export async function prepareLocale(serverLocale?: Locale | null, part: Part = 'shared'): Promise<void> {
  // A dictionary that cannot load (offline before the service worker cached it) leaves the page in English.
  await loadMessages(pageLocale(serverLocale), part)
    .catch(() => loadMessages('en', part))
    .catch(() => undefined);
}

/** Sets the language for this render, before the first one, so nothing flashes in the wrong language. */
export function initLocale(serverLocale?: Locale | null): void {
  const chosen = pageLocale(serverLocale);
  state.locale = isLoaded(chosen) ? chosen : 'en';
  if (typeof document !== 'undefined') document.documentElement.lang = state.locale;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const messages = loadedMessages(state.locale);
  // English is the fallback for a part that could not load in this language.
  return key in messages ? translate(messages, state.locale, key, params) : translate(loadedMessages('en'), 'en', key, params);
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(state.locale, { hour: '2-digit', minute: '2-digit' });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(state.locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

export type { MessageKey };
