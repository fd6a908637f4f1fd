// A host deactivates a guest (finding F5, B11): at that moment the guest loses every read, write, channel and
// push — not when their 4-hour access token runs out — and their open app is told so (GUEST_DEACTIVATED).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, stackKeys, tokenClient } from '../support/clients.ts';
import { eventually } from '../support/eventually.ts';
import { startFakePushService, type FakePushService } from '../support/fake-push-service.ts';
import { hostClient, registeredGuest, type Session } from '../support/guests.ts';
import { addMenu } from '../support/party.ts';
import { collect, realtimeClient, statusLog, subscribe, waitFor, type RealtimeTestClient } from './realtime-support.ts';

const sql = adminSql();
const clients: RealtimeTestClient[] = [];
let pushService: FakePushService;
let drinkId: string;

beforeAll(async () => {
  pushService = await startFakePushService({ vapidPublicKey: (await stackKeys()).vapid.publicKey });
  drinkId = (await addMenu(sql, ['Mojito'])).drinks.Mojito;
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await pushService?.stop();
  await sql.end();
});

async function realtimeAs(guest: Session): Promise<RealtimeTestClient> {
  const client = await realtimeClient({ token: guest.access_token });
  clients.push(client);
  return client;
}

/** An order placed earlier in the evening (written directly: other test files open and close the bar meanwhile). */
async function pastOrder(guest: Session): Promise<string> {
  const id = randomUUID();
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`insert into public.orders (id, user_key, drink_id, drink_name) values (${id}, ${guest.user.user_key}, ${drinkId}, 'Mojito')`;
  });
  return id;
}

/** What the push dispatcher did with the pushes queued for one device. */
const outbox = (endpoint: string) =>
  sql<{ state: string; last_error: string | null }[]>`
    select o.state, o.last_error from private.push_outbox o join public.push_subscriptions s on s.id = o.subscription_id
    where s.endpoint = ${endpoint} order by o.id`;

