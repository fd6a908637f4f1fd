// One part of the stack fails while the party goes on: PostgREST killed in the middle of a stream of orders (the
// supervisor restarts it; every caller gets a success or a clean 503, then success), a function's Deno worker killed
// in the middle of a request (a clean 502, noticed, the next call starts it again), and a push service that hangs
// or fails (orders and status changes never wait for it, and other phones still get their pushes).
import { randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askBartender, turn } from '../support/bartender.ts';
import { adminSql, stackKeys } from '../support/clients.ts';
import { eventually } from '../support/eventually.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { startFakePushService, type BrowserSubscription, type FakePushService } from '../support/fake-push-service.ts';
import { addGuest, addHost, addMenu, type Person } from '../support/party.ts';
import { descendantsOf } from '../support/processes.ts';
import { copyProjectWithSecrets } from '../support/project-copy.ts';
import { makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The stack's child process whose program ends with `program` (and, if given, runs in a folder ending with `cwd`). */
function childPid(stack: StackProcess, program: string, cwd?: string): number | undefined {
  return descendantsOf(stack.child.pid!).find((pid) => {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!.endsWith(program)) return false;
      return cwd === undefined || readlinkSync(`/proc/${pid}/cwd`).endsWith(cwd);
    } catch {
      return false;
    }
  });
}

