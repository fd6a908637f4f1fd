// Orders per second through the gateway (PostgREST + RLS + the order triggers + realtime.send) with
// 100 concurrent guests, each with its own guest token and supabase-js client, on a stack of its own, beside the
// same inserts sent to that stack's PostgREST directly (postgrest-js, the client inside supabase-js): what the
// gateway costs. Gateway and direct rounds alternate so both see the same machine load. Then how long a host's
// status change takes to reach the guest's phone over its private channel.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PostgrestClient } from '@supabase/postgrest-js';
import { createClient } from '@supabase/supabase-js';
import postgres from 'postgres';
import WebSocket from 'ws';
import { signWithKey, type StackKeys } from '../../supabase/local/shared/keys.ts';
import { makeDataDir, removeDataDir, startBenchStack } from './stack.ts';
import { randomUUID } from 'node:crypto';
import { postgrestOrigin } from './processes.ts';
import { recordFigure, recordPeers, recordRatio, report } from './stats.ts';

const GUESTS = 100;
/** A guest may hold at most 20 open orders (bar_settings): each round places 19, then the orders are cleared. */
const ORDERS_PER_GUEST = 20;
const ROUNDS = Number(process.env.BENCH_ORDER_ROUNDS ?? 3);

type Insert = (row: { drink_id: string; note?: string }) => PromiseLike<{ error: { message: string } | null }>;

