// The push chain from real orders: a guest orders through the API, the host moves it along → when it turns
// ready, that guest's phone gets "Your <drink> is ready!" (through push-dispatch and a fake push service); a new
// order alerts the hosts' devices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, stackInfo, stackKeys } from '../support/clients.ts';
import { eventually } from '../support/eventually.ts';
import { startFakePushService, type BrowserSubscription, type FakePushService } from '../support/fake-push-service.ts';
import { addGuest, addHost, addMenu } from '../support/party.ts';

describe('pushes from orders', () => {
  let sql: ReturnType<typeof adminSql>;
  let pushService: FakePushService;

  beforeAll(async () => {
    sql = adminSql();
    pushService = await startFakePushService({ vapidPublicKey: (await stackKeys()).vapid.publicKey });
  });
  afterAll(async () => {
    await pushService?.stop();
    await sql?.end();
  });

  async function register(userKey: string): Promise<BrowserSubscription> {
    const device = pushService.subscribe();
    await sql`insert into public.push_subscriptions (user_key, endpoint, p256dh, auth) values (${userKey}, ${device.endpoint}, ${device.p256dh}, ${device.auth})`;
    return device;
  }

  const dispatchNow = () =>
    fetch(`${stackInfo().apiUrl}/functions/v1/push-dispatch`, { method: 'POST', headers: { authorization: `Bearer ${stackInfo().serviceRoleKey}` } });

  async function queuedFor(device: BrowserSubscription) {
    return sql<{ state: string }[]>`
      select o.state from private.push_outbox o join public.push_subscriptions s on s.id = o.subscription_id
      where s.endpoint = ${device.endpoint}`;
  }

  it('an order turning ready notifies its guest, with the drink, once', async () => {
    const { drinks } = await addMenu(sql, ['Mojito']);
    const sam = await addGuest(sql, 'Sam');
    const kim = await addGuest(sql, 'Kim');
    const host = await addHost(sql);
    const samPhone = await register(sam.id);
    const kimPhone = await register(kim.id);

    const { data: order, error } = await sam.client.from('orders').insert({ drink_id: drinks.Mojito }).select('id').single();
    expect(error).toBeNull();
    expect((await host.client.from('orders').update({ status: 'preparing' }).eq('id', order!.id)).error).toBeNull();
    expect(await queuedFor(samPhone)).toEqual([]);
    expect((await host.client.from('orders').update({ status: 'ready' }).eq('id', order!.id)).error).toBeNull();

    const [push] = await eventually(
      () => pushService.messagesFor(samPhone.endpoint),
      (m) => m.length > 0,
      "Sam's push",
    );
    expect(push.payload).toEqual({ type: 'order_ready', order_id: order!.id, drink_name: 'Mojito', url: `/orders/${order!.id}` });
    expect(push.topic).toBe(order!.id.replaceAll('-', ''));

    // Serving it later is no reason to buzz again; Kim never hears about Sam's drink.
    expect((await host.client.from('orders').update({ status: 'served' }).eq('id', order!.id)).error).toBeNull();
    await dispatchNow();
    expect(pushService.messagesFor(samPhone.endpoint)).toHaveLength(1);
    expect(pushService.requestCount(kimPhone.endpoint)).toBe(0);
  });

  it('a refused status change queues nothing', async () => {
    const { drinks } = await addMenu(sql, ['Negroni']);
    const guest = await addGuest(sql, 'Lou');
    const phone = await register(guest.id);
    const { data: order } = await guest.client.from('orders').insert({ drink_id: drinks.Negroni }).select('id').single();
    // A guest cannot declare their own drink ready.
    const { error } = await guest.client.from('orders').update({ status: 'ready' }).eq('id', order!.id);
    expect(error).not.toBeNull();
    await dispatchNow();
    expect(await queuedFor(phone)).toEqual([]);
    expect(pushService.requestCount(phone.endpoint)).toBe(0);
  });

  it('a new order alerts the host devices', async () => {
    const { drinks } = await addMenu(sql, ['Daiquiri']);
    const host = await addHost(sql);
    const barTablet = await register(host.id);
    const guest = await addGuest(sql, 'Ada');
    const { data: order, error } = await guest.client.from('orders').insert({ drink_id: drinks.Daiquiri, note: 'no sugar' }).select('id').single();
    expect(error).toBeNull();
    // Other test files place orders too: look for this one.
    const pushes = await eventually(
      () => pushService.messagesFor(barTablet.endpoint).filter((p) => (p.payload as { order_id?: string }).order_id === order!.id),
      (m) => m.length > 0,
      'the host alert',
    );
    expect(pushes.map((p) => p.payload)).toEqual([{ type: 'new_order', order_id: order!.id, drink_name: 'Daiquiri', username: 'Ada', url: '/host' }]);
  });
});
