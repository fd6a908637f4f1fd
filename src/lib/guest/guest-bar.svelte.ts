// Everything the guest's bar screen knows: the menu, the guest's orders (live), the outbox of orders not yet
// confirmed, the bar's switches, and the "your drink is ready" alert. Pages only render it.
import { newOrderId } from '$lib/bar/ids';
import { DRINK_COLUMNS, ORDER_COLUMNS, SECTION_COLUMNS, SETTINGS_COLUMNS, type BarSettings, type Drink, type Order, type Section } from '$lib/bar/types';
import { chime, vibrate } from '$lib/components/alert';
import { createLiveChannel, type LiveChannel, type LiveStatus } from '$lib/live/live-channel.svelte';
import { sameRows } from '$lib/live/same-rows';
import { isOrderStatus } from '$lib/orders/status';
import { problemFrom, type Problem } from '$lib/problems/problems';
import type { GuestClient } from '$lib/supabase/guest';
import { Outbox, type PendingOrder } from './outbox';
import { rememberedIds, readSnapshot, writeSnapshot } from './snapshots';
import { endGuestSession, guestAccessToken } from './session.svelte';

/** Where one of the guest's open orders stands (computed by the database, QUEUE_POSITIONS). */
export interface QueuePosition {
  order_id: string;
  ahead: number;
  minutes: number;
}
export type Rating = 'liked' | 'not_for_me';

export type Notice = { kind: 'ok' | 'queued'; drink: string; orderId: string } | { kind: 'problem'; problem: Problem };

interface MenuSnapshot {
  sections: Section[];
  drinks: Drink[];
  settings: BarSettings | null;
}

export class GuestBar {
  // Replaced as a whole on every read, never changed in place: no deep proxies for a menu of nested recipes.
  sections = $state.raw<Section[]>([]);
  drinks = $state.raw<Drink[]>([]);
  orders = $state<Order[]>([]);
  queued = $state<PendingOrder[]>([]);
  settings = $state<BarSettings | null>(null);
  menuLoaded = $state(false);
  notice = $state<Notice | null>(null);
  readyAlert = $state<Order | null>(null);
  /** By order id; only this guest's own orders ever arrive. */
  positions = $state<Record<string, QueuePosition>>({});
  /** By order id: what the guest thought of a served drink. */
  ratings = $state<Record<string, Rating>>({});
  #live: LiveChannel | null = null;
  #barLive: LiveChannel | null = null;
  #menuLive: LiveChannel | null = null;
  #outbox: Outbox;
  #alerted;
  #menuSnapshot: MenuSnapshot | null;
  #menuRead: Promise<void> | null = null;

  constructor(
    private client: GuestClient,
    private userKey: string,
  ) {
    this.#outbox = new Outbox(localStorage, `barkeep.outbox.${userKey}`);
    this.queued = this.#outbox.list();
    // Once per order, also across closing and reopening the app (B22).
    this.#alerted = rememberedIds(localStorage, `barkeep.ready-alerted.${userKey}`);
    // The last menu and orders seen, so the screen opens without a connection (B7). The menu snapshot only
    // offline or when the fresh read fails: online, a reload never shows a drink the host has hidden meanwhile.
    this.#menuSnapshot = readSnapshot<MenuSnapshot>(localStorage, 'barkeep.menu');
    if (!navigator.onLine) this.#showMenuSnapshot();
    this.orders = readSnapshot<Order[]>(localStorage, `barkeep.orders.${userKey}`) ?? [];
  }

  get liveStatus(): LiveStatus {
    return this.#live?.status ?? 'connecting';
  }

