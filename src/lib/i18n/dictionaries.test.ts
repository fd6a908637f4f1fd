// German is loaded only for a page shown in German (or a switch to it); until then nothing is German.
import { describe, expect, it } from 'vitest';
import { loadedMessages } from './dictionaries';
import { initLocale, locale, prepareLocale, setLocale, t } from './index.svelte';

describe('dictionaries', () => {
  it('has English at hand and German only once a page asks for it', async () => {
    expect(loadedMessages('en')?.['menu.title']).toBe('Menu');
    expect(loadedMessages('de')).toBeUndefined();
    // A page whose German dictionary did not load (offline before it was cached) renders in English.
    initLocale('de');
    expect(locale()).toBe('en');
    expect(t('menu.title')).toBe('Menu');

    await prepareLocale('de');
    initLocale('de');
    expect(locale()).toBe('de');
    expect(t('menu.title')).toBe('Karte');
    await setLocale('en');
    expect(t('menu.title')).toBe('Menu');
  });
});
