// Ordering through PostgREST with real supabase-js clients: the status machine, the bar's rules, idempotent
// retries, RLS isolation between guests, and the order events the database queues for Realtime.
// Everything that places orders or changes the (single) bar settings row lives in this file, so it runs in
// sequence.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, anonClient } from '../support/clients.ts';
import { joinPrivate } from '../support/channels.ts';
import { addGuest, addHost, addMenu, type Person } from '../support/party.ts';

const sql = adminSql();
let host: Person;
let drinks: Record<string, string>;

async function order(guest: Person, drinkName = 'Mojito', extra: Record<string, unknown> = {}) {
  const id = randomUUID();
  const result = await guest.client.from('orders').insert({ id, drink_id: drinks[drinkName], ...extra });
  return { id, ...result };
}

async function statusOf(orderId: string): Promise<string> {
  const [row] = await sql`select status from public.orders where id = ${orderId}`;
  return row?.status as string;
}

async function setStatus(actor: Person, orderId: string, status: string) {
  return actor.client.from('orders').update({ status }).eq('id', orderId).select('id, status, completed_at, updated_at');
}

beforeAll(async () => {
  host = await addHost(sql);
  ({ drinks } = await addMenu(sql, ['Mojito', 'Hugo', 'Retired Punch']));
});

afterEach(async () => {
  await sql`update public.bar_settings set is_open = true, last_call_at = null, max_open_orders_per_guest = 2`;
});

afterAll(async () => {
  await sql.end();
});

