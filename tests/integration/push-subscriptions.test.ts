// Push subscriptions through the real API: a guest saves and sees only their own, only real push services'
// endpoints and only a handful; signing out removes them; the queue and the dispatcher's functions are out of reach.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, anonClient, guestToken, tokenClient } from '../support/clients.ts';
import { logout, registeredGuest } from '../support/guests.ts';

function browserSubscription(endpoint = `https://fcm.googleapis.com/fcm/send/${randomBytes(12).toString('base64url')}`) {
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

  it('accepts the endpoints of the browsers’ push services', async () => {
    const [ada] = guests;
    const token = randomBytes(12).toString('base64url');
    for (const endpoint of [
      `https://fcm.googleapis.com/fcm/send/${token}`, // Chrome, Edge on Android, Samsung Internet, Opera
      `https://fcm.googleapis.com/wp/${token}`,
      `https://updates.push.services.mozilla.com/wpush/v2/${token}`, // Firefox
      `https://web.push.apple.com/${token}`, // Safari, every iOS browser
      `https://wns2-par02p.notify.windows.com/w/?token=${token}`, // Edge on Windows
    ]) {
      expect((await save(ada.client, browserSubscription(endpoint))).error, endpoint).toBeNull();
    }
  });

  it('refuses anything but a push service’s https endpoint, and malformed keys, with a 400', async () => {
    const [ada] = guests;
    for (const endpoint of [
      'http://192.168.1.20:8080/steal',
      'http://fcm.googleapis.com/fcm/send/x',
      'https://10.0.0.1/x',
      'https://127.0.0.1:54321/rest/v1/',
      'https://[::1]/x',
      'https://169.254.169.254/latest/meta-data/',
      'https://localhost/x',
      'https://push.example.test/x',
      'https://fcm.googleapis.com.evil.test/x',
      'https://evil-fcm.googleapis.com/x',
      'https://notpush.apple.com/x',
      'https://fcm.googleapis.com:8443/x',
      'https://user@fcm.googleapis.com/x',
      'https://fcm.googleapis.com@10.0.0.1/x',
      'https://fcm.googleapis.com\\@10.0.0.1/x',
      'https://FCM.GOOGLEAPIS.COM/x',
    ]) {
      const refused = await save(ada.client, browserSubscription(endpoint));
      expect(refused.error, endpoint).toMatchObject({ code: '22023', message: expect.stringContaining('push service') });
    }
    expect(await sql`select 1 from public.push_subscriptions where user_key = ${ada.userKey} and endpoint !~ '^https://(fcm|updates|web|wns)'`).toEqual([]);
    const badKey = await save(ada.client, { ...browserSubscription(), p256dh: 'short' });
    expect(badKey.error?.code).toBe('22023');
  });

  it('keeps at most 5 devices per guest: a new one replaces the oldest', async () => {
    const [{ user_key }] = await sql<{ user_key: string }[]>`insert into public.guests (username) values ('Cy') returning user_key`;
    const client = tokenClient(await guestToken(user_key, { is_guest: true, user_key, username: 'Cy' }));
    const phones = Array.from({ length: 7 }, () => browserSubscription());
    for (const phone of phones) expect((await save(client, phone)).error).toBeNull();
    const kept = await sql<{ endpoint: string }[]>`select endpoint from public.push_subscriptions where user_key = ${user_key} order by endpoint`;
    expect(kept.map((row) => row.endpoint)).toEqual(
      phones
        .slice(2)
        .map((phone) => phone.endpoint)
        .sort(),
    );
    // Saving a known endpoint again is an update, not a new device.
    expect((await save(client, phones[2])).error).toBeNull();
    expect(await sql`select 1 from public.push_subscriptions where user_key = ${user_key}`).toHaveLength(5);
  });

  it('signing out removes the guest’s push subscriptions', async () => {
    const sam = await registeredGuest('Sam');
    const kim = await registeredGuest('Kim');
    const samPhone = browserSubscription();
    const kimPhone = browserSubscription();
    expect((await save(tokenClient(sam.access_token), samPhone)).error).toBeNull();
    expect((await save(tokenClient(kim.access_token), kimPhone)).error).toBeNull();
    expect((await logout(sam.access_token, sam.refresh_token)).status).toBe(204);
    expect(await sql`select 1 from public.push_subscriptions where endpoint = ${samPhone.endpoint}`).toEqual([]);
    expect(await sql`select 1 from public.push_subscriptions where endpoint = ${kimPhone.endpoint}`).toHaveLength(1);
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
