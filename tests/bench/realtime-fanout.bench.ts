// Realtime fan-out from the database: N clients, each joined to its own private channel `orders:<user key>` (RLS
// policy on realtime.messages), one realtime.send per client in ONE committed transaction per round. Latency is
// measured from just before COMMIT is sent to the moment each client's socket delivers the message (so it includes
// the commit's fsync, reported on its own line too); messages/s is N divided by the time until the last client got
// its message.
//
// Clients: for N = 1,000 (and 100) raw `ws` sockets speaking vsn 2.0.0 exactly as realtime-js does (array text
// frames, kind 4 binary broadcasts) — 1,000 supabase-js clients in one process would measure the client library's
// timers more than the server. A smaller run uses real supabase-js / realtime-js clients.
// Baseline: a bare `ws` server in its own process sending one frame to each of the same N sockets on request.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import WebSocket from 'ws';
import { signWithKey, type StackKeys } from '../../supabase/local/shared/keys.ts';
import { randomLoopbackAddress } from '../support/loopback-address.ts';
import { makeDataDir, PROJECT_ROOT, removeDataDir, startStackProcess } from '../support/stack-process.ts';
import { report, reportRatio, type LatencySummary } from './stats.ts';

const POLICY = 'bench: read own orders';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Receiver {
  /** Arrival time of the current round's message, or undefined. */
  arrived?: number;
  close(): void;
}

async function waitAll(receivers: Receiver[], timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (receivers.some((receiver) => receiver.arrived === undefined)) {
    if (performance.now() > deadline) throw new Error(`${receivers.filter((r) => r.arrived === undefined).length} clients got nothing`);
    await sleep(2);
  }
}

/** A raw vsn 2.0.0 socket joined to `orders:<key>`; any kind 4 frame counts as this round's message. */
async function rawClient(apiUrl: string, anonKey: string, key: string, token: string): Promise<Receiver> {
  // Each from an address of its own, as phones are: Realtime caps sockets per client address.
  const ws = new WebSocket(`${apiUrl.replace(/^http/, 'ws')}/realtime/v1/websocket?apikey=${anonKey}&vsn=2.0.0`, {
    perMessageDeflate: false,
    localAddress: randomLoopbackAddress(),
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const receiver: Receiver = { close: () => ws.terminate() };
  const joined = new Promise<void>((resolve, reject) => {
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) {
        if (data[0] === 4) receiver.arrived ??= performance.now();
        return;
      }
      const [, ref, , event, payload] = JSON.parse(String(data));
      if (ref === '1' && event === 'phx_reply') {
        if (payload.status === 'ok') resolve();
        else reject(new Error(JSON.stringify(payload)));
      }
    });
  });
  ws.send(
    JSON.stringify([
      '1',
      '1',
      `realtime:orders:${key}`,
      'phx_join',
      { config: { broadcast: { ack: false, self: false }, presence: { key: '', enabled: false }, postgres_changes: [], private: true }, access_token: token },
    ]),
  );
  await joined;
  const heartbeat = setInterval(() => ws.send(JSON.stringify([null, 'hb', 'phoenix', 'heartbeat', {}])), 20_000);
  receiver.close = () => {
    clearInterval(heartbeat);
    ws.terminate();
  };
  return receiver;
}

/** A real supabase-js client (realtime-js inside) subscribed to its private channel. */
async function supabaseJsClient(apiUrl: string, anonKey: string, key: string, token: string): Promise<Receiver> {
  const client: SupabaseClient = createClient(apiUrl, anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    accessToken: async () => token,
  });
  await client.realtime.setAuth();
  const receiver: Receiver = {
    close: () => {
      void client.removeAllChannels().then(() => client.realtime.disconnect());
    },
  };
  const channel = client.channel(`orders:${key}`, { config: { private: true } });
  channel.on('broadcast', { event: 'BENCH' }, () => (receiver.arrived ??= performance.now()));
  await new Promise<void>((resolve, reject) =>
    channel.subscribe((status, error) => (status === 'SUBSCRIBED' ? resolve() : reject(error ?? new Error(status)))),
  );
  return receiver;
}

async function inBatches<T>(count: number, batch: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < count; start += batch) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - start) }, (_, offset) => make(start + offset)))));
  }
  return out;
}