describe('placing an order', () => {
  it('fills user_key from the token and forces status pending, whatever the guest sends', async () => {
    const sam = await addGuest(sql, 'Sam');
    const other = await addGuest(sql, 'Other');
    const placed = await order(sam, 'Mojito', { note: '  no ice  ', user_key: other.id, status: 'ready' });
    expect(placed.error).toBeNull();
    expect(placed.status).toBe(201);
    const { data, error } = await sam.client.from('orders').select('id, user_key, status, note, drink_name, completed_at');
    expect(error).toBeNull();
    expect(data).toEqual([{ id: placed.id, user_key: sam.id, status: 'pending', note: 'no ice', drink_name: 'Mojito', completed_at: null }]);
  });

  it('refuses anonymous callers, hosts and deactivated guests', async () => {
    const anon = await anonClient().from('orders').insert({ drink_id: drinks.Mojito });
    expect(anon.error).not.toBeNull();
    const byHost = await host.client.from('orders').insert({ drink_id: drinks.Mojito });
    expect(byHost.error?.message).toBe('Only registered guests can order');
    const gone = await addGuest(sql, 'Gone');
    await host.client.from('guests').update({ is_active: false }).eq('user_key', gone.id);
    const refused = await order(gone);
    expect({ status: refused.status, message: refused.error?.message }).toEqual({ status: 400, message: 'Your access to the bar has been revoked' });
  });

  it('a note is one line of plain text: control, bidi and invisible format characters are refused with a clear 400', async () => {
    const guest = await addGuest(sql);
    for (const note of [
      'no\nice',
      'no ice\r',
      'tab\there',
      'bell\u0007',
      'evil\u202etxt.exe',
      'Sa\u200bm',
      '\u2066isolate\u2069',
      'line\u2028break',
      'tag\u{e0041}',
    ]) {
      const refused = await order(guest, 'Mojito', { note });
      expect({ status: refused.status, message: refused.error?.message, details: refused.error?.details }, JSON.stringify(note)).toEqual({
        status: 400,
        message: 'A note is one line of plain text: no line breaks, control or invisible formatting characters',
        details: 'invalid_note',
      });
    }
    expect(await sql`select 1 from public.orders where user_key = ${guest.id}`).toEqual([]);
    // Accents, other scripts and emoji (joined ones too) are fine.
    const fine = await order(guest, 'Mojito', { note: 'Zoë: ohne Eis, bitte 🍋 👩‍🍳' });
    expect(fine.error).toBeNull();
    // The check constraint holds for any writer, even one that bypasses the triggers.
    const bypassing = sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`insert into public.orders (user_key, drink_id, note) values (${guest.id}, ${drinks.Hugo}, ${'a\u202eb'})`;
    });
    await expect(bypassing).rejects.toMatchObject({ code: '23514' });
  });

  it('refuses a hidden drink with a clear message, and guests no longer see it on the menu', async () => {
    const guest = await addGuest(sql);
    expect((await host.client.from('drinks').update({ is_active: false }).eq('id', drinks['Retired Punch'])).error).toBeNull();
    const refused = await order(guest, 'Retired Punch');
    expect({ status: refused.status, code: refused.error?.code, message: refused.error?.message, details: refused.error?.details }).toEqual({
      status: 400,
      code: 'P0001',
      message: 'This drink is not available right now',
      details: 'drink_unavailable',
    });
    const { data } = await guest.client.from('drinks').select('id').eq('id', drinks['Retired Punch']);
    expect(data).toEqual([]);
    const unknown = await guest.client.from('orders').insert({ drink_id: randomUUID() });
    expect(unknown.error?.message).toBe('This drink is not available right now');
  });

  it('refuses orders while the bar is closed and after last call', async () => {
    const guest = await addGuest(sql);
    expect((await host.client.from('bar_settings').update({ is_open: false }).eq('id', true)).error).toBeNull();
    const closed = await order(guest);
    expect({ status: closed.status, message: closed.error?.message, details: closed.error?.details }).toEqual({
      status: 400,
      message: 'The bar is closed right now',
      details: 'bar_closed',
    });
    await host.client
      .from('bar_settings')
      .update({ is_open: true, last_call_at: new Date(Date.now() - 60_000).toISOString() })
      .eq('id', true);
    const late = await order(guest);
    expect(late.error?.details).toBe('last_call_passed');
    await host.client
      .from('bar_settings')
      .update({ last_call_at: new Date(Date.now() + 3_600_000).toISOString() })
      .eq('id', true);
    expect((await order(guest)).error).toBeNull();
    expect((await guest.client.from('bar_settings').update({ is_open: false }).eq('id', true).select()).data).toEqual([]);
  });

  it('limits open orders per guest (default 2) and frees a slot when one is cancelled', async () => {
    const guest = await addGuest(sql);
    const first = await order(guest);
    expect((await order(guest, 'Hugo')).error).toBeNull();
    const third = await order(guest);
    expect({ status: third.status, message: third.error?.message, details: third.error?.details }).toEqual({
      status: 400,
      message: 'You already have 2 open orders: wait until one is ready',
      details: 'too_many_open_orders',
    });
    expect((await setStatus(guest, first.id, 'cancelled')).error).toBeNull();
    expect((await order(guest)).error).toBeNull();
    await host.client.from('bar_settings').update({ max_open_orders_per_guest: 3 }).eq('id', true);
    expect((await order(guest)).error).toBeNull();
  });

  it('holds the limit when one guest fires many orders at once', async () => {
    const guest = await addGuest(sql);
    const results = await Promise.all(Array.from({ length: 6 }, () => order(guest)));
    expect(results.filter((result) => result.error === null)).toHaveLength(2);
    const [{ count }] = await sql`select count(*)::int as count from public.orders where user_key = ${guest.id}`;
    expect(count).toBe(2);
  });
});

describe('idempotent retry with a client-chosen id', () => {
  it('a repeated insert with the same id succeeds without a second order', async () => {
    const guest = await addGuest(sql);
    const id = randomUUID();
    const first = await guest.client.from('orders').insert({ id, drink_id: drinks.Mojito, note: 'first' });
    const retry = await guest.client.from('orders').insert({ id, drink_id: drinks.Mojito, note: 'first' });
    expect([first.error, retry.error]).toEqual([null, null]);
    expect([first.status, retry.status]).toEqual([201, 201]);
    const { data } = await guest.client.from('orders').select('id');
    expect(data).toEqual([{ id }]);
  });

  it('concurrent retries of one order create exactly one', async () => {
    const guest = await addGuest(sql);
    const id = randomUUID();
    const results = await Promise.all(Array.from({ length: 4 }, () => guest.client.from('orders').insert({ id, drink_id: drinks.Hugo })));
    expect(results.map((result) => result.error)).toEqual([null, null, null, null]);
    const [{ count }] = await sql`select count(*)::int as count from public.orders where id = ${id}`;
    expect(count).toBe(1);
  });

  it('a retry does not count against the open-orders limit', async () => {
    const guest = await addGuest(sql);
    const first = await order(guest);
    expect((await order(guest)).error).toBeNull();
    expect((await guest.client.from('orders').insert({ id: first.id, drink_id: drinks.Mojito })).error).toBeNull();
  });

  it("another guest cannot reuse someone's order id", async () => {
    const [owner, thief] = [await addGuest(sql), await addGuest(sql)];
    const placed = await order(owner);
    const stolen = await thief.client.from('orders').insert({ id: placed.id, drink_id: drinks.Mojito });
    expect({ status: stolen.status, code: stolen.error?.code }).toEqual({ status: 409, code: '23505' });
    expect((await sql`select user_key from public.orders where id = ${placed.id}`)[0].user_key).toBe(owner.id);
  });
});

