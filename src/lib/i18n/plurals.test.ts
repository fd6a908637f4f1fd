// B15: "1 orders", "1 drinks", "1 Bestellungen", "1 Getränke".
import { describe, expect, it } from 'vitest';
import { deHost } from './de-host';
import { enHost } from './en-host';
import { translate } from './translate';

describe('plurals', () => {
  it('chooses the form by Intl.PluralRules in English and German', () => {
    expect(translate(enHost, 'en', 'guests.orders', { count: 1 })).toBe('1 order');
    expect(translate(enHost, 'en', 'guests.orders', { count: 2 })).toBe('2 orders');
    expect(translate(enHost, 'en', 'sections.drinks', { count: 1 })).toBe('1 drink');
    expect(translate(enHost, 'en', 'sections.drinks', { count: 0 })).toBe('0 drinks');
    expect(translate(deHost, 'de', 'guests.orders', { count: 1 })).toBe('1 Bestellung');
    expect(translate(deHost, 'de', 'sections.drinks', { count: 1 })).toBe('1 Getränk');
    expect(translate(deHost, 'de', 'sections.drinks', { count: 5 })).toBe('5 Getränke');
  });
});
