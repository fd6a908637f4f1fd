// Realtime through the gateway with real supabase-js / realtime-js clients on both protocol versions:
// joins (ok / refused), database broadcasts after commit only, client broadcast, presence, tokens, replay.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, guestToken, stackKeys } from '../support/clients.ts';
import { deleteOldMessages } from '../../supabase/local/realtime/replay.ts';
import { signWithKey } from '../../supabase/local/shared/keys.ts';
import { collect, createTestPolicies, realtimeClient, sleep, statusLog, subscribe, waitFor, type RealtimeTestClient, type Vsn } from './realtime-support.ts';

const sql = adminSql();
const clients: RealtimeTestClient[] = [];
let dropPolicies: () => Promise<void>;

async function open(options: Parameters<typeof realtimeClient>[0]): Promise<RealtimeTestClient> {
  const client = await realtimeClient(options);
  clients.push(client);
  return client;
}

async function send(topic: string, event: string, payload: object, isPrivate = true): Promise<void> {
  await sql`select realtime.send(${sql.json(payload as never)}, ${event}, ${topic}, ${isPrivate})`;
}

beforeAll(async () => {
  dropPolicies = await createTestPolicies('main');
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await dropPolicies();
  await sql.end();
});

describe.each<Vsn>(['1.0.0', '2.0.0'])('Realtime over vsn %s', (vsn) => {
  it('delivers realtime.send to the guest on orders:<own key> after commit, with meta.id', async () => {
    const guest = randomUUID();
    const { client } = await open({ token: await guestToken(guest), vsn });
    const channel = client.channel(`orders:${guest}`, { config: { private: true } });
    const received = collect(channel, 'ORDER_STATUS_CHANGED');
    expect(await subscribe(channel)).toEqual({ status: 'SUBSCRIBED', error: undefined });

    await send(`orders:${guest}`, 'ORDER_STATUS_CHANGED', { order_id: 7, status: 'ready' });
    await waitFor(() => received.length === 1, 'the broadcast');
    expect(received[0]).toMatchObject({ event: 'ORDER_STATUS_CHANGED', payload: { order_id: 7, status: 'ready' } });
    expect(received[0].meta?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(received[0].payload.id).toBe(received[0].meta?.id);
  });

  it('refuses a guest joining another guest’s channel with Supabase’s reason', async () => {
    const { client } = await open({ token: await guestToken(randomUUID()), vsn });
    const other = randomUUID();
    const result = await subscribe(client.channel(`orders:${other}`, { config: { private: true } }));
    expect(result.status).toBe('CHANNEL_ERROR');
    expect(result.error?.message).toBe(`Unauthorized: You do not have permissions to read from this Channel topic: orders:${other}`);
  });

  it('broadcasts between clients: self off by default, self and ack on request', async () => {
    const room = `test-room-${randomUUID()}`;
    const alice = (await open({ token: await guestToken(randomUUID()), vsn })).client;
    const bob = (await open({ token: await guestToken(randomUUID()), vsn: vsn === '2.0.0' ? '1.0.0' : '2.0.0' })).client;
    const aliceChannel = alice.channel(room, { config: { private: true, broadcast: { self: true, ack: true } } });
    const bobChannel = bob.channel(room, { config: { private: true } });
    const aliceGot = collect(aliceChannel, 'cheers');
    const bobGot = collect(bobChannel, 'cheers');
    expect((await subscribe(aliceChannel)).status).toBe('SUBSCRIBED');
    expect((await subscribe(bobChannel)).status).toBe('SUBSCRIBED');

    expect(await aliceChannel.send({ type: 'broadcast', event: 'cheers', payload: { from: 'alice', glass: '🥂' } })).toBe('ok');
    expect(await bobChannel.send({ type: 'broadcast', event: 'cheers', payload: { from: 'bob' } })).toBe('ok');
    await waitFor(() => aliceGot.length === 2 && bobGot.length === 1, 'both broadcasts');
    expect(aliceGot.map((message) => message.payload.from).sort()).toEqual(['alice', 'bob']);
    expect(bobGot.map((message) => message.payload)).toEqual([{ from: 'alice', glass: '🥂' }]);
  });
});

describe('binary broadcasts (vsn 2.0.0 kind 3 in, kind 4 out)', () => {
  it('relays a binary payload byte for byte to vsn 2.0.0 clients and leaves vsn 1.0.0 clients out', async () => {
    const room = `lobby-${randomUUID()}`;
    const sender = (await open({})).client;
    const v2 = (await open({})).client;
    const v1 = (await open({ vsn: '1.0.0' })).client;
    const senderChannel = sender.channel(room, { config: { broadcast: { ack: true } } });
    const v2Channel = v2.channel(room);
    const v1Channel = v1.channel(room);
    const v2Got = collect(v2Channel);
    const v1Got = collect(v1Channel);
    for (const channel of [senderChannel, v2Channel, v1Channel]) expect((await subscribe(channel)).status).toBe('SUBSCRIBED');

    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
    expect(await senderChannel.send({ type: 'broadcast', event: 'blob', payload: bytes.buffer })).toBe('ok');
    expect(await senderChannel.send({ type: 'broadcast', event: 'json', payload: { after: true } })).toBe('ok');
    await waitFor(() => v2Got.length === 2 && v1Got.length === 1, 'the broadcasts');
    expect(v2Got[0].event).toBe('blob');
    expect([...new Uint8Array(v2Got[0].payload as unknown as ArrayBuffer)]).toEqual([0, 1, 2, 253, 254, 255]);
    expect(v1Got.map((message) => message.event)).toEqual(['json']);
  });
});

describe('public and private channels', () => {
  it('keeps public and private channels of the same name apart', async () => {
    const name = `test-room-${randomUUID()}`;
    const { client } = await open({ token: await guestToken(randomUUID()) });
    const privateChannel = client.channel(name, { config: { private: true } });
    const privateGot = collect(privateChannel);
    const publicClient = (await open({})).client;
    const publicChannel = publicClient.channel(name);
    const publicGot = collect(publicChannel);
    expect((await subscribe(privateChannel)).status).toBe('SUBSCRIBED');
    expect((await subscribe(publicChannel)).status).toBe('SUBSCRIBED');

    await send(name, 'secret', { n: 1 }, true);
    await send(name, 'announcement', { n: 2 }, false);
    await waitFor(() => privateGot.length === 1 && publicGot.length === 1, 'one message on each');
    await sleep(100);
    expect(privateGot.map((message) => message.event)).toEqual(['secret']);
    expect(publicGot.map((message) => message.event)).toEqual(['announcement']);
  });

  it('refuses anon on a private channel and lets it join a public one', async () => {
    const { client } = await open({});
    const name = `test-room-${randomUUID()}`;
    const refused = await subscribe(client.channel(name, { config: { private: true } }));
    expect(refused.error?.message).toBe(`Unauthorized: You do not have permissions to read from this Channel topic: ${name}`);
    expect((await subscribe(client.channel(`lobby-${randomUUID()}`))).status).toBe('SUBSCRIBED');
  });

  it('drops client broadcasts on a private channel the sender may read but not write', async () => {
    const name = `readonly-${randomUUID()}`;
    const policy = `realtime test: read ${name}`;
    await sql.unsafe(`create policy "${policy}" on realtime.messages for select to authenticated using (realtime.topic() = '${name}')`);
    try {
      const sender = (await open({ token: await guestToken(randomUUID()) })).client;
      const listener = (await open({ token: await guestToken(randomUUID()) })).client;
      const senderChannel = sender.channel(name, { config: { private: true } });
      const listenerChannel = listener.channel(name, { config: { private: true } });
      const got = collect(listenerChannel);
      expect((await subscribe(senderChannel)).status).toBe('SUBSCRIBED');
      expect((await subscribe(listenerChannel)).status).toBe('SUBSCRIBED');
      await senderChannel.send({ type: 'broadcast', event: 'spoof', payload: { status: 'ready' } });
      await send(name, 'real', { ok: true });
      await waitFor(() => got.length >= 1, 'the database message');
      await sleep(100);
      expect(got.map((message) => message.event)).toEqual(['real']);
    } finally {
      await sql.unsafe(`drop policy if exists "${policy}" on realtime.messages`);
    }
  });
});

describe('database broadcasts', () => {
  it('never delivers a broadcast from a rolled-back transaction', async () => {
    const guest = randomUUID();
    const { client } = await open({ token: await guestToken(guest) });
    const channel = client.channel(`orders:${guest}`, { config: { private: true } });
    const received = collect(channel);
    expect((await subscribe(channel)).status).toBe('SUBSCRIBED');

    await sql
      .begin(async (tx) => {
        await tx`select realtime.send(${sql.json({ n: 'rolled back' })}, 'ORDER_STATUS_CHANGED', ${`orders:${guest}`}, true)`;
        throw new Error('abort the order');
      })
      .catch(() => {});
    await send(`orders:${guest}`, 'ORDER_STATUS_CHANGED', { n: 'committed' });
    await waitFor(() => received.length >= 1, 'the committed message');
    await sleep(100);
    expect(received.map((message) => message.payload.n)).toEqual(['committed']);
  });

  it('delivers in commit order per topic, including payloads too large for NOTIFY', async () => {
    const guest = randomUUID();
    const { client } = await open({ token: await guestToken(guest) });
    const channel = client.channel(`orders:${guest}`, { config: { private: true } });
    const received = collect(channel);
    expect((await subscribe(channel)).status).toBe('SUBSCRIBED');

    const big = 'x'.repeat(20_000);
    for (let n = 0; n < 30; n++) await send(`orders:${guest}`, 'step', n % 10 === 5 ? { n, big } : { n });
    await waitFor(() => received.length === 30, 'thirty messages');
    expect(received.map((message) => message.payload.n)).toEqual([...Array(30).keys()]);
    expect(received[5].payload.big).toBe(big);
  });

  it('replays what a client missed while disconnected when it reconnects (broadcast.replay)', async () => {
    const guest = randomUUID();
    const topic = `orders:${guest}`;
    const { client } = await open({ token: await guestToken(guest) });
    const first = client.channel(topic, { config: { private: true } });
    const live = collect(first);
    expect((await subscribe(first)).status).toBe('SUBSCRIBED');
    await send(topic, 'ORDER_STATUS_CHANGED', { status: 'pending' });
    await waitFor(() => live.length === 1, 'the first live message');
    const lastSeen = Date.now();

    // The phone locks: the socket goes away, and the bar moves on.
    await client.removeAllChannels();
    await client.realtime.disconnect();
    await sleep(20);
    for (const status of ['preparing', 'ready']) await send(topic, 'ORDER_STATUS_CHANGED', { status });

    // Back online: a new channel asks for everything since the last message it saw.
    client.realtime.connect();
    const again = client.channel(topic, { config: { private: true, broadcast: { replay: { since: lastSeen, limit: 10 } } } });
    const received = collect(again);
    expect((await subscribe(again)).status).toBe('SUBSCRIBED');
    await waitFor(() => received.length === 2, 'the replayed messages');
    expect(received.map((message) => message.payload.status)).toEqual(['preparing', 'ready']);
    expect(received.every((message) => message.meta?.replayed === true && typeof message.meta.id === 'string')).toBe(true);

    await send(topic, 'ORDER_STATUS_CHANGED', { status: 'served' });
    await waitFor(() => received.length === 3, 'the live message');
    expect(received[2].meta).toEqual({ id: expect.any(String) });

    // Another guest may not replay this topic.
    const intruder = (await open({ token: await guestToken(randomUUID()) })).client;
    const refused = await subscribe(intruder.channel(topic, { config: { private: true, broadcast: { replay: { since: 0, limit: 10 } } } }));
    expect(refused.status).toBe('CHANNEL_ERROR');
  });
});

describe('broadcast over HTTP and retention', () => {
  it('delivers httpSend() on a private channel only when the sender may write the topic', async () => {
    const room = `test-room-${randomUUID()}`;
    const guest = randomUUID();
    const listener = (await open({ token: await guestToken(guest) })).client;
    const roomChannel = listener.channel(room, { config: { private: true } });
    const ordersChannel = listener.channel(`orders:${guest}`, { config: { private: true } });
    const roomGot = collect(roomChannel);
    const ordersGot = collect(ordersChannel);
    expect((await subscribe(roomChannel)).status).toBe('SUBSCRIBED');
    expect((await subscribe(ordersChannel)).status).toBe('SUBSCRIBED');

    const sender = (await open({ token: await guestToken(randomUUID()) })).client;
    expect(await sender.channel(room, { config: { private: true } }).httpSend('toast', { glass: 'raised' })).toEqual({ success: true });
    // Accepted (202) like on hosted, but not delivered: the sender may not write another guest's orders topic.
    await sender.channel(`orders:${guest}`, { config: { private: true } }).httpSend('ORDER_STATUS_CHANGED', { status: 'ready' });
    await waitFor(() => roomGot.length === 1, 'the HTTP broadcast');
    expect(roomGot[0]).toMatchObject({ event: 'toast', payload: { glass: 'raised' } });
    await send(`orders:${guest}`, 'ORDER_STATUS_CHANGED', { status: 'preparing' });
    await waitFor(() => ordersGot.length >= 1, 'the database message');
    await sleep(100);
    expect(ordersGot.map((message) => message.payload.status)).toEqual(['preparing']);
  });

  it('deletes messages older than the 72 h retention, so they are never replayed', async () => {
    const guest = randomUUID();
    const [old] = await sql<{ id: string }[]>`
      insert into realtime.messages (topic, extension, event, payload, private, inserted_at)
      values (${`orders:${guest}`}, 'broadcast', 'ORDER_STATUS_CHANGED', '{"status": "ancient"}', true, now() - interval '73 hours')
      returning id`;
    expect(await deleteOldMessages(sql, 72 * 60 * 60 * 1000)).toBeGreaterThanOrEqual(1);
    expect(await sql`select 1 from realtime.messages where id = ${old.id}`).toHaveLength(0);
  });
});

describe('presence', () => {
  it('syncs presence between two clients, including leaves', async () => {
    const room = `test-room-${randomUUID()}`;
    const host = (await open({ token: await guestToken(randomUUID()) })).client;
    const guest = (await open({ token: await guestToken(randomUUID()), vsn: '1.0.0' })).client;
    const hostChannel = host.channel(room, { config: { private: true, presence: { key: 'host' } } });
    const guestChannel = guest.channel(room, { config: { private: true, presence: { key: 'guest' } } });
    let hostSyncs = 0;
    hostChannel.on('presence', { event: 'sync' }, () => hostSyncs++);
    guestChannel.on('presence', { event: 'sync' }, () => {});
    expect((await subscribe(hostChannel)).status).toBe('SUBSCRIBED');
    expect(await hostChannel.track({ role: 'host' })).toBe('ok');
    expect((await subscribe(guestChannel)).status).toBe('SUBSCRIBED');
    expect(await guestChannel.track({ name: 'Ana' })).toBe('ok');

    await waitFor(
      () => Object.keys(hostChannel.presenceState()).length === 2 && Object.keys(guestChannel.presenceState()).length === 2,
      'both presences on both sides',
    );
    expect(guestChannel.presenceState().host[0]).toMatchObject({ role: 'host' });
    expect(hostChannel.presenceState().guest[0]).toMatchObject({ name: 'Ana' });
    expect(hostSyncs).toBeGreaterThan(0);

    expect(await guestChannel.track({ name: 'Ana', ordering: true })).toBe('ok');
    await waitFor(() => (hostChannel.presenceState<{ ordering?: boolean }>().guest?.[0]?.ordering ?? false) === true, 'the updated presence');
    expect(hostChannel.presenceState().guest).toHaveLength(1);

    expect(await guestChannel.untrack()).toBe('ok');
    await waitFor(() => hostChannel.presenceState().guest === undefined, 'the leave');
    await guestChannel.track({ name: 'Ana' });
    await waitFor(() => hostChannel.presenceState().guest !== undefined, 'the guest back');
    await guest.removeChannel(guestChannel);
    await waitFor(() => hostChannel.presenceState().guest === undefined, 'the leave on unsubscribe');
  });
});

describe('access tokens', () => {
  it('keeps a channel open across a token refresh and closes it when the new token lost access', async () => {
    const guest = randomUUID();
    const keys = await stackKeys();
    const { client, auth } = await open({ token: await signWithKey({ sub: guest, role: 'authenticated' }, keys.guestKey, 3) });
    const channel = client.channel(`orders:${guest}`, { config: { private: true } });
    const received = collect(channel);
    const systemEvents: Array<Record<string, unknown>> = [];
    channel.on('system', {}, (payload) => systemEvents.push(payload));
    const statuses = statusLog(channel);
    await waitFor(() => statuses.includes('SUBSCRIBED'), 'the join');

    // Refreshed before it expires: the channel outlives the first token.
    auth.token = await signWithKey({ sub: guest, role: 'authenticated' }, keys.guestKey, 3600);
    await client.realtime.setAuth();
    await sleep(3500);
    await send(`orders:${guest}`, 'ORDER_STATUS_CHANGED', { status: 'ready' });
    await waitFor(() => received.length === 1, 'a message after the first token expired');
    expect(statuses).not.toContain('CLOSED');

    // A token for somebody else: that user cannot read this topic, so the channel closes.
    auth.token = await guestToken(randomUUID());
    await client.realtime.setAuth();
    await waitFor(() => statuses.includes('CLOSED'), 'the channel to close');
    expect(systemEvents).toContainEqual({
      extension: 'system',
      status: 'error',
      message: `You no longer have permission to read from this Channel topic: orders:${guest}`,
      channel: `orders:${guest}`,
    });
  });

  it('caches the authorization per channel until a new token arrives, then decides again', async () => {
    const name = `cached-${randomUUID()}`;
    const policy = `realtime test: read ${name}`;
    await sql.unsafe(`create policy "${policy}" on realtime.messages for select to authenticated using (realtime.topic() = '${name}')`);
    try {
      const guest = randomUUID();
      const { client, auth } = await open({ token: await guestToken(guest) });
      const channel = client.channel(name, { config: { private: true } });
      const received = collect(channel);
      const statuses = statusLog(channel);
      await waitFor(() => statuses.includes('SUBSCRIBED'), 'the join');

      // The policy goes away: the joined channel keeps its decision (no query per message)…
      await sql.unsafe(`drop policy if exists "${policy}" on realtime.messages`);
      await send(name, 'still', { n: 1 });
      await waitFor(() => received.length === 1, 'a message on the cached decision');

      // …until the client presents a new token, which is authorized afresh.
      auth.token = await guestToken(guest, { refreshed: true });
      await client.realtime.setAuth();
      await waitFor(() => statuses.includes('CLOSED'), 'the channel to close on the new decision');
    } finally {
      await sql.unsafe(`drop policy if exists "${policy}" on realtime.messages`);
    }
  });

  it('refuses presence track on a private channel the user may read but not track on', async () => {
    const name = `broadcast-only-${randomUUID()}`;
    const policy = `realtime test: read broadcast ${name}`;
    await sql.unsafe(
      `create policy "${policy}" on realtime.messages for select to authenticated using (realtime.topic() = '${name}' and extension = 'broadcast')`,
    );
    try {
      const { client } = await open({ token: await guestToken(randomUUID()) });
      const channel = client.channel(name, { config: { private: true } });
      expect((await subscribe(channel)).status).toBe('SUBSCRIBED');
      expect(await channel.track({ name: 'Ana' })).toBe('error');
    } finally {
      await sql.unsafe(`drop policy if exists "${policy}" on realtime.messages`);
    }
  });

  it('closes a channel when its token reaches exp, with a system error', async () => {
    const guest = randomUUID();
    const keys = await stackKeys();
    const { client } = await open({ token: await signWithKey({ sub: guest, role: 'authenticated' }, keys.guestKey, 2) });
    const channel = client.channel(`orders:${guest}`, { config: { private: true } });
    const systemEvents: Array<Record<string, unknown>> = [];
    channel.on('system', {}, (payload) => systemEvents.push(payload));
    const statuses = statusLog(channel);
    await waitFor(() => statuses.includes('SUBSCRIBED'), 'the join');
    await waitFor(() => statuses.includes('CLOSED'), 'the channel to close at exp', 5000);
    expect(systemEvents[0]).toMatchObject({ extension: 'system', status: 'error', channel: `orders:${guest}` });
    expect(String(systemEvents[0].message)).toMatch(/^Token has expired \d+ seconds ago$/);
  });

  it('refuses joins with an expired or forged token in Supabase’s words', async () => {
    const keys = await stackKeys();
    const guest = randomUUID();
    const expired = await signWithKey({ sub: guest, role: 'authenticated' }, keys.guestKey, -30);
    const expiredResult = await subscribe((await open({ token: expired })).client.channel(`orders:${guest}`, { config: { private: true } }));
    expect(expiredResult.error?.message).toMatch(/^InvalidJWTToken: Token has expired \d+ seconds ago$/);

    const [header, payload] = (await guestToken(guest)).split('.');
    const forged = `${header}.${payload}.${Buffer.from('not a signature').toString('base64url')}`;
    const forgedResult = await subscribe((await open({ token: forged })).client.channel(`orders:${guest}`, { config: { private: true } }));
    expect(forgedResult.error?.message).toBe('JwtSignatureError: Failed to validate JWT signature');
  });
});