describe('a deactivated guest', () => {
  it('loses reads, writes, channels and push at once, and the open app hears GUEST_DEACTIVATED first', async () => {
    const zoe = await registeredGuest("Zoë O'Brien");
    const bystander = await registeredGuest('Anna');
    const api = tokenClient(zoe.access_token);
    const orderId = await pastOrder(zoe);
    const phone = pushService.subscribe();
    await sql`insert into public.push_subscriptions (user_key, endpoint, p256dh, auth) values (${zoe.user.user_key}, ${phone.endpoint}, ${phone.p256dh}, ${phone.auth})`;

    // Before: everything works.
    expect((await api.from('guests').select('username')).data).toEqual([{ username: "Zoë O'Brien" }]);
    expect((await api.from('orders').select('id')).data).toEqual([{ id: orderId }]);
    expect((await api.from('push_subscriptions').select('endpoint')).data).toEqual([{ endpoint: phone.endpoint }]);
    const { client } = await realtimeAs(zoe);
    const orders = client.channel(`orders:${zoe.user.user_key}`, { config: { private: true } });
    const ordersEvents = collect(orders);
    const closeReasons: unknown[] = [];
    orders.on('system', {}, (payload) => closeReasons.push(payload));
    const settings = client.channel('bar:settings', { config: { private: true } });
    const ordersStatus = statusLog(orders);
    const settingsStatus = statusLog(settings);
    await waitFor(() => ordersStatus.includes('SUBSCRIBED') && settingsStatus.includes('SUBSCRIBED'), 'both joins');
    await sql`select private.enqueue_push(${zoe.user.user_key}, ${sql.json({ type: 'order_ready', drink_name: 'Mojito' })})`;
    await eventually(
      () => pushService.messagesFor(phone.endpoint),
      (pushes) => pushes.length === 1,
      'the push before deactivation',
    );

    const host = await hostClient();
    expect((await host.from('guests').update({ is_active: false }).eq('user_key', zoe.user.user_key)).error).toBeNull();

    // The open app is told, on its own channel, then the server closes its private channels.
    await waitFor(() => ordersEvents.some((message) => message.event === 'GUEST_DEACTIVATED'), 'GUEST_DEACTIVATED');
    expect(ordersEvents.find((message) => message.event === 'GUEST_DEACTIVATED')?.payload).toMatchObject({ user_key: zoe.user.user_key });
    await waitFor(() => ordersStatus.includes('CLOSED') && settingsStatus.includes('CLOSED'), 'the server to close both channels');
    expect(ordersEvents.map((message) => message.event)).toEqual(['GUEST_DEACTIVATED']);
    expect(closeReasons).toEqual([
      expect.objectContaining({ status: 'error', message: `You no longer have permission to read from this Channel topic: orders:${zoe.user.user_key}` }),
    ]);

    // Reads and writes through the API, with the same (unexpired) access token.
    expect((await api.from('guests').select('username')).data).toEqual([]);
    expect((await api.from('orders').select('id')).data).toEqual([]);
    expect((await api.from('push_subscriptions').select('endpoint')).data).toEqual([]);
    const insert = await api.from('orders').insert({ drink_id: drinkId });
    expect({ status: insert.status, details: insert.error?.details }).toEqual({ status: 400, details: 'guest_inactive' });
    const cancel = await api.from('orders').update({ status: 'cancelled' }).eq('id', orderId).select('id');
    expect(cancel.data ?? []).toEqual([]);
    expect(await sql`select status from public.orders where id = ${orderId}`).toEqual([{ status: 'pending' }]);
    const save = await api.rpc('save_push_subscription', {
      endpoint: `https://fcm.googleapis.com/fcm/send/${randomUUID()}`,
      p256dh: phone.p256dh,
      auth: phone.auth,
    });
    expect(save.error?.code).toBe('42501');

    // Joining again is refused.
    const again = await realtimeAs(zoe);
    const rejoin = await subscribe(again.client.channel(`orders:${zoe.user.user_key}`, { config: { private: true } }));
    expect(rejoin.status).toBe('CHANNEL_ERROR');
    expect(rejoin.error?.message).toBe(`Unauthorized: You do not have permissions to read from this Channel topic: orders:${zoe.user.user_key}`);
    expect((await subscribe(again.client.channel('bar:settings', { config: { private: true } }))).status).toBe('CHANNEL_ERROR');

    // Push: the guest's subscriptions ended with their login; a push queued for them anyway is dropped, not sent.
    expect(await sql`select 1 from public.push_subscriptions where endpoint = ${phone.endpoint}`).toEqual([]);
    const laptop = pushService.subscribe();
    await sql`insert into public.push_subscriptions (user_key, endpoint, p256dh, auth) values (${zoe.user.user_key}, ${laptop.endpoint}, ${laptop.p256dh}, ${laptop.auth})`;
    await sql`select private.enqueue_push(${zoe.user.user_key}, ${sql.json({ type: 'order_ready', drink_name: 'Negroni' })})`;
    const [dropped] = await eventually(
      () => outbox(laptop.endpoint),
      (rows) => rows[0]?.state === 'failed',
      'the dispatcher to drop the push',
    );
    expect(dropped.last_error).toMatch(/not an active guest/);
    expect(pushService.requestCount(laptop.endpoint)).toBe(0);
    expect(pushService.messagesFor(phone.endpoint)).toHaveLength(1);

    // Another guest is untouched.
    expect((await tokenClient(bystander.access_token).from('guests').select('username')).data).toEqual([{ username: 'Anna' }]);
    const { client: annaClient } = await realtimeAs(bystander);
    expect((await subscribe(annaClient.channel(`orders:${bystander.user.user_key}`, { config: { private: true } }))).status).toBe('SUBSCRIBED');
  });

  it('reactivating lets the guest read again (their old logins stay ended)', async () => {
    const kim = await registeredGuest('Kim');
    const host = await hostClient();
    await host.from('guests').update({ is_active: false }).eq('user_key', kim.user.user_key);
    expect((await tokenClient(kim.access_token).from('guests').select('username')).data).toEqual([]);
    await host.from('guests').update({ is_active: true }).eq('user_key', kim.user.user_key);
    expect((await tokenClient(kim.access_token).from('guests').select('username')).data).toEqual([{ username: 'Kim' }]);
  });
});