async function measureDatabaseFanOut(
  sql: postgres.Sql,
  receivers: Receiver[],
  keys: string[],
  rounds: number,
): Promise<{ samples: number[]; rates: number[]; commits: number[]; afterCommit: number[] }> {
  const samples: number[] = [];
  const rates: number[] = [];
  const commits: number[] = [];
  const afterCommit: number[] = [];
  const connection = await sql.reserve();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const receiver of receivers) receiver.arrived = undefined;
      await connection`begin`;
      await connection`
        select realtime.send(jsonb_build_object('order_id', n, 'status', 'ready', 'round', ${round}::int), 'BENCH', 'orders:' || key, true)
        from unnest(${keys}::text[]) with ordinality as t(key, n)`;
      const committedAt = performance.now();
      await connection`commit`;
      const commitReturned = performance.now();
      commits.push(commitReturned - committedAt);
      await waitAll(receivers);
      const latencies = receivers.map((receiver) => receiver.arrived! - committedAt);
      samples.push(...latencies);
      // NOTIFY reaches the service as the commit completes, so a message can even beat COMMIT's reply: 0 then.
      afterCommit.push(...receivers.map((receiver) => Math.max(0, receiver.arrived! - commitReturned)));
      rates.push(receivers.length / (Math.max(...latencies) / 1000));
      await sleep(200);
    }
  } finally {
    connection.release();
  }
  return { samples, rates, commits, afterCommit };
}

const BASELINE_SERVER = `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
wss.on('listening', () => console.log('PORT ' + wss.address().port));
wss.on('connection', (ws) => ws.on('message', (data) => {
  if (String(data) !== 'go') return;
  let n = 0;
  for (const client of wss.clients) {
    if (client === ws) continue;
    const frame = Buffer.from('\\u0004' + JSON.stringify({ order_id: n++, status: 'ready', id: '00000000-0000-0000-0000-000000000000' }));
    client.send(frame, { binary: true });
  }
}));
`;

async function measureBareWs(count: number, rounds: number): Promise<{ samples: number[]; rates: number[] }> {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', BASELINE_SERVER], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve) =>
      child.stdout!.on('data', (chunk) => /PORT (\d+)/.test(String(chunk)) && resolve(Number(/PORT (\d+)/.exec(String(chunk))![1]))),
    );
    const url = `ws://127.0.0.1:${port}`;
    const receivers = await inBatches(count, 100, async () => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const receiver: Receiver = { close: () => ws.terminate() };
      ws.on('message', () => (receiver.arrived ??= performance.now()));
      return receiver;
    });
    const control = new WebSocket(url, { perMessageDeflate: false });
    await new Promise((resolve, reject) => control.once('open', resolve).once('error', reject));
    const samples: number[] = [];
    const rates: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const receiver of receivers) receiver.arrived = undefined;
      const sentAt = performance.now();
      control.send('go');
      await waitAll(receivers);
      const latencies = receivers.map((receiver) => receiver.arrived! - sentAt);
      samples.push(...latencies);
      rates.push(receivers.length / (Math.max(...latencies) / 1000));
      await sleep(200);
    }
    control.terminate();
    for (const receiver of receivers) receiver.close();
    return { samples, rates };
  } finally {
    child.kill();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export default async function benchRealtimeFanOut(): Promise<void> {
  const dataDir = await makeDataDir();
  const stack = await startStackProcess({ dataDir });
  const sql = postgres(stack.dbUrl, { max: 2, onnotice: () => {} });
  try {
    const stackKeys = JSON.parse(await readFile(join(dataDir, 'keys.json'), 'utf8')) as StackKeys;
    await sql.unsafe(
      `create policy "${POLICY}" on realtime.messages for select to authenticated using (realtime.topic() = 'orders:' || (select auth.uid())::text)`,
    );

    const runs: Array<{ label: string; count: number; rounds: number; client: typeof rawClient }> = [
      { label: 'raw vsn 2.0.0 clients', count: 100, rounds: 30, client: rawClient },
      { label: 'raw vsn 2.0.0 clients', count: 1000, rounds: 30, client: rawClient },
      { label: 'supabase-js clients', count: 100, rounds: 20, client: supabaseJsClient },
    ];
    for (const run of runs) {
      const keys = Array.from({ length: run.count }, () => randomUUID());
      const tokens = await Promise.all(keys.map((key) => signWithKey({ sub: key, role: 'authenticated', aud: 'authenticated' }, stackKeys.guestKey, 3600)));
      const receivers = await inBatches(run.count, 50, (index) => run.client(stack.apiUrl, stack.anonKey, keys[index], tokens[index]));
      await sleep(500);
      const database = await measureDatabaseFanOut(sql, receivers, keys, run.rounds);
      for (const receiver of receivers) receiver.close();
      const summary: LatencySummary = report(`database → ${run.count} ${run.label}`, database.samples, { 'msgs/s': median(database.rates) });
      report(`  COMMIT itself (fsync), per round`, database.commits);
      report(`  from COMMIT's reply to receipt`, database.afterCommit);
      if (run.client === rawClient) {
        const bare = await measureBareWs(run.count, run.rounds);
        const baseline = report(`bare ws fan-out → ${run.count} sockets (baseline)`, bare.samples, { 'msgs/s': median(bare.rates) });
        reportRatio(`realtime vs bare ws, N=${run.count}`, summary, baseline);
      }
      await sleep(500);
    }
  } finally {
    await sql.unsafe(`drop policy if exists "${POLICY}" on realtime.messages`).catch(() => {});
    await sql.end();
    await stack.stop();
    await removeDataDir(dataDir);
  }
}