/** One round: every guest places ORDERS_PER_GUEST - 1 orders one after another, all guests at once. */
async function placeOrders(
  inserts: Insert[],
  drinkId: string,
  latencies: number[],
  errors: Map<string, number>,
): Promise<{ seconds: number; failures: number }> {
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    inserts.map(async (insert) => {
      for (let i = 1; i < ORDERS_PER_GUEST; i++) {
        const sent = performance.now();
        const { error } = await insert({ drink_id: drinkId, note: `round ${i}` });
        latencies.push(performance.now() - sent);
        if (error) {
          failures++;
          errors.set(error.message, (errors.get(error.message) ?? 0) + 1);
        }
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, failures };
}

export default async function benchOrders(): Promise<void> {
  const dataDir = await makeDataDir();
  const stack = await startBenchStack({ dataDir });
  const sql = postgres(stack.dbUrl, { max: 2, onnotice: () => {} });
  try {
    const keys = JSON.parse(await readFile(join(dataDir, 'keys.json'), 'utf8')) as StackKeys;
    await sql`update public.bar_settings set is_open = true, last_call_at = null, max_open_orders_per_guest = ${ORDERS_PER_GUEST}`;
    const [{ id: drinkId }] = await sql`select id from public.drinks where is_active order by name limit 1`;
    const origin = await postgrestOrigin(stack.child.pid!);
    const guestKeys: string[] = [];
    const guestTokens: string[] = [];
    const guests = await Promise.all(
      Array.from({ length: GUESTS }, async (_, index) => {
        const [row] = await sql`insert into public.guests (username) values (${`Bench ${index}`}) returning user_key`;
        guestKeys[index] = row.user_key as string;
        const token = await signWithKey(
          { sub: row.user_key, role: 'authenticated', aud: 'authenticated', user_key: row.user_key, is_guest: true },
          keys.guestKey,
          3600,
        );
        guestTokens[index] = token;
        return createClient(stack.apiUrl, stack.anonKey, {
          auth: { persistSession: false, autoRefreshToken: false },
          realtime: { transport: WebSocket as never },
          accessToken: async () => token,
        });
      }),
    );

    const direct = guestTokens.map((token) => new PostgrestClient(origin, { headers: { Authorization: `Bearer ${token}` } }));
    const viaGateway: Insert[] = guests.map((client) => (row) => client.from('orders').insert(row));
    const viaPostgrest: Insert[] = direct.map((client) => (row) => client.from('orders').insert(row));

    // Warm-up: one order per guest each way (connections, PostgREST schema cache, plan caches).
    await Promise.all([...viaGateway, ...viaPostgrest].map((insert) => insert({ drink_id: drinkId })));
    await sql`delete from public.orders`;

    const paths = [
      {
        label: `order insert via the gateway, ${GUESTS} concurrent guests`,
        inserts: viaGateway,
        latencies: [] as number[],
        seconds: 0,
        failures: 0,
        errors: new Map<string, number>(),
      },
      {
        label: `order insert to PostgREST directly, ${GUESTS} concurrent guests`,
        inserts: viaPostgrest,
        latencies: [] as number[],
        seconds: 0,
        failures: 0,
        errors: new Map<string, number>(),
      },
    ];
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of round % 2 === 0 ? paths : [...paths].reverse()) {
        const result = await placeOrders(path.inserts, drinkId, path.latencies, path.errors);
        path.seconds += result.seconds;
        path.failures += result.failures;
        const [{ count }] = await sql`select count(*)::int as count from public.orders`;
        const acknowledged = GUESTS * (ORDERS_PER_GUEST - 1) - result.failures;
        if (count !== acknowledged) console.log(`  ${path.label}: ${count} orders stored, ${acknowledged} acknowledged`);
        await sql`delete from public.orders`;
      }
    }
    const [gateway, postgrest] = paths.map((path) =>
      Object.assign(report(path.label, path.latencies, { 'orders/s': path.latencies.length / path.seconds, failures: path.failures }), {
        rate: path.latencies.length / path.seconds,
      }),
    );
    // A failed order is a finding, not a reason to lose the run: it is printed, and counted in the figures.
    for (const path of paths) for (const [message, times] of path.errors) console.log(`  ${path.label}: ${times} × ${message}`);
    recordFigure('orders_failed_via_gateway', paths[0].failures);
    recordFigure('orders_failed_direct_postgrest', paths[1].failures);
    recordRatio('orders_gateway_vs_direct_postgrest', gateway.rate / postgrest.rate);
    recordPeers('Orders: through the gateway vs PostgREST directly', paths[0].label, paths[1].label, 'orders_gateway_vs_direct_postgrest');

    // The status-change part needs one pending order per guest.
    await Promise.all(viaGateway.map((insert) => insert({ drink_id: drinkId })));

    // Every guest listens on orders:<user_key>; the host starts one order per guest, 10 at a time.
    const hostId = randomUUID();
    await sql`insert into auth.users (id, aud, role, email) values (${hostId}, 'authenticated', 'authenticated', ${`bench-${hostId}@barkeep.test`})`;
    await sql`insert into public.hosts (user_id) values (${hostId})`;
    const hostToken = await signWithKey({ sub: hostId, role: 'authenticated', aud: 'authenticated' }, keys.signingKey, 3600);
    const host = createClient(stack.apiUrl, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
      accessToken: async () => hostToken,
    });
    const arrived = new Map<string, () => void>();
    await Promise.all(
      guests.map(async (client, index) => {
        const userKey = guestKeys[index];
        await client.realtime.setAuth();
        await new Promise<void>((joined, failed) => {
          client
            .channel(`orders:${userKey}`, { config: { private: true } })
            .on('broadcast', { event: 'ORDER_STATUS_CHANGED' }, ({ payload }) => arrived.get(String(payload.order_id))?.())
            .subscribe((status) => (status === 'SUBSCRIBED' ? joined() : status === 'CHANNEL_ERROR' ? failed(new Error(status)) : undefined));
        });
      }),
    );
    const firstOrders = await sql`select distinct on (user_key) id from public.orders where status = 'pending' order by user_key, created_at`;
    const delivery: number[] = [];
    for (let i = 0; i < firstOrders.length; i += 10) {
      await Promise.all(
        firstOrders.slice(i, i + 10).map(async ({ id }) => {
          const sent = performance.now();
          const received = new Promise<void>((resolve) => arrived.set(id, resolve));
          const { error } = await host.from('orders').update({ status: 'preparing' }).eq('id', id);
          if (error) throw new Error(error.message);
          await received;
          delivery.push(performance.now() - sent);
        }),
      );
    }
    report(`status change → guest's phone, ${GUESTS} listening`, delivery);
    await Promise.all([...guests, host].map((client) => client.removeAllChannels()));
  } finally {
    await sql.end();
    await stack.stop();
    await removeDataDir(dataDir);
  }
}