describe('the status machine', () => {
  it('the host moves an order pending → preparing → ready → served; served sets completed_at', async () => {
    const guest = await addGuest(sql);
    const placed = await order(guest);
    let lastUpdate = '';
    for (const status of ['preparing', 'ready', 'served']) {
      const { data, error } = await setStatus(host, placed.id, status);
      expect(error).toBeNull();
      expect(data).toHaveLength(1);
      expect(data![0].status).toBe(status);
      expect(data![0].updated_at > lastUpdate).toBe(true);
      lastUpdate = data![0].updated_at;
      expect(data![0].completed_at === null).toBe(status !== 'served');
    }
  });

  it('refuses every other move with a clear message', async () => {
    const guest = await addGuest(sql);
    const placed = await order(guest);
    const skip = await setStatus(host, placed.id, 'ready');
    expect({ status: skip.status, code: skip.error?.code, message: skip.error?.message, details: skip.error?.details }).toEqual({
      status: 400,
      code: 'P0001',
      message: 'An order cannot go from pending to ready',
      details: 'invalid_transition',
    });
    await setStatus(host, placed.id, 'preparing');
    expect((await setStatus(host, placed.id, 'preparing')).error?.message).toBe('This order is already preparing');
    await setStatus(host, placed.id, 'ready');
    expect((await setStatus(host, placed.id, 'cancelled')).error?.message).toBe('An order cannot go from ready to cancelled');
    await setStatus(host, placed.id, 'served');
    expect((await setStatus(host, placed.id, 'pending')).error?.message).toBe('An order cannot go from served to pending');
    expect((await setStatus(host, placed.id, 'lost')).error?.message).toBe('An order cannot go from served to lost');
    expect(await statusOf(placed.id)).toBe('served');
  });

  it('a guest may cancel only while pending; the host may cancel while preparing', async () => {
    const guest = await addGuest(sql);
    const early = await order(guest);
    const late = await order(guest, 'Hugo');
    expect((await setStatus(guest, early.id, 'cancelled')).data).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    await setStatus(host, late.id, 'preparing');
    const tooLate = await setStatus(guest, late.id, 'cancelled');
    expect(tooLate.error?.message).toBe('An order cannot go from preparing to cancelled');
    const promote = await setStatus(guest, late.id, 'ready');
    expect(promote.error?.message).toBe('An order cannot go from preparing to ready');
    expect((await setStatus(host, late.id, 'cancelled')).error).toBeNull();
  });

  it('nobody changes anything but the status', async () => {
    const guest = await addGuest(sql);
    const placed = await order(guest);
    const edit = await guest.client.from('orders').update({ drink_id: drinks.Hugo, status: 'cancelled' }).eq('id', placed.id);
    expect(edit.error?.message).toBe('Only the status of an order can change');
    const hostEdit = await host.client.from('orders').update({ note: 'extra shot' }).eq('id', placed.id);
    expect(hostEdit.error?.details).toBe('order_immutable');
    const deleted = await host.client.from('orders').delete().eq('id', placed.id);
    expect(deleted.error).not.toBeNull();
    expect(await statusOf(placed.id)).toBe('pending');
  });
});

describe('drinks with history', () => {
  it('a drink that was ordered cannot be deleted (hosts hide it), and orders keep its name after a rename', async () => {
    const guest = await addGuest(sql);
    const { drinks: own } = await addMenu(sql, ['Old Fashioned Test']);
    const placed = await guest.client.from('orders').insert({ drink_id: own['Old Fashioned Test'] });
    expect(placed.error).toBeNull();
    const deleted = await host.client.from('drinks').delete().eq('id', own['Old Fashioned Test']);
    expect({ status: deleted.status, code: deleted.error?.code }).toEqual({ status: 409, code: '23503' });
    await host.client.from('drinks').update({ name: 'Renamed' }).eq('id', own['Old Fashioned Test']);
    expect((await guest.client.from('orders').select('drink_name')).data).toEqual([{ drink_name: 'Old Fashioned Test' }]);
  });
});

