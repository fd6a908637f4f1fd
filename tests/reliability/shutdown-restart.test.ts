// Ctrl-C (SIGTERM) with phones and host screens connected, and a restart on the same ports and data (B1, B24):
// the stack stops within 5 s, every socket gets a close frame, PostgREST is not "restarted" on the way down, and a
// guest's realtime-js client comes back by itself and hears the next status change.
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { createClient, type RealtimeChannel } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { adminSql } from '../support/clients.ts';
import { addGuest, addHost, addMenu, type Person } from '../support/party.ts';
import { descendantsOf, isAlive } from '../support/processes.ts';
import { freePortPair, makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

const STOP_DEADLINE_MS = 5000;

function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(check, 20);
    };
    check();
  });
}

/** Resolves with the exit code, or rejects when the process is still running after `ms`. */
function exitWithin(stack: StackProcess, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (stack.child.exitCode !== null) return resolve(stack.child.exitCode);
    const timer = setTimeout(() => reject(new Error(`the stack was still running ${ms} ms after SIGTERM:\n${stack.output().slice(-2000)}`)), ms);
    stack.child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('stopping with clients connected, then starting again', () => {
  let dataDir: string;
  let port: number;
  let stack: StackProcess;
  let guest: Person;
  let host: Person;
  let orderId: string;
  const statuses: string[] = [];
  const events: Array<Record<string, unknown>> = [];
  let guestChannel: RealtimeChannel;
  let guestClient: ReturnType<typeof createClient>;

  beforeAll(async () => {
    dataDir = await makeDataDir();
    port = await freePortPair();
    stack = await startStackProcess({ dataDir, apiPort: port });
    const sql = adminSql(stack);
    try {
      guest = await addGuest(sql, 'Anna', stack);
      host = await addHost(sql, stack);
      const { drinks } = await addMenu(sql, ['Old Fashioned']);
      orderId = randomUUID();
      const { error } = await guest.client.from('orders').insert({ id: orderId, drink_id: drinks['Old Fashioned'] });
      expect(error).toBeNull();
    } finally {
      await sql.end();
    }
  });

  afterAll(async () => {
    await guestClient?.removeAllChannels();
    guestClient?.realtime.disconnect();
    await stack?.stop();
    await removeDataDir(dataDir);
  });

  it('stops within 5 s with a guest, a host screen, a silent socket and a keep-alive connection attached', async () => {
    // The guest's phone: supabase-js with the guest token, subscribed to its own private channel.
    guestClient = createClient(stack.apiUrl, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      accessToken: async () => guest.token,
      realtime: { transport: WebSocket as never },
    });
    await guestClient.realtime.setAuth();
    guestChannel = guestClient.channel(`orders:${guest.id}`, { config: { private: true } });
    guestChannel.on('broadcast', { event: 'ORDER_STATUS_CHANGED' }, (message) => events.push(message.payload as Record<string, unknown>));
    guestChannel.subscribe((status) => statuses.push(status));
    await waitFor(() => statuses.includes('SUBSCRIBED'), 'the guest to subscribe');

    // A host screen on a raw socket, and a keep-alive HTTP connection left idle (a browser keeps those open).
    const hostSocket = new WebSocket(`${stack.apiUrl.replace(/^http/, 'ws')}/realtime/v1/websocket?apikey=${stack.anonKey}&vsn=2.0.0`);
    let hostCloseCode: number | undefined;
    hostSocket.on('close', (code) => (hostCloseCode = code));
    await new Promise((resolve) => hostSocket.once('open', resolve));
    hostSocket.send(JSON.stringify(['1', '1', 'realtime:admin:orders', 'phx_join', { config: { private: true }, access_token: host.token }]));
    // A phone that went to sleep: its socket never reads again, so it never answers the close frame.
    const silent = new WebSocket(`${stack.apiUrl.replace(/^http/, 'ws')}/realtime/v1/websocket?apikey=${stack.anonKey}&vsn=2.0.0`);
    await new Promise((resolve) => silent.once('open', resolve));
    (silent as unknown as { _socket: { pause(): void } })._socket.pause();
    const keepAlive = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      const url = new URL('/rest/v1/', stack.apiUrl);
      httpRequest({ agent: keepAlive, hostname: url.hostname, port: url.port, path: url.pathname, headers: { apikey: stack.anonKey } }, (answer) => {
        answer.resume();
        answer.on('end', resolve);
      })
        .on('error', reject)
        .end();
    });

    const children = descendantsOf(stack.child.pid!);
    stack.child.kill('SIGTERM');
    expect(await exitWithin(stack, STOP_DEADLINE_MS)).toBe(0);
    expect(children.filter(isAlive)).toEqual([]);
    await waitFor(() => hostCloseCode !== undefined, 'the host socket to close');
    expect(hostCloseCode).toBe(1001); // a proper close frame: "going away"
    expect(stack.output()).toContain('Stopped.');
    expect(stack.output()).not.toMatch(/PostgREST exited|restart/i);
    keepAlive.destroy();
    silent.terminate();
  });

  it('after a start on the same ports and data, the guest’s client rejoins by itself and hears the next status change', async () => {
    stack = await startStackProcess({ dataDir, apiPort: port });
    // realtime-js reconnects with backoff (1, 2, 5, 10 s) and rejoins its channels.
    const subscribedBefore = statuses.filter((status) => status === 'SUBSCRIBED').length;
    await waitFor(() => statuses.filter((status) => status === 'SUBSCRIBED').length > subscribedBefore, 'the guest to rejoin', 30_000);

    const { error } = await host.client.from('orders').update({ status: 'preparing' }).eq('id', orderId);
    expect(error).toBeNull();
    await waitFor(() => events.some((event) => event.order_id === orderId && event.status === 'preparing'), 'the status change to reach the guest');
  });
});
