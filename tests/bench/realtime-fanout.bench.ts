// Realtime fan-out from a database commit to 100 and 1,000 subscribers, beside a bare `ws` server fanning out the
// same frames to the same sockets. Each subscriber is a real realtime-js client on its own private channel
// `orders:<key>` (RLS policy on realtime.messages); one realtime.send per subscriber in ONE committed transaction per
// round. The clients live in CLIENT_PROCESSES child processes (realtime-clients.ts), so the clients' own event
// loops are not what is measured, and the bare baseline (bare-ws-server.ts, a process of its own) is received by
// plain sockets in the same processes. Realtime and baseline rounds alternate, so both see the same machine load.
//
// One clock: `performance.timeOrigin + performance.now()` in every process. Realtime latency runs from just before
// COMMIT is sent to each client's receipt (so it includes the commit's fsync and NOTIFY, reported on their own too);
// the baseline's from just before `go` is sent to its control socket.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import WebSocket from 'ws';
import { signWithKey, type StackKeys } from '../../supabase/local/shared/keys.ts';
import { makeDataDir, PROJECT_ROOT, removeDataDir, startBenchStack } from './stack.ts';
import type { Mode, WorkerCommand, WorkerReport } from './realtime-clients.ts';
import { processTreeRssMb, rssMb } from './processes.ts';
import { recordFigure, recordPeers, recordRatio, report } from './stats.ts';

const POLICY = 'bench: read own orders';
const CLIENT_PROCESSES = 4;
const ROUNDS = Number(process.env.BENCH_REALTIME_ROUNDS ?? 30);
// BENCH_REALTIME_SIZES=1000 runs one size only (while profiling).
const SIZES = (process.env.BENCH_REALTIME_SIZES ?? '100,1000').split(',').map(Number);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const clock = () => performance.timeOrigin + performance.now();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The child processes holding the subscribers, driven over IPC. */
class ClientProcesses {
  private readonly children: ChildProcess[];
  private readonly waiters = new Map<ChildProcess, Array<(report: WorkerReport) => void>>();

  constructor(count: number) {
    this.children = Array.from({ length: count }, () =>
      fork(join(PROJECT_ROOT, 'bin', 'run-ts.js'), [join(PROJECT_ROOT, 'tests', 'bench', 'realtime-clients.ts')], { cwd: PROJECT_ROOT, stdio: 'inherit' }),
    );
    for (const child of this.children) {
      this.waiters.set(child, []);
      child.on('message', (message: WorkerReport) => this.waiters.get(child)!.shift()?.(message));
    }
  }

  /** Sends each child its command and resolves with the next `expected` report of each. */
  private async ask(commands: (index: number) => WorkerCommand, expected: WorkerReport['type'], timeoutMs = 120_000): Promise<WorkerReport[]> {
    return Promise.all(
      this.children.map(
        (child, index) =>
          new Promise<WorkerReport>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`client process ${index} sent no ${expected} in ${timeoutMs} ms`)), timeoutMs);
            const queue = this.waiters.get(child)!;
            const take = (report: WorkerReport) => {
              if (report.type === 'failed') {
                clearTimeout(timer);
                reject(new Error(`client process ${index}: ${report.message}`));
              } else if (report.type !== expected) queue.unshift(take);
              else {
                clearTimeout(timer);
                resolve(report);
              }
            };
            queue.push(take);
            child.send(commands(index));
          }),
      ),
    );
  }

  /** Opens the subscribers, a share in each child; returns each one's connect-and-join time. */
  async open(mode: Mode, url: string, anonKey: string, clients: Array<{ key: string; token: string }>): Promise<number[]> {
    const share = Math.ceil(clients.length / this.children.length);
    const reports = await this.ask(
      (index) => ({ type: 'open', mode, url, anonKey, clients: clients.slice(index * share, (index + 1) * share) }),
      'opened',
      // 1,000 joins (each a JWT check and an RLS probe) on a busy 2-core machine.
      600_000,
    );
    return reports.flatMap((report) => (report.type === 'opened' ? report.joinMs : []));
  }

  /** Arms every child for `round` of `mode`, runs `fire` once all are armed, and returns every arrival time. */
  async round(mode: Mode, round: number, fire: () => Promise<void>): Promise<number[]> {
    const armed: Array<Promise<void>> = [];
    const arrivals: Array<Promise<number[]>> = [];
    for (const child of this.children) {
      const queue = this.waiters.get(child)!;
      let isArmed!: () => void;
      armed.push(new Promise<void>((resolve) => (isArmed = resolve)));
      arrivals.push(
        new Promise<number[]>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`round ${round} (${mode}): a client process got nothing in 30 s`)), 30_000);
          // One command at a time per child: its next two reports are `armed`, then this round's arrivals.
          queue.push(
            (report) => (report.type === 'armed' ? isArmed() : reject(new Error(`expected armed, got ${report.type}`))),
            (report) => {
              clearTimeout(timer);
              if (report.type === 'arrivals' && report.round === round) resolve(report.times);
              else reject(new Error(`expected arrivals of round ${round}, got ${JSON.stringify(report).slice(0, 200)}`));
            },
          );
        }),
      );
      child.send({ type: 'round', mode, round } satisfies WorkerCommand);
    }
    await Promise.all(armed);
    await fire();
    return (await Promise.all(arrivals)).flat();
  }

  async close(): Promise<void> {
    await this.ask(() => ({ type: 'close' }), 'opened');
  }

  pids(): number[] {
    return this.children.map((child) => child.pid!).filter(Boolean);
  }

  async exit(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            if (child.connected) child.send({ type: 'exit' } satisfies WorkerCommand);
            else child.kill();
          }),
      ),
    );
  }
}

