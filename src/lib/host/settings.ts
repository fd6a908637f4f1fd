// The bar's switches: open or closed, last call, open orders per guest.
import { SETTINGS_COLUMNS, type BarSettings } from '$lib/bar/types';
import type { HostClient } from '$lib/supabase/host';
import { outcomeOf, present, refused, type Outcome } from './outcome';

export const MAX_OPEN_ORDERS = { min: 1, max: 20 };

export async function loadSettings(client: HostClient): Promise<Outcome<BarSettings>> {
  return present(outcomeOf(await client.from('bar_settings').select(SETTINGS_COLUMNS).single()));
}

/** Checks the form first (an empty or out-of-range number is said so, B9), then saves. */
export async function saveSettings(client: HostClient, change: Partial<BarSettings>): Promise<Outcome<BarSettings>> {
  if ('max_open_orders_per_guest' in change) {
    const value = change.max_open_orders_per_guest;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < MAX_OPEN_ORDERS.min || value > MAX_OPEN_ORDERS.max)
      return refused('settings.maxOpenRange');
  }
  return present(outcomeOf(await client.from('bar_settings').update(change).eq('id', true).select(SETTINGS_COLUMNS).single()));
}
