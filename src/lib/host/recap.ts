// The party recap, pure: what was drunk, by whom, and the busiest hour — from the orders alone.
import type { OrderStatus } from '$lib/orders/status';
import type { HostClient } from '$lib/supabase/host';
import { outcomeOf, type Outcome } from './outcome';

export interface RecapOrder {
  drink_name: string;
  status: OrderStatus;
  created_at: string;
  guests: { username: string } | null;
  /** The guest's one-tap verdict after "served" (public.order_ratings), if any. */
  order_ratings?: { rating: string } | null;
}

export interface Recap {
  served: number;
  cancelled: number;
  open: number;
  topDrinks: { name: string; count: number }[];
  guests: { name: string; count: number; drinks: string[] }[];
  busiestHour: { hour: number; count: number } | null;
  /** Drinks by how many guests liked them (ties: fewer "not for me" first), only rated ones. */
  favourites: { name: string; likes: number; dislikes: number }[];
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
  const ratings = new Map<string, { likes: number; dislikes: number }>();
  for (const order of served) {
    const rating = order.order_ratings?.rating;
    if (rating !== 'liked' && rating !== 'not_for_me') continue;
    const counts = ratings.get(order.drink_name) ?? { likes: 0, dislikes: 0 };
    if (rating === 'liked') counts.likes++;
    else counts.dislikes++;
    ratings.set(order.drink_name, counts);
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
    favourites: [...ratings.entries()]
      .map(([name, counts]) => ({ name, ...counts }))
      .sort((a, b) => b.likes - a.likes || a.dislikes - b.dislikes || a.name.localeCompare(b.name))
      .slice(0, 5),
  };
}

/** Every order of the party, for the recap. */
export async function loadRecap(client: HostClient): Promise<Outcome<Recap>> {
  const outcome = outcomeOf(await client.from('orders').select('drink_name, status, created_at, guests(username), order_ratings(rating)').limit(10_000));
  return outcome.ok ? { ok: true, value: buildRecap(outcome.value) } : outcome;
}