describe('a service of the stack failing during the party', () => {
  let dataDir: string;
  let copy: Awaited<ReturnType<typeof copyProjectWithSecrets>>;
  let model: FakeOpenAi;
  let stack: StackProcess;
  let sql: ReturnType<typeof adminSql>;
  let pushService: FakePushService;
  let host: Person;
  let drinkId: string;

  beforeAll(async () => {
    dataDir = await makeDataDir();
    model = await startFakeOpenAi();
    copy = await copyProjectWithSecrets({ PUSH_ALLOW_LOOPBACK_ENDPOINTS: 'true', BARTENDER_BASE_URL: model.baseUrl, BARTENDER_MODEL: 'fake' });
    stack = await startStackProcess({ dataDir, env: { BARKEEP_SUPABASE_DIR: copy.supabaseDir } });
    pushService = await startFakePushService({ vapidPublicKey: (await stackKeys(stack)).vapid.publicKey });
    sql = adminSql(stack);
    await sql`update public.bar_settings set max_open_orders_per_guest = 20`;
    host = await addHost(sql, stack);
    ({
      drinks: { Caipirinha: drinkId },
    } = await addMenu(sql, ['Caipirinha']));
  }, 240_000); // a stack start, slow on a busy machine

  afterAll(async () => {
    await sql?.end();
    await pushService?.stop();
    await stack?.stop();
    await model?.close();
    if (dataDir) await removeDataDir(dataDir);
    await copy?.remove();
  });

  it('PostgREST killed mid-stream: every call is a success or a clean 503, retries succeed, no order lost or doubled', async () => {
    const guests = await Promise.all([1, 2, 3].map((n) => addGuest(sql, `Streamer ${n}`, stack)));
    const before = childPid(stack, '/postgrest');
    expect(before).toBeDefined();
    const chosen: string[] = [];
    const failures: Array<{ status: number; body: unknown }> = [];
    let acknowledged = 0;
    let stopping = false;
    const streams = guests.map(async (guest) => {
      while (!stopping) {
        const id = randomUUID();
        chosen.push(id);
        for (;;) {
          const { error, status } = await guest.client.from('orders').insert({ id, drink_id: drinkId });
          if (!error) break;
          failures.push({ status, body: error });
          await sleep(50);
        }
        acknowledged++;
      }
    });
    await eventually(
      () => acknowledged,
      (count) => count >= 10,
      'orders to flow',
    );
    process.kill(before!, 'SIGKILL');
    const afterKill = acknowledged;
    await eventually(
      () => acknowledged,
      (count) => count >= afterKill + 10,
      'orders to flow again',
      30_000,
    );
    stopping = true;
    await Promise.all(streams);

    // Each failure said what happened, in PostgREST's error shape — the gateway's "restarting" while the process was
    // gone, or PostgREST's own PGRST002 while its schema cache reloads; never a hang, a 500 or a half answer.
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.some((failure) => (failure.body as { code: string }).code === 'PGRST000')).toBe(true);
    for (const failure of failures) {
      expect(failure.status).toBe(503);
      expect(failure.body).toMatchObject({ code: expect.stringMatching(/^PGRST00[02]$/), message: expect.stringMatching(/unavailable|schema cache/) });
    }
    const rows = await sql<{ id: string }[]>`select id from public.orders where id = any(${chosen}::uuid[])`;
    expect(rows.map((row) => row.id).sort()).toEqual([...chosen].sort());
    expect(childPid(stack, '/postgrest')).not.toBe(before);
    expect(stack.output()).toMatch(/PostgREST exited \(SIGKILL\); restarted/);
  });

  it('a function worker killed mid-request: a clean 502, the stack notices, and the next call starts it again', async () => {
    const guest = await addGuest(sql, 'Asker', stack);
    model.script({ kind: 'hang' });
    const asking = askBartender(stack, guest.token, turn('something fresh with gin'));
    await eventually(
      () => model.requests.length,
      (count) => count === 1,
      'the bartender to ask the model',
    );
    const worker = childPid(stack, '/deno', '/bartender');
    expect(worker).toBeDefined();
    process.kill(worker!, 'SIGKILL');

    const answer = await asking;
    expect(answer.status).toBe(502);
    expect(await answer.json()).toEqual({ code: 'WORKER_ERROR', message: 'Function "bartender" stopped while answering.' });
    await eventually(
      () => stack.output(),
      (output) => /function "bartender" exited \(SIGKILL\)/.test(output),
      'the stack to log the dead worker',
    );

    model.script({ kind: 'text', text: 'A Gin Basil Smash, perhaps?' });
    const again = await askBartender(stack, guest.token, turn('something fresh with gin'));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ provider: 'model:fake' });
    expect(childPid(stack, '/deno', '/bartender')).not.toBe(worker);
  });

  it('a push service that hangs or fails never holds up orders or status changes, nor other phones’ pushes', async () => {
    const slow = await addGuest(sql, 'Slow phone', stack);
    const broken = await addGuest(sql, 'Broken phone', stack);
    const fine = await addGuest(sql, 'Fine phone', stack);
    const register = async (person: Person, device: BrowserSubscription) =>
      sql`insert into public.push_subscriptions (user_key, endpoint, p256dh, auth) values (${person.id}, ${device.endpoint}, ${device.p256dh}, ${device.auth})`;
    const slowDevice = pushService.subscribe('hang');
    const brokenDevice = pushService.subscribe('fail');
    const fineDevice = pushService.subscribe('accept');
    await register(slow, slowDevice);
    await register(broken, brokenDevice);
    await register(fine, fineDevice);
    // The host's own device hangs too: every new order queues a push to it.
    await register(host, pushService.subscribe('hang'));

    const order = async (guest: Person) => {
      const { data, error } = await guest.client.from('orders').insert({ drink_id: drinkId }).select('id').single();
      expect(error).toBeNull();
      return data!.id as string;
    };
    const move = async (id: string, status: string) => expect((await host.client.from('orders').update({ status }).eq('id', id)).error).toBeNull();
    const stateOf = async (device: BrowserSubscription) =>
      (
        await sql<{ state: string; last_status: number | null }[]>`select o.state, o.last_status from private.push_outbox o
          join public.push_subscriptions s on s.id = o.subscription_id where s.endpoint = ${device.endpoint}`
      ).map((row) => `${row.state}:${row.last_status}`);

    const slowOrder = await order(slow);
    const brokenOrder = await order(broken);
    const fineOrder = await order(fine);
    for (const id of [slowOrder, brokenOrder, fineOrder]) await move(id, 'preparing');
    for (const id of [slowOrder, brokenOrder, fineOrder]) await move(id, 'ready');

    // The slow phone's push is with its push service, unanswered, and the fine phone already has its own.
    await eventually(
      () => pushService.hanging,
      (count) => count >= 1,
      'the slow push service to hold a push',
    );
    await eventually(
      () => pushService.messagesFor(fineDevice.endpoint).length,
      (count) => count === 1,
      'the fine phone to get its push',
    );
    expect(await stateOf(slowDevice)).toEqual(['sending:null']);

    // While that push is still out, the bar carries on: a new order and a whole round of status changes.
    const next = await order(slow);
    await move(slowOrder, 'served');
    await move(next, 'preparing');
    await move(next, 'cancelled');
    expect(await stateOf(slowDevice)).toEqual(['sending:null']);
    const rows = await sql`select id, status from public.orders where id in ${sql([slowOrder, next])} order by created_at`;
    expect(rows.map((row) => row.status)).toEqual(['served', 'cancelled']);

    // The failing push service got its push, answered 500, and the delivery waits for a retry; the order moved on.
    await eventually(
      () => stateOf(brokenDevice),
      (states) => states.length === 1 && states[0] === 'pending:500',
      'the failed push to wait for its retry',
    );
    await move(brokenOrder, 'served');
    expect(pushService.rejected).toEqual([]);
  });
});