  start(): void {
    this.#live = createLiveChannel({
      client: this.client,
      topic: `orders:${this.userKey}`,
      events: ['ORDER_STATUS_CHANGED', 'QUEUE_POSITIONS', 'GUEST_DEACTIVATED'],
      onEvent: (event, payload) => {
        if (event === 'GUEST_DEACTIVATED') void endGuestSession('deactivated');
        else if (event === 'QUEUE_POSITIONS') this.#applyPositions(payload.positions);
        else this.#applyStatusChange(payload);
      },
      resync: () => this.#resync(),
    });
    this.#barLive = createLiveChannel({
      client: this.client,
      topic: 'bar:settings',
      events: ['BAR_SETTINGS_CHANGED'],
      onEvent: (_event, payload) => this.#applySettings(payload),
      resync: () => this.#loadSettings(),
      pollWhileOfflineMs: 30_000,
    });
    // A drink the host hides (or adds) changes open menus at once (B12).
    this.#menuLive = createLiveChannel({
      client: this.client,
      topic: 'bar:menu',
      events: ['MENU_CHANGED'],
      resync: () => this.loadMenu(),
      pollWhileOfflineMs: 30_000,
    });
  }

  async stop(): Promise<void> {
    await Promise.all([this.#live?.stop(), this.#barLive?.stop(), this.#menuLive?.stop()]);
  }

  #applySettings(payload: Record<string, unknown>): void {
    if (typeof payload.is_open !== 'boolean' || typeof payload.max_open_orders_per_guest !== 'number') return;
    const lastCall = typeof payload.last_call_at === 'string' ? payload.last_call_at : null;
    // A database without the bartender's column in the broadcast (older migrations) leaves it as it was.
    const bartenderEnabled = typeof payload.bartender_enabled === 'boolean' ? payload.bartender_enabled : (this.settings?.bartender_enabled ?? true);
    this.settings = {
      is_open: payload.is_open,
      last_call_at: lastCall,
      max_open_orders_per_guest: payload.max_open_orders_per_guest,
      bartender_enabled: bartenderEnabled,
    };
    this.#saveMenu();
  }

  async #loadSettings(): Promise<void> {
    const { data, error } = await this.client.from('bar_settings').select(SETTINGS_COLUMNS).maybeSingle();
    if (error) throw new Error(error.message);
    if (data && !sameRows(this.settings, data)) this.settings = data;
    this.#saveMenu();
  }

  #showMenuSnapshot(): void {
    const menu = this.#menuSnapshot;
    if (menu && !this.menuLoaded)
      Object.assign(this, { sections: menu.sections, drinks: menu.drinks, settings: this.settings ?? menu.settings, menuLoaded: true });
  }

  /** One read at a time: the menu channel and the orders' first sync both ask for it as the screen opens. */
  loadMenu(): Promise<void> {
    this.#menuRead ??= this.#readMenu().finally(() => (this.#menuRead = null));
    return this.#menuRead;
  }

  async #readMenu(): Promise<void> {
    const [sections, drinks] = await Promise.all([
      this.client.from('sections').select(SECTION_COLUMNS).order('display_order'),
      this.client.from('drinks').select(DRINK_COLUMNS).eq('is_active', true),
    ]);
    if (sections.error || drinks.error) {
      this.#showMenuSnapshot();
      throw new Error((sections.error ?? drinks.error)!.message);
    }
    // A re-read that finds the menu as it was (every rejoin, every return to the app) renders nothing again.
    if (!sameRows(this.sections, sections.data)) this.sections = sections.data;
    if (!sameRows(this.drinks, drinks.data)) this.drinks = drinks.data;
    this.menuLoaded = true;
    this.#saveMenu();
  }

  #saveMenu(): void {
    if (this.menuLoaded) writeSnapshot<MenuSnapshot>(localStorage, 'barkeep.menu', { sections: this.sections, drinks: this.drinks, settings: this.settings });
  }

  async #resync(): Promise<void> {
    // Without a token (the refresh failed or was refused) the reads below would run as anon, and an empty
    // guest row would look like a deactivation: wait for the next try; a refused refresh ends the session itself.
    if (!(await guestAccessToken())) throw new Error('No guest token right now');
    await this.flush();
    const [orders, guest, positions, ratings] = await Promise.all([
      this.client.from('orders').select(ORDER_COLUMNS).order('created_at', { ascending: false }).limit(50),
      this.client.from('guests').select('is_active').eq('user_key', this.userKey).maybeSingle(),
      this.client.rpc('queue_positions'),
      this.client.from('order_ratings').select('order_id, rating').limit(50),
    ]);
    if (orders.error) throw new Error(orders.error.message);
    if (!positions.error) this.#applyPositions(positions.data);
    if (!ratings.error)
      this.ratings = Object.fromEntries(ratings.data.filter((row) => isRating(row.rating)).map((row) => [row.order_id, row.rating as Rating]));
    // The host deactivated this guest while the app was closed or the channel was down (B11).
    if (!guest.error && !guest.data?.is_active) return endGuestSession('deactivated');
    if (!sameRows(this.orders, orders.data)) this.orders = orders.data;
    writeSnapshot(localStorage, `barkeep.orders.${this.userKey}`, this.orders);
    if (!this.menuLoaded) await this.loadMenu();
    this.#noticeReady();
  }

  #applyPositions(positions: unknown): void {
    if (!Array.isArray(positions)) return;
    const valid = positions.filter(
      (each): each is QueuePosition => typeof each?.order_id === 'string' && Number.isInteger(each.ahead) && Number.isInteger(each.minutes),
    );
    this.positions = Object.fromEntries(valid.map((each) => [each.order_id, { order_id: each.order_id, ahead: each.ahead, minutes: each.minutes }]));
  }

  /** One tap after "served"; tapping again changes it. */
  async rate(order: Order, rating: Rating): Promise<void> {
    const before = this.ratings[order.id];
    this.ratings = { ...this.ratings, [order.id]: rating };
    const result = await this.client.from('order_ratings').upsert({ order_id: order.id, rating });
    const problem = problemFrom(result.error && { ...result.error, status: result.status });
    if (problem) {
      this.ratings = { ...this.ratings, [order.id]: before };
      if (!before) delete this.ratings[order.id];
      this.notice = { kind: 'problem', problem };
    }
  }

  #applyStatusChange(payload: Record<string, unknown>): void {
    const order = this.orders.find((candidate) => candidate.id === payload.order_id);
    if (order && isOrderStatus(payload.status)) {
      order.status = payload.status;
      if (typeof payload.updated_at === 'string') order.updated_at = payload.updated_at;
      this.#dropNoticeAbout(order.id);
    }
    this.#noticeReady();
  }

  /** "Mojito ordered" is stale once that order moved on (cancelled, or being made): B19. */
  #dropNoticeAbout(orderId: string): void {
    if (this.notice && this.notice.kind !== 'problem' && this.notice.orderId === orderId) this.notice = null;
  }

  /** Alerts once per order that reached "ready", whether the news came live or from a re-sync. */
  #noticeReady(): void {
    const ready = this.orders.find((order) => order.status === 'ready' && !this.#alerted.has(order.id));
    if (!ready) return;
    this.#alerted.add(ready.id);
    this.readyAlert = ready;
    chime('ready');
    vibrate();
  }

  /** Keeps the order (with its id) first, then sends it; offline it waits for the next flush. */
  async order(drink: { id: string; name: string }, note: string | null): Promise<void> {
    const id = newOrderId();
    this.#outbox.add({ id, drink_id: drink.id, drink_name: drink.name, note: note?.trim() || null, queued_at: new Date().toISOString() });
    this.queued = this.#outbox.list();
    const result = await this.flush();
    if (result.waiting > 0) this.notice = { kind: 'queued', drink: drink.name, orderId: id };
  }

  async flush(): Promise<{ waiting: number }> {
    if (this.#outbox.list().length === 0) return { waiting: 0 };
    const result = await this.#outbox.flush(async (pending) => {
      const { status, error } = await this.client.from('orders').insert({ id: pending.id, drink_id: pending.drink_id, note: pending.note });
      return { status, error };
    });
    this.queued = this.#outbox.list();
    const refused = result.refused.at(-1);
    if (refused) {
      this.notice = { kind: 'problem', problem: { code: refused.problem } };
      if (refused.problem === 'guest_inactive') void endGuestSession('deactivated');
      // The menu this guest sees is out of date: the drink was hidden (or ran out) meanwhile.
      if (refused.problem === 'drink_unavailable' || refused.problem === 'out_of_stock') void this.#menuLive?.resync();
    } else if (result.sent.length) {
      const sent = result.sent.at(-1)!;
      this.notice = { kind: 'ok', drink: sent.drink_name, orderId: sent.id };
    }
    if (result.sent.length) void this.#live?.resync();
    return result;
  }

  async cancel(order: Order): Promise<void> {
    const result = await this.client.from('orders').update({ status: 'cancelled' }).eq('id', order.id);
    const problem = problemFrom(result.error && { ...result.error, status: result.status });
    if (problem) this.notice = { kind: 'problem', problem };
    else this.#dropNoticeAbout(order.id);
    await this.#live?.resync();
  }

  resync(): Promise<void> {
    return this.#live?.resync() ?? Promise.resolve();
  }
}

const isRating = (value: unknown): value is Rating => value === 'liked' || value === 'not_for_me';
