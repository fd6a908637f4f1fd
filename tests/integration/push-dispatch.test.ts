// The Web Push chain, offline: a push queued in a transaction → the stack wakes push-dispatch on commit → it
// encrypts (RFC 8291) and signs (RFC 8292) → a local fake push service checks the signature and decrypts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, guestToken, stackInfo, stackKeys } from '../support/clients.ts';
import { eventually } from '../support/eventually.ts';
import { startFakePushService, type BrowserSubscription, type FakePushService } from '../support/fake-push-service.ts';

const MAX_ATTEMPTS = 5;

describe('push dispatch', () => {
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

  async function guestWith(...subscriptions: BrowserSubscription[]): Promise<string> {
    const [{ user_key }] = await sql<{ user_key: string }[]>`insert into public.guests (username) values ('Sam') returning user_key`;
    for (const s of subscriptions) {
      await sql`insert into public.push_subscriptions (user_key, endpoint, p256dh, auth) values (${user_key}, ${s.endpoint}, ${s.p256dh}, ${s.auth})`;
    }
    return user_key;
  }

  const drinkReady = (drink: string, orderId: string) => ({ type: 'order_ready', order_id: orderId, drink_name: drink, url: `/orders/${orderId}` });

  async function outboxRows(endpoint: string) {
    return sql<{ id: number; state: string; attempts: number; next_attempt_at: Date; last_status: number | null }[]>`
      select o.id, o.state, o.attempts, o.next_attempt_at, o.last_status
      from private.push_outbox o join public.push_subscriptions s on s.id = o.subscription_id
      where s.endpoint = ${endpoint} order by o.id`;
  }

  function dispatchNow(token = stackInfo().serviceRoleKey) {
    return fetch(`${stackInfo().apiUrl}/functions/v1/push-dispatch`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  }

  it('delivers the drink to the right guest, signed and encrypted, once', async () => {
    const phone = pushService.subscribe();
    const laptop = pushService.subscribe();
    const otherGuest = pushService.subscribe();
    const sam = await guestWith(phone, laptop);
    await guestWith(otherGuest);

    await sql.begin((tx) => [tx`select private.enqueue_push(${sam}, ${tx.json(drinkReady('Mojito', 'c0ffee00-0000-4000-8000-000000000001'))}, 'order-1')`]);

    for (const device of [phone, laptop]) {
      const [push] = await eventually(
        () => pushService.messagesFor(device.endpoint),
        (m) => m.length > 0,
        'the push on each device',
      );
      expect(push.payload).toEqual(drinkReady('Mojito', 'c0ffee00-0000-4000-8000-000000000001'));
      expect(push).toMatchObject({ urgency: 'high', topic: 'order-1' });
      expect(Number(push.ttl)).toBeGreaterThan(0);
    }
    await eventually(
      () => outboxRows(phone.endpoint),
      (rows) => rows[0]?.state === 'sent',
      'the row to be marked sent',
    );

    // A second run finds nothing to send: the notification is never repeated.
    expect(await (await dispatchNow()).json()).toMatchObject({ sent: 0, failed: 0, retrying: 0 });
    expect(pushService.messagesFor(phone.endpoint)).toHaveLength(1);
    expect(pushService.messagesFor(laptop.endpoint)).toHaveLength(1);
    expect(pushService.requestCount(otherGuest.endpoint)).toBe(0);
    expect(pushService.rejected).toEqual([]);
  });

  it('nothing is queued when the transaction rolls back', async () => {
    const phone = pushService.subscribe();
    const guest = await guestWith(phone);
    await sql
      .begin(async (tx) => {
        await tx`select private.enqueue_push(${guest}, ${tx.json(drinkReady('Negroni', 'c0ffee00-0000-4000-8000-000000000002'))})`;
        throw new Error('order update failed');
      })
      .catch(() => {});
    await dispatchNow();
    expect(await outboxRows(phone.endpoint)).toEqual([]);
    expect(pushService.requestCount(phone.endpoint)).toBe(0);
  });

  it('concurrent dispatcher runs never send a notification twice', async () => {
    const phone = pushService.subscribe();
    const guest = await guestWith(phone);
    await sql.begin((tx) =>
      Array.from({ length: 12 }, (_, i) => tx`select private.enqueue_push(${guest}, ${tx.json({ type: 'order_ready', drink_name: `Drink ${i}` })})`),
    );
    await Promise.all([dispatchNow(), dispatchNow(), dispatchNow()]);
    await eventually(
      () => outboxRows(phone.endpoint),
      (rows) => rows.every((row) => row.state === 'sent'),
      'all rows sent',
    );
    const names = pushService.messagesFor(phone.endpoint).map((push) => (push.payload as { drink_name: string }).drink_name);
    expect(names.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `Drink ${i}`).sort());
  });

  it('a subscription the push service reports gone (410) is deleted', async () => {
    const stale = pushService.subscribe('gone');
    const guest = await guestWith(stale);
    await sql`select private.enqueue_push(${guest}, ${sql.json(drinkReady('Spritz', 'c0ffee00-0000-4000-8000-000000000003'))})`;
    await eventually(
      () => sql`select 1 from public.push_subscriptions where endpoint = ${stale.endpoint}`,
      (rows) => rows.length === 0,
      'the stale subscription to be deleted',
    );
    expect(pushService.requestCount(stale.endpoint)).toBe(1);
  });

  it('a failing push service is retried with growing backoff, then given up, without holding up other guests', async () => {
    const broken = pushService.subscribe('fail');
    const healthy = pushService.subscribe();
    const unlucky = await guestWith(broken);
    const lucky = await guestWith(healthy);
    await sql.begin((tx) => [
      tx`select private.enqueue_push(${unlucky}, ${tx.json(drinkReady('Old Fashioned', 'c0ffee00-0000-4000-8000-000000000004'))})`,
      tx`select private.enqueue_push(${lucky}, ${tx.json(drinkReady('Daiquiri', 'c0ffee00-0000-4000-8000-000000000005'))})`,
    ]);

    await eventually(
      () => pushService.messagesFor(healthy.endpoint),
      (m) => m.length === 1,
      "the healthy guest's push",
    );
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [row] = await eventually(
        () => outboxRows(broken.endpoint),
        (rows) => rows[0]?.attempts === attempt && rows[0].state !== 'sending',
        `attempt ${attempt}`,
      );
      expect(row.last_status).toBe(500);
      if (attempt < MAX_ATTEMPTS) {
        expect(row.state).toBe('pending');
        const [{ delay }] = await sql<
          { delay: number }[]
        >`select extract(epoch from next_attempt_at - now())::float8 as delay from private.push_outbox where id = ${row.id}`;
        delays.push(delay);
        // Time passes: the retry falls due, and the next run picks it up.
        await sql`update private.push_outbox set next_attempt_at = now() where id = ${row.id}`;
        await dispatchNow();
      } else {
        expect(row.state).toBe('failed');
      }
    }
    expect(delays[0]).toBeGreaterThan(5);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]);
    // Given up: further runs never touch it again.
    await dispatchNow();
    expect(pushService.requestCount(broken.endpoint)).toBe(MAX_ATTEMPTS);
    expect(pushService.messagesFor(healthy.endpoint)).toHaveLength(1);
  });

  it('a row claimed by a dispatcher that died is sent once its lease runs out', async () => {
    const phone = pushService.subscribe();
    const guest = await guestWith(phone);
    // A dispatcher claims the row and dies before sending: nobody else may take it while the lease holds.
    await sql.begin(async (tx) => {
      await tx`select private.enqueue_push(${guest}, ${tx.json(drinkReady('Gimlet', 'c0ffee00-0000-4000-8000-000000000006'))})`;
      await tx`set local role service_role`;
      await tx`select * from public.claim_push_deliveries(500)`;
    });
    await dispatchNow();
    expect(pushService.requestCount(phone.endpoint)).toBe(0);
    expect((await outboxRows(phone.endpoint))[0]).toMatchObject({ state: 'sending', attempts: 1 });

    await sql`update private.push_outbox o set locked_until = now() - interval '1 second'
              from public.push_subscriptions s where s.id = o.subscription_id and s.endpoint = ${phone.endpoint}`;
    await dispatchNow();
    await eventually(
      () => outboxRows(phone.endpoint),
      (rows) => rows[0]?.state === 'sent',
      'the reclaimed row to be sent',
    );
    expect(pushService.messagesFor(phone.endpoint)).toHaveLength(1);
    expect((await outboxRows(phone.endpoint))[0].attempts).toBe(2);
  });

  it('never sends to an endpoint that is not a browser push service, whoever stored it', async () => {
    const keys = pushService.subscribe();
    const endpoints = ['https://169.254.169.254/latest/meta-data/', 'https://10.0.0.1:8443/x', 'https://push.example.test/x', 'http://192.168.1.20:8080/steal'];
    const guest = await guestWith(...endpoints.map((endpoint) => ({ ...keys, endpoint })));
    await sql`select private.enqueue_push(${guest}, ${sql.json(drinkReady('Mai Tai', 'c0ffee00-0000-4000-8000-000000000007'))})`;
    for (const endpoint of endpoints) {
      const [row] = await eventually(
        () => outboxRows(endpoint),
        (rows) => rows[0]?.state === 'failed',
        `the push to ${endpoint} to be refused`,
      );
      expect(row.attempts, endpoint).toBe(1);
      const [{ last_error }] = await sql`select last_error from private.push_outbox where id = ${row.id}`;
      expect(last_error, endpoint).toMatch(/not a browser push service/);
    }
  });

  it('only the service role may run the dispatcher', async () => {
    const guest = await dispatchNow(await guestToken(crypto.randomUUID(), { is_guest: true }));
    expect(guest.status).toBe(403);
    expect(await guest.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await dispatchNow(stackInfo().anonKey)).status).toBe(403);
    const anonymous = await fetch(`${stackInfo().apiUrl}/functions/v1/push-dispatch`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});
