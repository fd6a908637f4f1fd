// Realtime robustness: malformed frames close only their own socket, and the per-connection limits (channels,
// join rate, message size, frame size) answer with clear errors. Limits are tested on a second Realtime service
// with small limits, started in this process on the stack's database; malformed frames go through the gateway.
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
import { guestToken, stackInfo, stackKeys } from '../support/clients.ts';
import { collect, createTestPolicies, realtimeClient, subscribe, waitFor, type RealtimeTestClient } from './realtime-support.ts';

/** A bare vsn 2.0.0 socket: what a buggy or hostile client could send. */
class RawSocket {
  readonly frames: unknown[] = [];
  closeCode: number | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => this.frames.push(isBinary ? data : JSON.parse(String(data))));
    ws.on('close', (code) => (this.closeCode = code));
  }

  static open(baseUrl: string, apiKey: string, vsn = '2.0.0'): Promise<RawSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/realtime/v1/websocket?apikey=${apiKey}&vsn=${vsn}`);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RawSocket(ws)));
      ws.once('error', reject);
    });
  }

  send(frame: unknown[]): void {
    this.ws.send(JSON.stringify(frame));
  }

  async reply(ref: string): Promise<{ status: string; response: Record<string, unknown> }> {
    const find = () => this.frames.find((frame) => Array.isArray(frame) && frame[1] === ref && frame[3] === 'phx_reply') as unknown[] | undefined;
    await waitFor(() => find() !== undefined, `reply to ${ref}`);
    return find()![4] as { status: string; response: Record<string, unknown> };
  }

  async closed(): Promise<number> {
    await waitFor(() => this.closeCode !== null, 'the socket to close');
    return this.closeCode!;
  }
}

const clients: RealtimeTestClient[] = [];
const raws: RawSocket[] = [];
let dropPolicies: () => Promise<void>;

beforeAll(async () => {
  dropPolicies = await createTestPolicies('limits');
});

afterAll(async () => {
  for (const raw of raws) raw.ws.terminate();
  await Promise.all(clients.map((client) => client.close()));
  await dropPolicies();
});

describe('malformed frames (through the gateway)', () => {
  it('closes only the socket that sent them; other clients keep receiving', async () => {
    const stack = stackInfo();
    const guest = randomUUID();
    const healthy = await realtimeClient({ token: await guestToken(guest) });
    clients.push(healthy);
    const channel = healthy.client.channel(`orders:${guest}`, { config: { private: true } });
    const received = collect(channel);
    expect((await subscribe(channel)).status).toBe('SUBSCRIBED');

    for (const garbage of ['{not json', '{"topic": 1}', Buffer.from([4, 0, 0, 0, 1]), Buffer.from([3, 200, 0, 0, 0, 0, 1])]) {
      const raw = await RawSocket.open(stack.apiUrl, stack.anonKey);
      raws.push(raw);
      raw.ws.send(garbage);
      expect(await raw.closed()).toBe(1007);
    }
    const v1 = await RawSocket.open(stack.apiUrl, stack.anonKey, '1.0.0');
    raws.push(v1);
    v1.ws.send(Buffer.from([3, 0, 0, 0, 0, 0, 1]));
    expect(await v1.closed()).toBe(1007);

    const sql = postgres(stack.dbUrl, { max: 1, onnotice: () => {} });
    await sql`select realtime.send('{"status": "ready"}'::jsonb, 'ORDER_STATUS_CHANGED', ${`orders:${guest}`}, true)`;
    await sql.end();
    await waitFor(() => received.length === 1, 'the broadcast on the healthy socket');
  });

  it('answers heartbeats and refuses pushes to topics the socket has not joined', async () => {
    const stack = stackInfo();
    const raw = await RawSocket.open(stack.apiUrl, stack.anonKey);
    raws.push(raw);
    raw.send([null, '1', 'phoenix', 'heartbeat', {}]);
    expect(await raw.reply('1')).toEqual({ status: 'ok', response: {} });
    raw.send(['9', '2', 'realtime:nowhere', 'broadcast', { type: 'broadcast', event: 'x', payload: {} }]);
    raw.send(['9', '3', 'realtime:nowhere', 'presence', { type: 'presence', event: 'track', payload: {} }]);
    expect(await raw.reply('3')).toEqual({ status: 'error', response: { reason: 'unmatched topic' } });
    raw.send(['4', '4', 'realtime:', 'phx_join', { config: {} }]);
    expect(await raw.reply('4')).toEqual({ status: 'error', response: { reason: 'TopicNameRequired: You must provide a topic name' } });
    // realtime-js refuses this itself; a hand-made client gets hosted Realtime's answer.
    raw.send(['5', '5', 'realtime:lobby', 'phx_join', { config: { broadcast: { replay: { since: 0 } } } }]);
    expect(await raw.reply('5')).toEqual({ status: 'error', response: { reason: 'UnableToReplayMessages: Replay is not allowed for public channels' } });
  });

  it('refuses an unsupported protocol version at the upgrade', async () => {
    const stack = stackInfo();
    await expect(RawSocket.open(stack.apiUrl, stack.anonKey, '3.0.0')).rejects.toThrow(/400/);
  });
});

describe('limits (a Realtime service with small limits)', () => {
  let server: Server;
  let service: WebSocketService;
  let baseUrl: string;
  let sql: ReturnType<typeof postgres>;

  beforeAll(async () => {
    const keys = await stackKeys();
    const jwks = publicJwks(keys);
    sql = postgres(stackInfo().dbUrl, { max: 4, onnotice: () => {} });
    const silent = { info() {}, warn() {}, error() {} };
    service = createRealtimeService(
      { config: {} as StackConfig, keys, jwks, sql, databaseUrl: stackInfo().dbUrl, verifyAccessToken: createJwtVerifier(jwks), log: silent },
      { maxChannelsPerConnection: 2, maxJoinsPerSecond: 4, maxPayloadBytes: 100, maxFrameBytes: 4096 },
    );
    server = createServer((_req, res) => res.writeHead(404).end());
    server.on('upgrade', (req, socket, head) => service.upgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await service.close();
    await new Promise((resolve) => server.close(resolve));
    await sql.end();
  });

  it('refuses a join past the channels-per-connection limit', async () => {
    const client = await realtimeClient({ apiUrl: baseUrl });
    clients.push(client);
    expect((await subscribe(client.client.channel('lobby-1'))).status).toBe('SUBSCRIBED');
    expect((await subscribe(client.client.channel('lobby-2'))).status).toBe('SUBSCRIBED');
    const third = await subscribe(client.client.channel('lobby-3'));
    expect(third.status).toBe('CHANNEL_ERROR');
    expect(third.error?.message).toBe('ChannelRateLimitReached: Too many channels');
  });

  it('refuses joins past the join rate', async () => {
    const raw = await RawSocket.open(baseUrl, stackInfo().anonKey);
    raws.push(raw);
    for (let n = 1; n <= 5; n++) raw.send([String(n), String(n), 'realtime:same-room', 'phx_join', { config: {} }]);
    expect((await raw.reply('4')).status).toBe('ok');
    expect(await raw.reply('5')).toEqual({ status: 'error', response: { reason: 'ClientJoinRateLimitReached: Too many joins per second' } });
  });

  it('answers an oversized broadcast with an error and closes a socket that sends an oversized frame', async () => {
    const client = await realtimeClient({ apiUrl: baseUrl });
    clients.push(client);
    const channel = client.client.channel('lobby-size', { config: { broadcast: { ack: true } } });
    expect((await subscribe(channel)).status).toBe('SUBSCRIBED');
    expect(await channel.send({ type: 'broadcast', event: 'small', payload: { ok: true } })).toBe('ok');
    expect(await channel.send({ type: 'broadcast', event: 'big', payload: { text: 'x'.repeat(200) } })).toBe('error');

    const raw = await RawSocket.open(baseUrl, stackInfo().anonKey);
    raws.push(raw);
    raw.send(['1', '1', 'realtime:lobby-size', 'phx_join', { config: {}, padding: 'x'.repeat(5000) }]);
    expect(await raw.closed()).toBe(1009);
  });

  it('keeps private topics authorized on the in-process service too', async () => {
    const client = await realtimeClient({ apiUrl: baseUrl, token: await guestToken(randomUUID()) });
    clients.push(client);
    const other = randomUUID();
    const refused = await subscribe(client.client.channel(`orders:${other}`, { config: { private: true } }));
    expect(refused.error?.message).toBe(`Unauthorized: You do not have permissions to read from this Channel topic: orders:${other}`);
  });
});
