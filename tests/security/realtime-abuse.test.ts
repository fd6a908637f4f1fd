// Hostile Realtime input (F6.3, F6.4, F10): names too long for a binary frame, replay edge values, and more sockets
// or presence state than one address may hold. Each is refused cleanly; nobody else misses a message.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createRealtimeService } from '../../supabase/local/realtime/index.ts';
import type { StackConfig } from '../../supabase/local/shared/config.ts';
import { createJwtVerifier } from '../../supabase/local/shared/jwt.ts';
import { publicJwks } from '../../supabase/local/shared/keys.ts';
import type { WebSocketService } from '../../supabase/local/shared/service.ts';
import { adminSql, guestToken, stackInfo, stackKeys } from '../support/clients.ts';
import { collect, createTestPolicies, realtimeClient, subscribe, waitFor, type RealtimeTestClient } from '../integration/realtime-support.ts';

const stack = stackInfo();
const clients: RealtimeTestClient[] = [];
let dropPolicies: () => Promise<void>;

beforeAll(async () => {
  dropPolicies = await createTestPolicies('abuse');
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await dropPolicies();
});

async function joined(topic: string, options: { token?: string; vsn?: '1.0.0' | '2.0.0'; isPrivate?: boolean } = {}) {
  const client = await realtimeClient({ token: options.token, vsn: options.vsn });
  clients.push(client);
  const channel = client.client.channel(topic, { config: { private: options.isPrivate ?? false } });
  const received = collect(channel);
  expect((await subscribe(channel)).status).toBe('SUBSCRIBED');
  return { client, channel, received };
}

const broadcast = (messages: unknown[]) =>
  fetch(`${stack.apiUrl}/realtime/v1/api/broadcast`, {
    method: 'POST',
    headers: { apikey: stack.anonKey, 'content-type': 'application/json' },
    body: JSON.stringify({ messages }),
  });

