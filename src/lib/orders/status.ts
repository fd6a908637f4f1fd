// The order status machine, as the database enforces it (supabase/migrations/*_create_orders.sql,
// private.order_transition_allowed). The UI uses it to offer only the moves the server will accept.
export const ORDER_STATUSES = ['pending', 'preparing', 'ready', 'served', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type Actor = 'guest' | 'host';

const TRANSITIONS: Record<OrderStatus, Partial<Record<OrderStatus, readonly Actor[]>>> = {
  pending: { preparing: ['host'], cancelled: ['guest', 'host'] },
  preparing: { ready: ['host'], cancelled: ['host'] },
  ready: { served: ['host'] },
  served: {},
  cancelled: {},
};

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: OrderStatus, to: OrderStatus, actor: Actor): boolean {
  return TRANSITIONS[from][to]?.includes(actor) ?? false;
}

/** The host's one-tap forward move for an order, or null when it is finished. */
export function nextHostStatus(status: OrderStatus): OrderStatus | null {
  const forward: Partial<Record<OrderStatus, OrderStatus>> = { pending: 'preparing', preparing: 'ready', ready: 'served' };
  return forward[status] ?? null;
}

/** Orders that count against the per-guest limit (the database counts the same ones). */
export function countsAsOpen(status: OrderStatus): boolean {
  return status === 'pending' || status === 'preparing';
}

/** Still on its way to the guest (shown in the live queue and "my orders" at the top). */
export function isActive(status: OrderStatus): boolean {
  return status === 'pending' || status === 'preparing' || status === 'ready';
}

export function isFinished(status: OrderStatus): boolean {
  return status === 'served' || status === 'cancelled';
}

/** Progress along the happy path, 0–3, for a guest's timeline; cancelled orders have none. */
export function progressStep(status: OrderStatus): number {
  return { pending: 0, preparing: 1, ready: 2, served: 3, cancelled: -1 }[status];
}