describe('guests are isolated from each other', () => {
  it('a guest never reads or changes another guest’s orders; hosts see all', async () => {
    const [alice, bob] = [await addGuest(sql, 'Alice'), await addGuest(sql, 'Bob')];
    const alicesOrder = await order(alice);
    await order(bob);

    const bobsView = await bob.client.from('orders').select('user_key');
    expect(bobsView.data?.every((row) => row.user_key === bob.id)).toBe(true);
    expect((await bob.client.from('orders').select('id').eq('id', alicesOrder.id)).data).toEqual([]);
    const cancel = await bob.client.from('orders').update({ status: 'cancelled' }).eq('id', alicesOrder.id).select();
    expect(cancel.data).toEqual([]);
    expect(await statusOf(alicesOrder.id)).toBe('pending');
    expect((await bob.client.from('guests').select('user_key')).data).toEqual([{ user_key: bob.id }]);
    expect((await anonClient().from('orders').select('id')).data).toEqual([]);

    const hostView = await host.client.from('orders').select('user_key, guests(username)').in('user_key', [alice.id, bob.id]);
    expect(hostView.data?.map((row) => (row.guests as unknown as { username: string }).username).sort()).toEqual(['Alice', 'Bob']);
  });
});

describe('order events for Realtime', () => {
  async function messagesFor(orderId: string) {
    return sql`select topic, event, payload, private from realtime.messages where payload ->> 'order_id' = ${orderId} order by inserted_at, event`;
  }

  it('a new order goes to admin:orders; a status change to the guest and to admin:orders, with the contract payloads', async () => {
    const guest = await addGuest(sql, 'Robin');
    const placed = await order(guest, 'Hugo', { note: 'extra mint' });
    const [created] = await sql`select created_at from public.orders where id = ${placed.id}`;
    let messages = await messagesFor(placed.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ topic: 'admin:orders', event: 'NEW_ORDER', private: true });
    expect(messages[0].payload).toEqual({
      id: expect.any(String),
      order_id: placed.id,
      user_key: guest.id,
      username: 'Robin',
      drink_name: 'Hugo',
      note: 'extra mint',
      status: 'pending',
      created_at: expect.any(String),
    });
    expect(new Date(messages[0].payload.created_at).getTime()).toBe(new Date(created.created_at).getTime());

    const { data } = await setStatus(host, placed.id, 'preparing');
    messages = await messagesFor(placed.id);
    const change = {
      order_id: placed.id,
      drink_name: 'Hugo',
      status: 'preparing',
      previous_status: 'pending',
      updated_at: expect.any(String),
      id: expect.any(String),
    };
    const toGuest = messages.find((message) => message.topic === `orders:${guest.id}`);
    const toHosts = messages.find((message) => message.topic === 'admin:orders' && message.event === 'ORDER_STATUS_CHANGED');
    expect(toGuest).toMatchObject({ event: 'ORDER_STATUS_CHANGED', private: true });
    expect(toGuest!.payload).toEqual(change);
    expect(new Date(toGuest!.payload.updated_at).getTime()).toBe(new Date(data![0].updated_at).getTime());
    expect(toHosts!.payload).toEqual({ ...change, user_key: guest.id, username: 'Robin' });
  });

  it('a refused change sends nothing', async () => {
    const guest = await addGuest(sql);
    const placed = await order(guest);
    await setStatus(host, placed.id, 'served');
    expect((await messagesFor(placed.id)).map((message) => message.event)).toEqual(['NEW_ORDER']);
  });
});

