// UI language: English by default, German as the second language. The choice is remembered per device;
// without one, the browser's language decides. `t()` reads reactive state, so templates update on switch.
import { de } from './de';
import { en, type MessageKey } from './en';

export type Locale = 'en' | 'de';
export const LOCALES: Locale[] = ['en', 'de'];
const STORAGE_KEY = 'barkeep.locale';
const messages: Record<Locale, Record<MessageKey, string>> = { en, de };
const state = $state({ locale: 'en' as Locale });

export function locale(): Locale {
  return state.locale;
}

export function setLocale(next: Locale): void {
  state.locale = next;
  if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, next);
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** Call once in the browser (e.g. in a layout's onMount / $effect). */
export function initLocale(): void {
  const saved = localStorage.getItem(STORAGE_KEY);
  const preferred = saved === 'de' || saved === 'en' ? saved : navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
  setLocale(preferred);
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[state.locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(state.locale, { hour: '2-digit', minute: '2-digit' });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(state.locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

export type { MessageKey };
