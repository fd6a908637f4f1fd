// The host's live queue: open orders and those served in the last 24 hours, kept in sync over
// `admin:orders` (several host devices see the same queue), with a chime and a toast for new orders.
import { ORDER_COLUMNS, type HostOrder } from '$lib/bar/types';
import { chime } from '$lib/components/alert';
import { createLiveChannel, type LiveChannel, type LiveStatus } from '$lib/live/live-channel.svelte';
import { isOrderStatus, type OrderStatus } from '$lib/orders/status';
import { problemFrom, type Problem } from '$lib/problems/problems';
import type { HostClient } from '$lib/supabase/host';

export interface NewOrderNotice {
  id: string;
  drink: string;
  name: string;
}

export class HostQueue {
  orders = $state<HostOrder[]>([]);
  busy = $state<Record<string, boolean>>({});
  problem = $state<Problem | null>(null);
  newOrders = $state<NewOrderNotice[]>([]);
  soundOn = $state(true);
  #live: LiveChannel | null = null;

  constructor(private client: HostClient) {}

  get liveStatus(): LiveStatus {
    return this.#live?.status ?? 'connecting';
  }

  start(): void {
    this.#live = createLiveChannel({
      client: this.client,
      topic: 'admin:orders',
      events: ['NEW_ORDER', 'ORDER_STATUS_CHANGED'],
      onEvent: (event, payload) => this.#onEvent(event, payload),
      resync: () => this.#load(),
    });
  }

  async stop(): Promise<void> {
    await this.#live?.stop();
  }

  async #load(): Promise<void> {
    const since = new Date(Date.now() - 86_400_000).toISOString();
    const { data, error } = await this.client
      .from('orders')
      .select(`${ORDER_COLUMNS}, guests(username)`)
      .or(`status.in.(pending,preparing,ready),completed_at.gt.${since}`)
      .order('created_at')
      .limit(500);
    if (error) throw new Error(error.message);
    this.orders = data;
  }

  #onEvent(event: string, payload: Record<string, unknown>): void {
    if (event === 'NEW_ORDER') {
      const notice = { id: String(payload.order_id), drink: String(payload.drink_name ?? ''), name: String(payload.username ?? '') };
      this.newOrders = [...this.newOrders.slice(-2), notice];
      setTimeout(() => (this.newOrders = this.newOrders.filter((item) => item !== notice)), 6000);
      if (this.soundOn) chime('new-order');
      return;
    }
    // A new-order toast is stale once the guest cancelled that order (B19).
    if (payload.status === 'cancelled') this.newOrders = this.newOrders.filter((notice) => notice.id !== payload.order_id);
    const order = this.orders.find((candidate) => candidate.id === payload.order_id);
    if (order && isOrderStatus(payload.status)) {
      order.status = payload.status;
      if (typeof payload.updated_at === 'string') order.updated_at = payload.updated_at;
    }
  }

  async move(order: HostOrder, status: OrderStatus): Promise<void> {
    this.busy[order.id] = true;
    try {
      const result = await this.client.from('orders').update({ status }).eq('id', order.id).select(ORDER_COLUMNS);
      const problem = problemFrom(result.error && { ...result.error, status: result.status });
      if (problem) this.problem = problem;
      else if (result.data?.[0]) Object.assign(order, result.data[0]);
    } finally {
      delete this.busy[order.id];
      void this.#live?.resync();
    }
  }
}
