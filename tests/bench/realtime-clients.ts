// A child process of the Realtime fan-out bench holding many subscribers, so 1,000 clients do not share one event
// loop with each other or with the bench. `realtime-js`: one RealtimeClient (its own socket, from its own loopback
// address, as phones are) per private channel `orders:<key>`; `bare`: one plain `ws` socket per key to the bare
// baseline server. Arrival times are `performance.timeOrigin + performance.now()`, the clock the bench uses too.
import { RealtimeClient } from '@supabase/realtime-js';
import WebSocket from 'ws';
import { randomLoopbackAddress } from '../support/loopback-address.ts';

export type Mode = 'realtime-js' | 'bare';

export type WorkerCommand =
  | { type: 'open'; mode: Mode; url: string; anonKey: string; clients: Array<{ key: string; token: string }> }
  | { type: 'round'; mode: Mode; round: number }
  | { type: 'close' }
  | { type: 'exit' };

export type WorkerReport =
  | { type: 'opened'; count: number; joinMs: number[] }
  | { type: 'armed'; round: number }
  | { type: 'arrivals'; round: number; times: number[] }
  | { type: 'failed'; message: string };

const now = () => performance.timeOrigin + performance.now();
const send = (report: WorkerReport) => process.send!(report);

interface Subscriber {
  arrived?: number;
  close(): void;
}

// Both kinds of subscriber are open at once, so rounds of Realtime and of the baseline can alternate.
const groups: Record<Mode, Subscriber[]> = { 'realtime-js': [], bare: [] };
let round = -1;
let current: Subscriber[] = [];
let waiting = 0;

function arrive(subscriber: Subscriber, messageRound: number): void {
  if (messageRound !== round || subscriber.arrived !== undefined) return;
  subscriber.arrived = now();
  if (--waiting === 0) send({ type: 'arrivals', round, times: current.map((each) => each.arrived!) });
}

async function realtimeJs(url: string, anonKey: string, key: string, token: string): Promise<Subscriber> {
  const localAddress = randomLoopbackAddress();
  class FromOwnAddress extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { localAddress, perMessageDeflate: false });
    }
  }
  const client = new RealtimeClient(`${url.replace(/^http/, 'ws')}/realtime/v1`, {
    params: { apikey: anonKey },
    transport: FromOwnAddress as never,
    accessToken: async () => token,
    // Joins of 1,000 clients queue up on a busy 2-core machine; the bench waits for them rather than rejoining.
    timeout: 60_000,
  });
  // As supabase-js does before a private join: the join then carries the token.
  await client.setAuth();
  const subscriber: Subscriber = { close: () => void client.removeAllChannels().then(() => client.disconnect()) };
  const channel = client.channel(`orders:${key}`, { config: { private: true } });
  channel.on('broadcast', { event: 'BENCH' }, ({ payload }) => arrive(subscriber, Number(payload.round)));
  await new Promise<void>((resolve, reject) =>
    channel.subscribe((status, error) => (status === 'SUBSCRIBED' ? resolve() : reject(error ?? new Error(`channel ${status}`)))),
  );
  return subscriber;
}

async function bare(url: string, key: string): Promise<Subscriber> {
  const ws = new WebSocket(`${url}/?key=${key}`, { perMessageDeflate: false });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const subscriber: Subscriber = { close: () => ws.terminate() };
  // The baseline server sends the round as the frame's last byte-group: `…"round":<n>}`.
  ws.on('message', (data: Buffer) => arrive(subscriber, Number(/"round":(\d+)/.exec(data.toString('latin1'))?.[1])));
  return subscriber;
}

process.on('message', async (command: WorkerCommand) => {
  try {
    if (command.type === 'open') {
      // 10 at a time per process: each join is a JWT check and an RLS query on the server.
      const subscribers = groups[command.mode];
      const joinMs: number[] = [];
      const timed = async (open: () => Promise<Subscriber>) => {
        const started = performance.now();
        const subscriber = await open();
        joinMs.push(performance.now() - started);
        return subscriber;
      };
      for (let start = 0; start < command.clients.length; start += 10) {
        subscribers.push(
          ...(await Promise.all(
            command.clients
              .slice(start, start + 10)
              .map(({ key, token }) => timed(() => (command.mode === 'bare' ? bare(command.url, key) : realtimeJs(command.url, command.anonKey, key, token)))),
          )),
        );
      }
      send({ type: 'opened', count: subscribers.length, joinMs });
    } else if (command.type === 'round') {
      round = command.round;
      current = groups[command.mode];
      for (const subscriber of current) subscriber.arrived = undefined;
      waiting = current.length;
      send({ type: 'armed', round });
      if (waiting === 0) send({ type: 'arrivals', round, times: [] });
    } else if (command.type === 'close') {
      for (const subscriber of [...groups['realtime-js'], ...groups.bare]) subscriber.close();
      groups['realtime-js'] = [];
      groups.bare = [];
      send({ type: 'opened', count: 0, joinMs: [] });
    } else {
      process.exit(0);
    }
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