async function startBareServer(): Promise<{ url: string; control: WebSocket; stop(): void }> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'run-ts.js'), join(PROJECT_ROOT, 'tests', 'bench', 'bare-ws-server.ts')], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /PORT (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`bare ws server exited with ${code}`)));
  });
  const url = `ws://127.0.0.1:${port}`;
  const control = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => control.once('open', resolve).once('error', reject));
  return {
    url,
    control,
    stop: () => {
      control.terminate();
      child.kill();
    },
  };
}

export default async function benchRealtimeFanOut(): Promise<void> {
  const dataDir = await makeDataDir();
  const stack = await startBenchStack({ dataDir });
  const sql = postgres(stack.dbUrl, { max: 2, onnotice: () => {} });
  const clients = new ClientProcesses(CLIENT_PROCESSES);
  const bare = await startBareServer();
  try {
    const stackKeys = JSON.parse(await readFile(join(dataDir, 'keys.json'), 'utf8')) as StackKeys;
    await sql.unsafe(
      `create policy "${POLICY}" on realtime.messages for select to authenticated using (realtime.topic() = 'orders:' || (select auth.uid())::text)`,
    );
    const gatewayPid = stack.child.pid!;
    recordFigure('gateway_rss_mb_idle', await rssMb(gatewayPid), 'MB');

    let round = 0;
    for (const count of SIZES) {
      const keys = Array.from({ length: count }, () => randomUUID());
      const tokens = await Promise.all(keys.map((key) => signWithKey({ sub: key, role: 'authenticated', aud: 'authenticated' }, stackKeys.guestKey, 3600)));
      const subscribers = keys.map((key, index) => ({ key, token: tokens[index] }));
      const openedAt = performance.now();
      const joins = await clients.open('realtime-js', stack.apiUrl, stack.anonKey, subscribers);
      report(`realtime-js connect + private join, ${count} clients`, joins, { 'joins/s': count / ((performance.now() - openedAt) / 1000) });
      await clients.open('bare', bare.url, '', subscribers);
      await sleep(500);
      if (count === 1000) {
        recordFigure('gateway_rss_mb_1000_sockets', await rssMb(gatewayPid), 'MB');
        recordFigure('client_processes_rss_mb_2000_sockets', await processTreeRssMb(clients.pids()), 'MB');
      }

      const realtime: number[] = [];
      const commits: number[] = [];
      const afterCommit: number[] = [];
      const baseline: number[] = [];
      const realtimeRates: number[] = [];
      const baselineRates: number[] = [];
      const connection = await sql.reserve();
      try {
        for (let r = 0; r < ROUNDS; r++) {
          const databaseRound = round++;
          let committedAt = 0;
          let commitReturned = 0;
          const arrivals = await clients.round('realtime-js', databaseRound, async () => {
            await connection`begin`;
            await connection`
              select realtime.send(jsonb_build_object('order_id', n, 'status', 'ready', 'round', ${databaseRound}::int), 'BENCH', 'orders:' || key, true)
              from unnest(${keys}::text[]) with ordinality as t(key, n)`;
            committedAt = clock();
            await connection`commit`;
            commitReturned = clock();
          });
          commits.push(commitReturned - committedAt);
          realtime.push(...arrivals.map((time) => time - committedAt));
          // NOTIFY reaches the service as the commit completes, so a message can even beat COMMIT's reply: 0 then.
          afterCommit.push(...arrivals.map((time) => Math.max(0, time - commitReturned)));
          realtimeRates.push(count / ((Math.max(...arrivals) - committedAt) / 1000));
          await sleep(150);

          const bareRound = round++;
          let sentAt = 0;
          const bareArrivals = await clients.round('bare', bareRound, async () => {
            sentAt = clock();
            bare.control.send(`go ${bareRound}`);
          });
          baseline.push(...bareArrivals.map((time) => time - sentAt));
          baselineRates.push(count / ((Math.max(...bareArrivals) - sentAt) / 1000));
          await sleep(150);
        }
      } finally {
        connection.release();
      }
      await clients.close();

      const candidateLabel = `commit → ${count} realtime-js subscribers`;
      const baselineLabel = `bare ws → ${count} sockets (baseline)`;
      const ours = report(candidateLabel, realtime, { 'msgs/s': median(realtimeRates) });
      const theirs = report(baselineLabel, baseline, { 'msgs/s': median(baselineRates) });
      report(`  COMMIT itself (fsync), ${count} messages`, commits);
      report(`  COMMIT's reply → receipt, ${count} subscribers`, afterCommit);
      recordRatio(`realtime_${count}_p50_vs_bare_ws`, ours.p50 / theirs.p50);
      recordRatio(`realtime_${count}_p95_vs_bare_ws`, ours.p95 / theirs.p95);
      recordRatio(`realtime_${count}_p99_vs_bare_ws`, ours.p99 / theirs.p99);
      recordPeers(`Realtime fan-out to ${count} subscribers vs bare ws`, candidateLabel, baselineLabel, `realtime_${count}_p99_vs_bare_ws`);
      await sleep(500);
    }
  } finally {
    await clients.exit();
    bare.stop();
    await sql.unsafe(`drop policy if exists "${POLICY}" on realtime.messages`).catch(() => {});
    await sql.end();
    await stack.stop();
    await removeDataDir(dataDir);
  }
}
