// German is loaded only for a page shown in German (or a switch to it), the host screens' words only by the host
// pages; until then nothing is German, and the host's words are missing.
import { describe, expect, it } from 'vitest';
import { loadedMessages } from './dictionaries';
import { initLocale, locale, prepareLocale, setLocale, t } from './index.svelte';

describe('dictionaries', () => {
  it('has English at hand and German only once a page asks for it; the host part only for host pages', async () => {
    expect(loadedMessages('en')['menu.title']).toBe('Menu');
    expect(loadedMessages('en')['sections.drinks']).toBeUndefined();
    expect(loadedMessages('de')['menu.title']).toBeUndefined();
    // A page whose German dictionary did not load (offline before it was cached) renders in English.
    initLocale('de');
    expect(locale()).toBe('en');
    expect(t('menu.title')).toBe('Menu');

    await prepareLocale('de');
    initLocale('de');
    expect(locale()).toBe('de');
    expect(t('menu.title')).toBe('Karte');
    expect(loadedMessages('de')['sections.drinks']).toBeUndefined();

    await prepareLocale('de', 'host');
    expect(t('sections.drinks', { count: 2 })).toBe('2 Getränke');
    // A switch loads every part in use in the new language.
    await setLocale('en');
    expect(t('sections.drinks', { count: 2 })).toBe('2 drinks');
  });
});
