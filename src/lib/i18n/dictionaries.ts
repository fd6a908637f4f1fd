// The UI's dictionaries, two parts per language: the messages any page may need (en.ts, de.ts) and the host
// screens' (en-host.ts, de-host.ts). English's shared part is always at hand (default and fallback); every other
// part loads when a page needs it — the root layout's load the page's language, the host pages' load the host
// part, a language switch the parts in use — so a guest downloads neither the host's words nor a second language.
import { deferred } from '$lib/components/deferred';
import { en, type Messages } from './en';
import type { Locale } from './locale';

export type Part = 'shared' | 'host';

const loaded: Record<Locale, Partial<Messages>> = { en: { ...en }, de: {} };
const have: Record<Locale, Set<Part>> = { en: new Set(['shared']), de: new Set() };
/** The parts this page shows; a language switch loads them all in the new language. */
const inUse = new Set<Part>(['shared']);

const loaders: Record<Locale, Record<Part, () => Promise<Partial<Messages>>>> = {
  en: { shared: async () => en, host: deferred(() => import('./en-host').then((module) => module.enHost)) },
  de: {
    shared: deferred(() => import('./de').then((module) => module.de)),
    host: deferred(() => import('./de-host').then((module) => module.deHost)),
  },
};

/** What is loaded of `locale` (a key of a part not loaded is missing). */
export function loadedMessages(locale: Locale): Partial<Messages> {
  return loaded[locale];
}

/** Whether every part in use is loaded in `locale`. */
export function isLoaded(locale: Locale): boolean {
  return [...inUse].every((part) => have[locale].has(part));
}

/** Loads `part` (marking it in use) and every other part in use, in `locale`. */
export async function loadMessages(locale: Locale, part: Part = 'shared'): Promise<void> {
  inUse.add(part);
  await Promise.all(
    [...inUse].map(async (each) => {
      if (have[locale].has(each)) return;
      Object.assign(loaded[locale], await loaders[locale][each]());
      have[locale].add(each);
    }),
  );
}