describe('names longer than 255 bytes (F6.3)', () => {
  it('a broadcast over HTTP with a long event name is a 400, and the topic’s subscribers keep receiving', async () => {
    const topic = `test-room-${randomUUID()}`;
    const first = await joined(topic);
    const second = await joined(topic);
    const refused = await broadcast([{ topic, event: 'E'.repeat(300), payload: {} }]);
    expect(refused.status).toBe(400);
    expect((await refused.json()).message).toMatch(/^EventNameTooLong: /);
    expect((await broadcast([{ topic, event: 'after', payload: { n: 1 } }])).status).toBe(202);
    await waitFor(() => first.received.length === 1 && second.received.length === 1, 'both subscribers to receive');
  });

  it('a long topic is refused at the door: join and HTTP broadcast', async () => {
    const client = await realtimeClient();
    clients.push(client);
    const result = await subscribe(client.client.channel(`test-room-${'x'.repeat(300)}`));
    expect(result.error?.message).toMatch(/^TopicNameTooLong: /);
    const refused = await broadcast([{ topic: `test-room-${'x'.repeat(300)}`, event: 'E', payload: {} }]);
    expect(refused.status).toBe(400);
  });

  it('a socket broadcast with a long event name is answered with an error, and the channel keeps working', async () => {
    const topic = `test-room-${randomUUID()}`;
    const listener = await joined(topic);
    // realtime-js cannot even encode such a push in a binary frame; a raw client sends it as text.
    const socket = new WebSocket(`${stack.apiUrl.replace(/^http/, 'ws')}/realtime/v1/websocket?apikey=${stack.anonKey}&vsn=2.0.0`);
    const frames: unknown[][] = [];
    socket.on('message', (data, isBinary) => !isBinary && frames.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    try {
      const reply = async (ref: string) => {
        await waitFor(() => frames.some((frame) => frame[1] === ref), `reply ${ref}`);
        return frames.find((frame) => frame[1] === ref)![4];
      };
      socket.send(JSON.stringify(['1', '1', `realtime:${topic}`, 'phx_join', { config: { broadcast: { ack: true } } }]));
      expect(await reply('1')).toMatchObject({ status: 'ok' });
      socket.send(JSON.stringify(['1', '2', `realtime:${topic}`, 'broadcast', { type: 'broadcast', event: 'E'.repeat(300), payload: {} }]));
      expect(await reply('2')).toEqual({ status: 'error', response: { reason: 'EventNameTooLong: Event names may be up to 255 bytes' } });
      socket.send(JSON.stringify(['1', '3', `realtime:${topic}`, 'broadcast', { type: 'broadcast', event: 'fine', payload: { ok: true } }]));
      expect(await reply('3')).toMatchObject({ status: 'ok' });
      await waitFor(() => listener.received.some((message) => message.event === 'fine'), 'the next broadcast');
    } finally {
      socket.terminate();
    }
  });

  it('realtime.send from the database with a long event name reaches every subscriber (as text frames)', async () => {
    const guest = randomUUID();
    const token = await guestToken(guest);
    const v2 = await joined(`orders:${guest}`, { token, isPrivate: true });
    const v1 = await joined(`orders:${guest}`, { token, vsn: '1.0.0', isPrivate: true });
    const sql = adminSql();
    const event = `LONG_${'E'.repeat(300)}`;
    try {
      await sql`select realtime.send(${sql.json({ n: 1 })}::jsonb, ${event}, ${`orders:${guest}`}, true)`;
      await sql`select realtime.send(${sql.json({ n: 2 })}::jsonb, 'SHORT', ${`orders:${guest}`}, true)`;
    } finally {
      await sql.end();
    }
    for (const { received } of [v2, v1]) {
      await waitFor(() => received.length === 2, 'both database broadcasts');
      expect(received.map((message) => [message.event, message.payload.n])).toEqual([
        [event, 1],
        ['SHORT', 2],
      ]);
    }
  });
});

describe('replay edge values (F6.4)', () => {
  it.each([1e20, -1e20, -1, 2 ** 53])('since = %s is refused as UnableToReplayMessages, not an unknown error', async (since) => {
    const guest = randomUUID();
    const client = await realtimeClient({ token: await guestToken(guest) });
    clients.push(client);
    const channel = client.client.channel(`orders:${guest}`, { config: { private: true, broadcast: { replay: { since, limit: 5 } } } });
    const result = await subscribe(channel);
    expect(result.status).toBe('CHANNEL_ERROR');
    expect(result.error?.message).toBe('UnableToReplayMessages: Replay params are not valid');
  });
});

describe('sockets and presence per address (F10, a Realtime service with small caps)', () => {
  let server: Server;
  let service: WebSocketService;
  let baseUrl: string;
  let sql: ReturnType<typeof postgres>;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    const keys = await stackKeys();
    const jwks = publicJwks(keys);
    sql = postgres(stack.dbUrl, { max: 4, onnotice: () => {} });
    const silent = { info() {}, warn() {}, error() {} };
    service = createRealtimeService(
      { config: {} as StackConfig, keys, jwks, sql, databaseUrl: stack.dbUrl, verifyAccessToken: createJwtVerifier(jwks), log: silent },
      { maxConnections: 5, maxConnectionsPerAddress: 3, maxPresenceBytes: 4096, maxPresenceBytesPerAddress: 600 },
    );
    server = createServer((_req, res) => res.writeHead(404).end());
    server.on('upgrade', (req, socket, head) => service.upgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/realtime/v1/websocket?apikey=${stack.anonKey}&vsn=2.0.0`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await service.close();
    await new Promise((resolve) => server.close(resolve));
    await sql.end();
  });

  /** Opens a socket from `from`; resolves with 'open' or the HTTP status of a refused upgrade. */
  function open(from: string): Promise<'open' | number> {
    const socket = new WebSocket(baseUrl, { localAddress: from });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('error', () => resolve(0));
    });
  }

  it('refuses a fourth socket from one address (429) and a sixth in all (503)', async () => {
    for (let n = 0; n < 3; n++) expect(await open('127.0.0.1')).toBe('open');
    expect(await open('127.0.0.1')).toBe(429);
    expect(await open('127.0.0.2')).toBe('open');
    expect(await open('127.0.0.3')).toBe('open');
    expect(await open('127.0.0.4')).toBe(503);
  });

  it('frees the place when a socket closes', async () => {
    const first = sockets.find((socket) => socket.readyState === WebSocket.OPEN)!;
    first.close();
    await waitFor(() => first.readyState === WebSocket.CLOSED, 'the socket to close');
    await waitFor(() => true, 'a tick');
    expect(await open('127.0.0.1')).toBe('open');
  });

  it('refuses presence state past the budget of an address', async () => {
    for (const socket of sockets) socket.terminate();
    sockets.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const client = await realtimeClient({ apiUrl: baseUrl.replace(/^ws/, 'http').replace(/\/realtime\/v1\/websocket.*$/, '') });
    clients.push(client);
    const replies: string[] = [];
    for (const n of [1, 2, 3]) {
      const channel = client.client.channel(`test-room-presence-${n}`, { config: { presence: { key: `k${n}` } } });
      expect((await subscribe(channel)).status).toBe('SUBSCRIBED');
      replies.push(await channel.track({ blob: 'x'.repeat(250) }));
    }
    expect(replies).toEqual(['ok', 'ok', 'error']);
  });
});
