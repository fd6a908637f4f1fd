// The disk under the database fills up during the party: the database folder is a small tmpfs of its own (mounting
// it needs root, which CI has; the test says so instead of pretending elsewhere), filled to the last byte. Orders
// then fail with a clear, stable error and the stack log says what to do — no 500, no corruption; once there is
// room again, orders go through and everything acknowledged before is intact, also after a restart.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql } from '../support/clients.ts';
import { addGuest, addMenu, type Person } from '../support/party.ts';
import { freePortPair, makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

/** Writes `path` until the file system says ENOSPC: big pieces first, then single pages. */
async function fillUp(path: string): Promise<void> {
  const file = await open(path, 'w');
  try {
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512]) {
      const piece = Buffer.alloc(size, 0x55);
      for (;;) {
        try {
          await file.write(piece);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    await file.close().catch(() => undefined);
  }
}

describe('the database disk full', () => {
  let dataDir: string;
  let databaseDir: string;
  let mounted = false;
  let port: number;
  let stack: StackProcess;
  let sql: ReturnType<typeof adminSql>;
  let guest: Person;
  let drinkId: string;

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('This test mounts a 160 MB tmpfs as the database folder and needs root (CI runs as root).');
    dataDir = await makeDataDir();
    // The folder must be open to the `postgres` user for the database to live in <dataDir>/db (see postgres/data-dir.ts).
    await chmod(dataDir, 0o755);
    databaseDir = join(dataDir, 'db');
    await mkdir(databaseDir);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m,mode=0700', 'tmpfs', databaseDir]);
    mounted = true;
    port = await freePortPair();
    stack = await startStackProcess({ dataDir, apiPort: port });
    sql = adminSql(stack);
    await sql`update public.bar_settings set max_open_orders_per_guest = 20`;
    guest = await addGuest(sql, 'Dora', stack);
    ({
      drinks: { Paloma: drinkId },
    } = await addMenu(sql, ['Paloma']));
  }, 240_000); // a stack start, slow on a busy machine

  afterAll(async () => {
    await sql?.end();
    await stack?.stop();
    if (mounted) execFileSync('umount', ['-l', databaseDir]);
    if (dataDir) await removeDataDir(dataDir);
  });

  it('orders fail with a clear error while the disk is full, and everything is intact once there is room', async () => {
    const acknowledged: string[] = [];
    const place = async () => {
      const id = randomUUID();
      const answer = await guest.client.from('orders').insert({ id, drink_id: drinkId, note: 'x'.repeat(200) });
      if (!answer.error) acknowledged.push(id);
      return answer;
    };
    for (let n = 0; n < 5; n++) expect((await place()).error).toBeNull();

    const filler = join(databaseDir, 'filler');
    await fillUp(filler);
    // Orders (each cancelled again, to stay under the open-orders limit) keep going until PostgreSQL needs a new
    // page; from then on writes are refused, the same clear way.
    let refusal: Awaited<ReturnType<typeof place>> | undefined;
    for (let n = 0; n < 2000 && !refusal; n++) {
      const answer = await place();
      if (answer.error) refusal = answer;
      else {
        const cancel = await guest.client.from('orders').update({ status: 'cancelled' }).eq('id', acknowledged.at(-1)!);
        if (cancel.error) refusal = cancel;
      }
    }
    expect(refusal, 'an order to be refused on a full disk').toBeDefined();
    // PostgREST answers SQLSTATE class 53 (insufficient resources) with 503.
    expect({ status: refusal!.status, error: refusal!.error }).toMatchObject({
      status: 503,
      error: { code: '53100', message: expect.stringMatching(/No space left on device/), hint: expect.stringMatching(/disk/i) },
    });
    await expect.poll(() => stack.output(), { timeout: 10_000 }).toMatch(/The disk holding the database .* is full/);
    // The rest of the stack still answers: reading the menu needs no new space.
    const menu = await guest.client.from('drinks').select('id').eq('id', drinkId);
    expect(menu.error).toBeNull();

    // Room again: orders go through, and every order acknowledged before is there.
    await rm(filler);
    const after = await place();
    expect(after.error).toBeNull();
    const rows = await sql<{ id: string }[]>`select id from public.orders where drink_id = ${drinkId}`;
    expect(rows.map((row) => row.id).sort()).toEqual([...acknowledged].sort());

    // And after a restart on the same folder (crash recovery replays the WAL): still all there, nothing more.
    await sql.end();
    await stack.stop();
    stack = await startStackProcess({ dataDir, apiPort: port });
    sql = adminSql(stack);
    const [check] = await sql`select count(*)::int as orders from public.orders where drink_id = ${drinkId}`;
    expect(check.orders).toBe(acknowledged.length);
  }, 240_000);
});
