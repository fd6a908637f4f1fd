// B15: "1 orders", "1 drinks", "1 Bestellungen", "1 Getränke".
import { describe, expect, it } from 'vitest';
import { de } from './de';
import { en } from './en';
import { translate } from './translate';

describe('plurals', () => {
  it('chooses the form by Intl.PluralRules in English and German', () => {
    expect(translate(en, 'en', 'guests.orders', { count: 1 })).toBe('1 order');
    expect(translate(en, 'en', 'guests.orders', { count: 2 })).toBe('2 orders');
    expect(translate(en, 'en', 'sections.drinks', { count: 1 })).toBe('1 drink');
    expect(translate(en, 'en', 'sections.drinks', { count: 0 })).toBe('0 drinks');
    expect(translate(de, 'de', 'guests.orders', { count: 1 })).toBe('1 Bestellung');
    expect(translate(de, 'de', 'sections.drinks', { count: 1 })).toBe('1 Getränk');
    expect(translate(de, 'de', 'sections.drinks', { count: 5 })).toBe('5 Getränke');
  });
});
