// The party recap, pure: what was drunk, by whom, and the busiest hour — from the orders alone.
import type { OrderStatus } from '$lib/orders/status';
import type { HostClient } from '$lib/supabase/host';
import { outcomeOf, type Outcome } from './outcome';

export interface RecapOrder {
  drink_name: string;
  status: OrderStatus;
  created_at: string;
  guests: { username: string } | null;
}

export interface Recap {
  served: number;
  cancelled: number;
  open: number;
  topDrinks: { name: string; count: number }[];
  guests: { name: string; count: number; drinks: string[] }[];
  busiestHour: { hour: number; count: number } | null;
}

const byCountThenName = (a: { name: string; count: number }, b: { name: string; count: number }) => b.count - a.count || a.name.localeCompare(b.name);

/** Counts served drinks only; `hourOf` maps a timestamp to the local hour (injected for tests). */
export function buildRecap(orders: RecapOrder[], hourOf: (iso: string) => number = (iso) => new Date(iso).getHours()): Recap {
  const served = orders.filter((order) => order.status === 'served');
  const drinks = new Map<string, number>();
  const guests = new Map<string, string[]>();
  const hours = new Map<number, number>();
  for (const order of served) {
    drinks.set(order.drink_name, (drinks.get(order.drink_name) ?? 0) + 1);
    const name = order.guests?.username ?? '–';
    guests.set(name, [...(guests.get(name) ?? []), order.drink_name]);
    const hour = hourOf(order.created_at);
    hours.set(hour, (hours.get(hour) ?? 0) + 1);
  }
  const busiest = [...hours.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  return {
    served: served.length,
    cancelled: orders.filter((order) => order.status === 'cancelled').length,
    open: orders.length - served.length - orders.filter((order) => order.status === 'cancelled').length,
    topDrinks: [...drinks.entries()]
      .map(([name, count]) => ({ name, count }))
      .sort(byCountThenName)
      .slice(0, 5),
    guests: [...guests.entries()].map(([name, list]) => ({ name, count: list.length, drinks: list })).sort(byCountThenName),
    busiestHour: busiest ? { hour: busiest[0], count: busiest[1] } : null,
  };
}

/** Every order of the party, for the recap. */
export async function loadRecap(client: HostClient): Promise<Outcome<Recap>> {
  const outcome = outcomeOf(await client.from('orders').select('drink_name, status, created_at, guests(username)').limit(10_000));
  return outcome.ok ? { ok: true, value: buildRecap(outcome.value) } : outcome;
}
