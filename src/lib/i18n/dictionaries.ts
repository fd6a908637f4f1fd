// The UI's dictionaries. English is the default and always at hand; German is loaded when a page is shown in it
// (the layout's load waits for it, so the first render is already German) or the visitor switches to it — so
// nobody downloads the language they do not read.
import { deferred } from '$lib/components/deferred';
import { en, type Messages } from './en';
import type { Locale } from './locale';

const loaded: Partial<Record<Locale, Messages>> = { en };
const loaders: Record<Locale, () => Promise<Messages>> = {
  en: async () => en,
  de: deferred(() => import('./de').then((module) => (loaded.de = module.de))),
};

/** The dictionary of `locale` if it is loaded, else undefined. */
export function loadedMessages(locale: Locale): Messages | undefined {
  return loaded[locale];
}

export function loadMessages(locale: Locale): Promise<Messages> {
  return loaders[locale]();
}
