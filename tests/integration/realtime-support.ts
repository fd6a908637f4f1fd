// Helpers for the Realtime suites: real supabase-js clients on either protocol version, channel subscription as a
// promise, broadcast collectors, and test-only RLS policies on realtime.messages (dropped again after the suite).
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { adminSql, stackInfo } from '../support/clients.ts';

export type Vsn = '1.0.0' | '2.0.0';

export interface RealtimeTestClient {
  client: SupabaseClient;
  /** The token the client sends; change it and call `client.realtime.setAuth()` to push it. */
  auth: { token: string | null };
  close(): Promise<void>;
}

/**
 * A supabase-js client as the guest PWA makes it (`accessToken` option). It waits until realtime-js has the token:
 * a channel subscribed before that joins with the anon key and is refused once (realtime-js retries after 1 s),
 * exactly as against hosted Supabase.
 */
export async function realtimeClient(options: { token?: string; vsn?: Vsn; apiUrl?: string } = {}): Promise<RealtimeTestClient> {
  const stack = stackInfo();
  const auth = { token: options.token ?? null };
  const client = createClient(options.apiUrl ?? stack.apiUrl, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never, vsn: options.vsn ?? '2.0.0' } as never,
    ...(options.token ? { accessToken: async () => auth.token } : {}),
  });
  if (options.token) await client.realtime.setAuth();
  return {
    client,
    auth,
    async close() {
      await client.removeAllChannels();
      await client.realtime.disconnect();
    },
  };
}

export type SubscribeResult = { status: string; error?: Error };

/** Subscribes and resolves with the first final status: SUBSCRIBED, CHANNEL_ERROR, TIMED_OUT or CLOSED. */
export function subscribe(channel: RealtimeChannel, timeoutMs = 10_000): Promise<SubscribeResult> {
  return new Promise((resolve) => {
    let settled = false;
    channel.subscribe((status, error) => {
      if (settled) return;
      settled = true;
      resolve({ status, error });
    }, timeoutMs);
  });
}

/** Every status the channel reports after subscribing (to see a later CLOSED). */
export function statusLog(channel: RealtimeChannel): string[] {
  const log: string[] = [];
  channel.subscribe((status) => log.push(status));
  return log;
}

export interface Received {
  event: string;
  payload: Record<string, unknown>;
  meta?: { id?: string; replayed?: boolean };
}

/** Collects broadcasts of `event` ('*' for all); register before subscribing. */
export function collect(channel: RealtimeChannel, event = '*'): Received[] {
  const received: Received[] = [];
  channel.on('broadcast', { event }, (message) => received.push(message as unknown as Received));
  return received;
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Test-only policies: a user may read and write `orders:<own uid>` and every `test-room-*` topic (both extensions).
 * The app's own policies come from its migrations; these exist only while a suite runs. The `orders:` ones apply
 * only to the suites' made-up users (tokens without `is_guest`), never to real guests other suites test at once.
 */
export async function createTestPolicies(suffix: string): Promise<() => Promise<void>> {
  const sql = adminSql();
  const names = [
    `realtime test ${suffix}: read own orders`,
    `realtime test ${suffix}: write own orders`,
    `realtime test ${suffix}: read rooms`,
    `realtime test ${suffix}: write rooms`,
  ];
  await sql.unsafe(`
    create policy "${names[0]}" on realtime.messages for select to authenticated
      using (realtime.topic() = 'orders:' || (select auth.uid())::text and (select auth.jwt() ->> 'is_guest') is null);
    create policy "${names[1]}" on realtime.messages for insert to authenticated
      with check (realtime.topic() = 'orders:' || (select auth.uid())::text and (select auth.jwt() ->> 'is_guest') is null);
    create policy "${names[2]}" on realtime.messages for select to authenticated
      using (realtime.topic() like 'test-room-%');
    create policy "${names[3]}" on realtime.messages for insert to authenticated
      with check (realtime.topic() like 'test-room-%');
  `);
  return async () => {
    for (const name of names) await sql.unsafe(`drop policy if exists "${name}" on realtime.messages`);
    await sql.end();
  };
}
