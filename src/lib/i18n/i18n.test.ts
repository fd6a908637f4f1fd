import { describe, expect, it } from 'vitest';
import { de } from './de';
import { deHost } from './de-host';
import { en } from './en';
import { enHost } from './en-host';
import { chooseLocale, preferredLocale } from './locale';

describe('UI language', () => {
  it('follows the browser: the first language we speak', () => {
    expect(preferredLocale('de-DE,de;q=0.9,en;q=0.8')).toBe('de');
    expect(preferredLocale(['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(preferredLocale('fr-FR')).toBe('en');
    expect(preferredLocale(null)).toBe('en');
    expect(chooseLocale('en', 'de-DE')).toBe('en');
    expect(chooseLocale('xx', 'de-DE')).toBe('de');
  });

  it('has every message in both languages, with the same parameters', () => {
    const params = (message: unknown) => [...JSON.stringify(message).matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [english, german] of [
      [en, de],
      [enHost, deHost],
    ] as const) {
      for (const key of Object.keys(english) as (keyof typeof english)[]) {
        expect(german[key], key).toBeDefined();
        expect(new Set(params(german[key])), key).toEqual(new Set(params(english[key])));
      }
    }
  });
});
