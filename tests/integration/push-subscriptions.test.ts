// Push subscriptions through the real API: a guest saves and sees only their own; the queue and the
// dispatcher's functions are out of reach of guests.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, anonClient, guestToken, tokenClient } from '../support/clients.ts';

function browserSubscription(endpoint = `https://push.example.test/${randomBytes(12).toString('base64url')}`) {
  return { endpoint, p256dh: Buffer.concat([Buffer.from([4]), randomBytes(64)]).toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

describe('push subscriptions', () => {
  let sql: ReturnType<typeof adminSql>;
  const guests: Array<{ userKey: string; client: ReturnType<typeof tokenClient> }> = [];

  beforeAll(async () => {
    sql = adminSql();
    for (const name of ['Ada', 'Bo']) {
      const [{ user_key }] = await sql<{ user_key: string }[]>`insert into public.guests (username) values (${name}) returning user_key`;
      guests.push({ userKey: user_key, client: tokenClient(await guestToken(user_key, { is_guest: true, user_key, username: name })) });
    }
  });
  afterAll(async () => {
    await sql?.end();
  });

  const save = (client: ReturnType<typeof tokenClient>, s: ReturnType<typeof browserSubscription>) =>
    client.rpc('save_push_subscription', { endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth });

  it('a guest saves a subscription and sees only their own', async () => {
    const [ada, bo] = guests;
    const adaPhone = browserSubscription();
    const boPhone = browserSubscription();
    expect((await save(ada.client, adaPhone)).error).toBeNull();
    expect((await save(bo.client, boPhone)).error).toBeNull();

    const { data } = await ada.client.from('push_subscriptions').select('user_key, endpoint');
    expect(data).toEqual([{ user_key: ada.userKey, endpoint: adaPhone.endpoint }]);

    // Bo cannot remove Ada's subscription; Ada can.
    await bo.client.from('push_subscriptions').delete().eq('endpoint', adaPhone.endpoint);
    expect(await sql`select 1 from public.push_subscriptions where endpoint = ${adaPhone.endpoint}`).toHaveLength(1);
    await ada.client.from('push_subscriptions').delete().eq('endpoint', adaPhone.endpoint);
    expect(await sql`select 1 from public.push_subscriptions where endpoint = ${adaPhone.endpoint}`).toHaveLength(0);
  });

  it('saving the same endpoint again updates it instead of duplicating it, and a new guest on that browser takes it over', async () => {
    const [ada, bo] = guests;
    const phone = browserSubscription();
    await save(ada.client, phone);
    const renewed = { ...browserSubscription(phone.endpoint) };
    expect((await save(ada.client, renewed)).error).toBeNull();
    expect(await sql`select user_key, p256dh from public.push_subscriptions where endpoint = ${phone.endpoint}`).toEqual([
      { user_key: ada.userKey, p256dh: renewed.p256dh },
    ]);
    await save(bo.client, renewed);
    expect(await sql`select user_key from public.push_subscriptions where endpoint = ${phone.endpoint}`).toEqual([{ user_key: bo.userKey }]);
  });

  it('refuses endpoints that are not https and malformed keys with a 400', async () => {
    const [ada] = guests;
    const http = await save(ada.client, browserSubscription('http://192.168.1.20:8080/steal'));
    expect(http.error).toMatchObject({ code: '22023', message: 'endpoint must be an https URL' });
    const badKey = await save(ada.client, { ...browserSubscription(), p256dh: 'short' });
    expect(badKey.error?.code).toBe('22023');
  });

  it('guests cannot write the table directly, call the dispatcher functions or reach the queue', async () => {
    const [ada] = guests;
    const direct = await ada.client.from('push_subscriptions').insert({ user_key: ada.userKey, ...browserSubscription() });
    expect(direct.error?.code).toBe('42501');
    expect((await ada.client.rpc('claim_push_deliveries', {})).error?.code).toBe('42501');
    expect((await ada.client.rpc('finish_push_deliveries', { results: [] })).error?.code).toBe('42501');
    expect((await anonClient().rpc('save_push_subscription', browserSubscription())).error?.code).toBe('42501');
    expect((await ada.client.schema('private').from('push_outbox').select()).error).not.toBeNull();
  });
});