describe('order events over the Realtime socket', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    await Promise.all(cleanup.map((close) => close()));
  });

  it('a guest may join only their own orders channel; only hosts join admin:orders', async () => {
    const [alice, bob] = [await addGuest(sql, 'Alice'), await addGuest(sql, 'Bob')];
    const own = await joinPrivate(alice.client, `orders:${alice.id}`, ['ORDER_STATUS_CHANGED']);
    await alice.client.removeChannel(own.channel);
    await expect(joinPrivate(bob.client, `orders:${alice.id}`, ['ORDER_STATUS_CHANGED'])).rejects.toThrow(
      `Unauthorized: You do not have permissions to read from this Channel topic: orders:${alice.id}`,
    );
    await expect(joinPrivate(bob.client, 'admin:orders', ['NEW_ORDER'])).rejects.toThrow(
      'Unauthorized: You do not have permissions to read from this Channel topic: admin:orders',
    );
    await expect(joinPrivate(anonClient(), `orders:${alice.id}`, ['ORDER_STATUS_CHANGED'])).rejects.toThrow('Unauthorized');
    const admin = await joinPrivate(host.client, 'admin:orders', ['NEW_ORDER']);
    await host.client.removeChannel(admin.channel);
  });

  it('delivers NEW_ORDER to hosts and each status change to that guest only', async () => {
    const [alice, bob] = [await addGuest(sql, 'Alice'), await addGuest(sql, 'Bob')];
    const admin = await joinPrivate(host.client, 'admin:orders', ['NEW_ORDER', 'ORDER_STATUS_CHANGED']);
    const alicesChannel = await joinPrivate(alice.client, `orders:${alice.id}`, ['ORDER_STATUS_CHANGED']);
    const bobsChannel = await joinPrivate(bob.client, `orders:${bob.id}`, ['ORDER_STATUS_CHANGED']);
    cleanup.push(
      () => host.client.removeChannel(admin.channel),
      () => alice.client.removeChannel(alicesChannel.channel),
      () => bob.client.removeChannel(bobsChannel.channel),
    );

    const alicesOrder = await order(alice, 'Hugo', { note: 'no ice' });
    const created = await admin.next((event) => event.event === 'NEW_ORDER' && event.payload.order_id === alicesOrder.id);
    expect(created.payload).toMatchObject({ user_key: alice.id, username: 'Alice', drink_name: 'Hugo', note: 'no ice', status: 'pending' });

    await setStatus(host, alicesOrder.id, 'preparing');
    const toAlice = await alicesChannel.next((event) => event.payload.order_id === alicesOrder.id);
    expect(toAlice.payload).toMatchObject({ drink_name: 'Hugo', status: 'preparing', previous_status: 'pending' });
    const toHosts = await admin.next((event) => event.event === 'ORDER_STATUS_CHANGED' && event.payload.order_id === alicesOrder.id);
    expect(toHosts.payload).toMatchObject({ status: 'preparing', previous_status: 'pending', user_key: alice.id, username: 'Alice' });

    // Bob's own change arrives on Bob's channel after Alice's: by then Alice's would have, had it leaked.
    const bobsOrder = await order(bob);
    await setStatus(host, bobsOrder.id, 'preparing');
    await bobsChannel.next((event) => event.payload.order_id === bobsOrder.id);
    expect(bobsChannel.events.map((event) => event.payload.order_id)).toEqual([bobsOrder.id]);
  });

  it('the bar settings reach every signed-in phone on bar:settings', async () => {
    const guest = await addGuest(sql);
    const settings = await joinPrivate(guest.client, 'bar:settings', ['BAR_SETTINGS_CHANGED']);
    cleanup.push(() => guest.client.removeChannel(settings.channel));
    await expect(joinPrivate(anonClient(), 'bar:settings', ['BAR_SETTINGS_CHANGED'])).rejects.toThrow('Unauthorized');
    await host.client.from('bar_settings').update({ is_open: false }).eq('id', true);
    const closed = await settings.next((event) => event.payload.is_open === false);
    expect(closed.payload).toMatchObject({ is_open: false, last_call_at: null, max_open_orders_per_guest: 2, bartender_enabled: true });
  });

  it('the host switching the bartender off reaches open phones on bar:settings (and back on)', async () => {
    const guest = await addGuest(sql);
    const settings = await joinPrivate(guest.client, 'bar:settings', ['BAR_SETTINGS_CHANGED']);
    cleanup.push(() => guest.client.removeChannel(settings.channel));
    try {
      await host.client.from('bar_settings').update({ bartender_enabled: false }).eq('id', true);
      expect((await settings.next((event) => event.payload.bartender_enabled === false)).payload).toMatchObject({ bartender_enabled: false });
      await host.client.from('bar_settings').update({ bartender_enabled: true }).eq('id', true);
      expect((await settings.next((event) => event.payload.bartender_enabled === true)).payload).toMatchObject({ bartender_enabled: true });
    } finally {
      await sql`update public.bar_settings set bartender_enabled = true`;
    }
  });
});
