// Everything the guest's bar screen knows: the menu, the guest's orders (live), the outbox of orders not yet
// confirmed, the bar's switches, and the "your drink is ready" alert. Pages only render it.
import type { SupabaseClient } from '@supabase/supabase-js';
import { newOrderId } from '$lib/bar/ids';
import { orderProblem, type OrderProblem } from '$lib/bar/order-errors';
import { DRINK_COLUMNS, ORDER_COLUMNS, type BarSettings, type Drink, type Order, type Section } from '$lib/bar/types';
import { chime, vibrate } from '$lib/components/alert';
import { createLiveChannel, type LiveChannel, type LiveStatus } from '$lib/live/live-channel.svelte';
import { isOrderStatus } from '$lib/orders/status';
import { Outbox, type PendingOrder } from './outbox';

export type Notice = { kind: 'ok' | 'queued' | 'problem'; problem?: OrderProblem; drink?: string; message?: string };

export class GuestBar {
  sections = $state<Section[]>([]);
  drinks = $state<Drink[]>([]);
  orders = $state<Order[]>([]);
  queued = $state<PendingOrder[]>([]);
  settings = $state<BarSettings | null>(null);
  menuLoaded = $state(false);
  notice = $state<Notice | null>(null);
  readyAlert = $state<Order | null>(null);
  #live: LiveChannel | null = null;
  #settingsLive: LiveChannel | null = null;
  #outbox: Outbox;
  #alerted: Set<string>;

  constructor(
    private client: SupabaseClient,
    private userKey: string,
  ) {
    this.#outbox = new Outbox(localStorage, `barkeep.outbox.${userKey}`);
    this.queued = this.#outbox.list();
    this.#alerted = new Set(JSON.parse(sessionStorage.getItem(this.#alertedKey) ?? '[]') as string[]);
  }

  get liveStatus(): LiveStatus {
    return this.#live?.status ?? 'connecting';
  }

  get #alertedKey() {
    return `barkeep.ready-alerted.${this.userKey}`;
  }

  start(): void {
    void this.loadMenu();
    this.#live = createLiveChannel({
      client: this.client,
      topic: `orders:${this.userKey}`,
      events: ['ORDER_STATUS_CHANGED'],
      onEvent: (_event, payload) => this.#applyStatusChange(payload),
      resync: () => this.#resync(),
    });
    this.#settingsLive = createLiveChannel({
      client: this.client,
      topic: 'bar:settings',
      events: ['BAR_SETTINGS_CHANGED'],
      onEvent: (_event, payload) => (this.settings = payload as unknown as BarSettings),
      resync: () => this.#loadSettings(),
      pollWhileOfflineMs: 30_000,
    });
  }

  async stop(): Promise<void> {
    await Promise.all([this.#live?.stop(), this.#settingsLive?.stop()]);
  }

  async #loadSettings(): Promise<void> {
    const { data, error } = await this.client.from('bar_settings').select('is_open, last_call_at, max_open_orders_per_guest').maybeSingle();
    if (error) throw new Error(error.message);
    if (data) this.settings = data as BarSettings;
  }

  async loadMenu(): Promise<void> {
    const [sections, drinks] = await Promise.all([
      this.client.from('sections').select('id, name, display_order').order('display_order'),
      this.client.from('drinks').select(DRINK_COLUMNS).eq('is_active', true),
    ]);
    if (sections.data) this.sections = sections.data as Section[];
    if (drinks.data) this.drinks = drinks.data as Drink[];
    this.menuLoaded = !sections.error && !drinks.error;
  }

  async #resync(): Promise<void> {
    await this.flush();
    const orders = await this.client.from('orders').select(ORDER_COLUMNS).order('created_at', { ascending: false }).limit(50);
    if (orders.error) throw new Error(orders.error.message);
    this.orders = orders.data as Order[];
    if (!this.menuLoaded) await this.loadMenu();
    this.#noticeReady();
  }

  #applyStatusChange(payload: Record<string, unknown>): void {
    const order = this.orders.find((candidate) => candidate.id === payload.order_id);
    if (order && isOrderStatus(payload.status)) {
      order.status = payload.status;
      if (typeof payload.updated_at === 'string') order.updated_at = payload.updated_at;
    }
    this.#noticeReady();
  }

  /** Alerts once per order that reached "ready", whether the news came live or from a re-sync. */
  #noticeReady(): void {
    const ready = this.orders.find((order) => order.status === 'ready' && !this.#alerted.has(order.id));
    if (!ready) return;
    this.#alerted.add(ready.id);
    sessionStorage.setItem(this.#alertedKey, JSON.stringify([...this.#alerted]));
    this.readyAlert = ready;
    chime('ready');
    vibrate();
  }

  /** Keeps the order (with its id) first, then sends it; offline it waits for the next flush. */
  async order(drink: { id: string; name: string }, note: string | null): Promise<void> {
    this.#outbox.add({ id: newOrderId(), drink_id: drink.id, drink_name: drink.name, note: note?.trim() || null, queued_at: new Date().toISOString() });
    this.queued = this.#outbox.list();
    const result = await this.flush();
    if (result.waiting > 0) this.notice = { kind: 'queued', drink: drink.name };
  }

  async flush(): Promise<{ waiting: number }> {
    if (this.#outbox.list().length === 0) return { waiting: 0 };
    const result = await this.#outbox.flush(async (pending) => {
      const { status, error } = await this.client.from('orders').insert({ id: pending.id, drink_id: pending.drink_id, note: pending.note });
      return { status, error };
    });
    this.queued = this.#outbox.list();
    const refused = result.refused.at(-1);
    if (refused) this.notice = { kind: 'problem', problem: refused.problem, drink: refused.order.drink_name, message: refused.message };
    else if (result.sent.length) this.notice = { kind: 'ok', drink: result.sent.at(-1)!.drink_name };
    if (result.sent.length) void this.#live?.resync();
    return result;
  }

  async cancel(order: Order): Promise<void> {
    const result = await this.client.from('orders').update({ status: 'cancelled' }).eq('id', order.id);
    const problem = orderProblem(result);
    if (problem) this.notice = { kind: 'problem', problem, message: result.error?.message };
    await this.#live?.resync();
  }

  resync(): Promise<void> {
    return this.#live?.resync() ?? Promise.resolve();
  }
}
