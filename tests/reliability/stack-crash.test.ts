// The whole stack killed (SIGKILL to its process group: gateway, PostgreSQL, PostgREST, Deno — a power cut or
// `kill -9`) while guests stream orders with client-chosen ids and retries, then started again on the same data:
// every acknowledged order is there exactly once and nothing else is; the guests' realtime-js clients rejoin by
// themselves and hear every later change; a push that was on its way when the stack died is delivered.
import { randomUUID } from 'node:crypto';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, stackKeys } from '../support/clients.ts';
import { eventually } from '../support/eventually.ts';
import { startFakePushService, type BrowserSubscription, type FakePushService } from '../support/fake-push-service.ts';
import { addGuest, addHost, addMenu, type Person } from '../support/party.ts';
import { copyProjectWithSecrets } from '../support/project-copy.ts';
import { freePortPair, makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

const GUESTS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Phone {
  guest: Person;
  channel: RealtimeChannel;
  joins: number;
  /** The last status this phone heard for each of its orders. */
  heard: Map<string, string>;
  /** Ids in the order the phone chose them; `acknowledged` once the API said 201. */
  chosen: string[];
  acknowledged: Set<string>;
}

describe('SIGKILL of the whole stack during a stream of orders', () => {
  let dataDir: string;
  let port: number;
  let copy: Awaited<ReturnType<typeof copyProjectWithSecrets>>;
  let stack: StackProcess;
  let pushService: FakePushService;
  let host: Person;
  let drinkId: string;
  const phones: Phone[] = [];
  const retried = new Set<string>();
  const refused: string[] = [];

  const start = () => startStackProcess({ dataDir, apiPort: port, detached: true, env: { BARKEEP_SUPABASE_DIR: copy.supabaseDir } });

  beforeAll(async () => {
    dataDir = await makeDataDir();
    port = await freePortPair();
    copy = await copyProjectWithSecrets({ PUSH_ALLOW_LOOPBACK_ENDPOINTS: 'true' });
    stack = await start();
    pushService = await startFakePushService({ vapidPublicKey: (await stackKeys(stack)).vapid.publicKey });
    const sql = adminSql(stack);
    try {
      await sql`update public.bar_settings set max_open_orders_per_guest = 20`;
      host = await addHost(sql, stack);
      ({
        drinks: { Daiquiri: drinkId },
      } = await addMenu(sql, ['Daiquiri']));
      for (let index = 0; index < GUESTS; index++) {
        const guest = await addGuest(sql, `Guest ${index}`, stack);
        await guest.client.realtime.setAuth();
        const phone: Phone = {
          guest,
          channel: guest.client.channel(`orders:${guest.id}`, { config: { private: true } }),
          joins: 0,
          heard: new Map(),
          chosen: [],
          acknowledged: new Set(),
        };
        phone.channel.on('broadcast', { event: 'ORDER_STATUS_CHANGED' }, ({ payload }) => phone.heard.set(payload.order_id, payload.status));
        phone.channel.subscribe((status) => status === 'SUBSCRIBED' && phone.joins++);
        phones.push(phone);
      }
    } finally {
      await sql.end();
    }
    await eventually(
      () => phones.every((phone) => phone.joins === 1),
      (joined) => joined,
      'every phone to join its channel',
    );
  }, 240_000); // a stack start, slow on a busy machine

  afterAll(async () => {
    for (const phone of phones) {
      await phone.guest.client.removeAllChannels();
      phone.guest.client.realtime.disconnect();
    }
    await pushService?.stop();
    await stack?.stop();
    if (dataDir) await removeDataDir(dataDir);
    await copy?.remove();
  });

  /** What the app's outbox does: the same id again until the API answers; a network error or a 5xx is worth a retry. */
  async function placeUntilAcknowledged(phone: Phone, id: string): Promise<void> {
    for (;;) {
      const { error, status } = await phone.guest.client.from('orders').insert({ id, drink_id: drinkId });
      if (!error) return void phone.acknowledged.add(id);
      if (status !== 0 && status < 500) return void refused.push(`${status} ${error.code} ${error.message}`);
      retried.add(id);
      await sleep(100);
    }
  }

  it('keeps every acknowledged order exactly once, and the phones and the push queue carry on', async () => {
    // Ana's phone buzzes for her first drink — but the push service is slow, so the push is in flight when the stack dies.
    const ana = phones[0]!;
    const device: BrowserSubscription = pushService.subscribe('hang');
    const sql = adminSql(stack);
    await sql`insert into public.push_subscriptions (user_key, endpoint, p256dh, auth) values (${ana.guest.id}, ${device.endpoint}, ${device.p256dh}, ${device.auth})`;
    await sql.end();
    const first = randomUUID();
    ana.chosen.push(first);
    await placeUntilAcknowledged(ana, first);
    expect((await host.client.from('orders').update({ status: 'preparing' }).eq('id', first)).error).toBeNull();
    expect((await host.client.from('orders').update({ status: 'ready' }).eq('id', first)).error).toBeNull();
    await eventually(
      () => pushService.hanging,
      (count) => count === 1,
      'the push to reach the (hanging) push service',
    );

    // Every phone orders one drink after the other, each with its own id, until told to stop.
    let stopping = false;
    const streams = phones.map(async (phone) => {
      while (!stopping) {
        const id = randomUUID();
        phone.chosen.push(id);
        await placeUntilAcknowledged(phone, id);
        await sleep(20);
      }
    });
    const acknowledged = () => phones.reduce((sum, phone) => sum + phone.acknowledged.size, 0);
    await eventually(acknowledged, (count) => count >= 3 * GUESTS, 'orders to flow');

    await stack.killGroup();
    const beforeRestart = acknowledged();
    pushService.setBehaviour(device.endpoint, 'accept'); // the push service is back to normal after the crash
    stack = await start();

    // The streams carry on by themselves; a few more orders each after the restart, then they stop.
    await eventually(acknowledged, (count) => count >= beforeRestart + 3 * GUESTS, 'orders to flow again', 60_000);
    stopping = true;
    await Promise.all(streams);
    expect(refused).toEqual([]);
    expect(retried.size).toBeGreaterThan(0); // some orders were on the wire when the stack died

    // Exactly the orders the phones chose are there, each once, each its own guest's: none lost, none doubled.
    const check = adminSql(stack);
    try {
      const rows = await check<{ id: string; user_key: string }[]>`select id, user_key from public.orders where drink_id = ${drinkId}`;
      expect(rows.length).toBe(phones.reduce((sum, phone) => sum + phone.chosen.length, 0));
      for (const phone of phones) {
        expect(phone.acknowledged.size).toBe(phone.chosen.length);
        expect(
          rows
            .filter((row) => row.user_key === phone.guest.id)
            .map((row) => row.id)
            .sort(),
        ).toEqual([...phone.chosen].sort());
      }
    } finally {
      await check.end();
    }

    // The phones rejoined on their own and hear every change from now on, including orders placed before the crash.
    await eventually(
      () => phones.map((phone) => phone.joins),
      (joins) => joins.every((count) => count >= 2),
      'every phone to rejoin its channel',
      30_000,
    );
    const open = phones.flatMap((phone) => phone.chosen.filter((id) => id !== first));
    for (let index = 0; index < open.length; index += 50) {
      expect(
        (
          await host.client
            .from('orders')
            .update({ status: 'preparing' })
            .in('id', open.slice(index, index + 50))
        ).error,
      ).toBeNull();
    }
    await eventually(
      () => phones.flatMap((phone) => phone.chosen.filter((id) => id !== first && phone.heard.get(id) !== 'preparing')),
      (missing) => missing.length === 0,
      'every phone to hear each of its orders being made',
    );

    // The push that was in flight when the stack died goes out after the restart (not when its 2-minute lease ends).
    const [push] = await eventually(
      () => pushService.messagesFor(device.endpoint),
      (messages) => messages.length > 0,
      'the interrupted push to be delivered',
      30_000,
    );
    expect(push.payload).toMatchObject({ type: 'order_ready', order_id: first, drink_name: 'Daiquiri' });
  }, 240_000);
});
