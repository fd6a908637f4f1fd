// Which UI language a visitor gets, pure: their own choice (a cookie the server sees too), else the
// browser's languages in order, else English.
export type Locale = 'en' | 'de';
export const LOCALES: Locale[] = ['en', 'de'];
export const LOCALE_COOKIE = 'barkeep-locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'de';
}

/** From an Accept-Language header or navigator.languages: the first language we speak. */
export function preferredLocale(languages: readonly string[] | string | null | undefined): Locale {
  const list = typeof languages === 'string' ? languages.split(',').map((part) => part.split(';')[0]) : (languages ?? []);
  for (const language of list) {
    const base = language.trim().toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export function chooseLocale(saved: string | null | undefined, languages: readonly string[] | string | null | undefined): Locale {
  return isLocale(saved) ? saved : preferredLocale(languages);
}
