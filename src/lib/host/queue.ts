// The host's live queue, pure: lanes, counters and how urgent an order looks by its age.
import type { OrderStatus } from '$lib/orders/status';

export const LANES = ['pending', 'preparing', 'ready'] as const satisfies readonly OrderStatus[];
export type Lane = (typeof LANES)[number];
export type Age = 'fresh' | 'waiting' | 'late';

interface QueuedOrder {
  status: OrderStatus;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

/** Oldest first in each lane: first come, first served. */
export function groupIntoLanes<T extends QueuedOrder>(orders: T[]): Record<Lane, T[]> {
  const lanes: Record<Lane, T[]> = { pending: [], preparing: [], ready: [] };
  for (const order of orders) if ((LANES as readonly string[]).includes(order.status)) lanes[order.status as Lane].push(order);
  for (const lane of LANES) lanes[lane].sort((a, b) => a.created_at.localeCompare(b.created_at));
  return lanes;
}

/** Age since the order last changed: green under 3 minutes, amber under 8, red after. */
export function ageOf(order: QueuedOrder, now: number): Age {
  const minutes = (now - Date.parse(order.updated_at)) / 60_000;
  if (minutes < 3) return 'fresh';
  if (minutes < 8) return 'waiting';
  return 'late';
}

export function formatAge(since: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m` : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** Served in the last 24 hours. */
export function servedToday(orders: QueuedOrder[], now: number): number {
  return orders.filter((order) => order.status === 'served' && order.completed_at && now - Date.parse(order.completed_at) < 86_400_000).length;
}
