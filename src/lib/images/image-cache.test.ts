import { describe, expect, it } from 'vitest';
import { evictions, isDrinkImage } from './image-cache';

describe('the drink photo cache', () => {
  it('caches public drink photos only', () => {
    expect(isDrinkImage(new URL('http://bar:54321/storage/v1/object/public/drink-images/drinks/x/v/320.webp'))).toBe(true);
    expect(isDrinkImage(new URL('http://bar:54321/storage/v1/object/sign/drink-images/drinks/x/v/320.webp?token=t'))).toBe(false);
    expect(isDrinkImage(new URL('http://bar:54321/rest/v1/drinks'))).toBe(false);
  });

  it('evicts the oldest entries until both the entry and the byte limit hold', () => {
    const entries = [1, 2, 3, 4].map((n) => ({ url: `u${n}`, bytes: n * 100 }));
    expect(evictions(entries, { maxEntries: 10, maxBytes: 10_000 })).toEqual([]);
    expect(evictions(entries, { maxEntries: 2, maxBytes: 10_000 })).toEqual(['u1', 'u2']);
    expect(evictions(entries, { maxEntries: 10, maxBytes: 700 })).toEqual(['u1', 'u2']);
    // An entry larger than the whole budget is not kept either.
    expect(evictions(entries, { maxEntries: 3, maxBytes: 350 })).toEqual(['u1', 'u2', 'u3', 'u4']);
  });
});
