import { describe, expect, it } from 'vitest';
import { RateWindow } from './limits.ts';

describe('RateWindow', () => {
  it('allows perSecond events per window and opens a new window after a second', () => {
    const window = new RateWindow(2);
    expect([window.take(1000), window.take(1200), window.take(1900)]).toEqual([true, true, false]);
    expect(window.take(2000)).toBe(true);
  });
});
