// B23: the banner kept saying "Last call at 06:32 PM" after last call had passed.
import { describe, expect, it } from 'vitest';
import { barBanner, takesOrders } from './banner';

const at = '2026-12-01T18:32:00Z';
const settings = { is_open: true, last_call_at: at, max_open_orders_per_guest: 2, bartender_enabled: true };

describe('the bar banner', () => {
  it('announces last call, then says it has passed', () => {
    expect(barBanner(settings, Date.parse(at) - 60_000)).toEqual({ message: 'menu.lastCall', at });
    expect(barBanner(settings, Date.parse(at) + 1)).toEqual({ message: 'menu.lastCallPassed' });
    expect(takesOrders(settings, Date.parse(at) + 1)).toBe(false);
  });

  it('says when the bar is closed, and nothing on a normal night', () => {
    expect(barBanner({ ...settings, is_open: false }, 0)).toEqual({ message: 'menu.barClosed' });
    expect(barBanner({ ...settings, last_call_at: null }, 0)).toBeNull();
    expect(takesOrders({ ...settings, last_call_at: null }, 0)).toBe(true);
  });
});
