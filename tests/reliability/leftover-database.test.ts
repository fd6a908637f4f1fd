// Only the stack's own process killed (kill -9 of `barkeep`, an out-of-memory kill): its PostgreSQL lives on,
// holding the lock file and port. The next start stops that leftover and carries on with every committed row;
// while the Barkeep that started it still runs, a second one on the same data directory is refused in words.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from '../support/processes.ts';
import { freePortPair, makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

function postmasterPid(dataDir: string): number {
  // The database lives in <dataDir>/db (possibly a link to a directory PostgreSQL's user can enter).
  return Number(readFileSync(join(dataDir, 'db', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

describe('a database left running by a killed stack', () => {
  let dataDir: string;
  const groups: number[] = [];
  let stack: StackProcess | undefined;

  afterAll(async () => {
    await stack?.stop();
    // What the killed stack left besides its database (PostgREST, function workers) goes with its group.
    for (const group of groups) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    if (dataDir) await removeDataDir(dataDir);
  });

  it('refuses a second Barkeep on the same data directory, then takes over after the first one is killed', async () => {
    dataDir = await makeDataDir();
    const port = await freePortPair();
    const first = await startStackProcess({ dataDir, apiPort: port, detached: true });
    groups.push(first.child.pid!);
    const sql = postgres(first.dbUrl, { max: 1, onnotice: () => {} });
    await sql`insert into public.guests (username) values ('Survivor')`;
    await sql.end();

    // Same data, other ports: the database is in use by a running Barkeep.
    const second = startStackProcess({ dataDir, apiPort: await freePortPair(), startTimeoutMs: 60_000 });
    await expect(second).rejects.toThrow(/Another Barkeep \(process \d+\) is running on this data directory/);

    const leftover = postmasterPid(dataDir);
    await new Promise<void>((done) => {
      first.child.once('exit', () => done());
      process.kill(first.child.pid!, 'SIGKILL');
    });
    expect(isAlive(leftover)).toBe(true); // the situation under test: PostgreSQL outlived its Barkeep

    stack = await startStackProcess({ dataDir, apiPort: port });
    expect(stack.output()).toMatch(/left running by a Barkeep that did not stop/);
    expect(isAlive(leftover)).toBe(false);
    const again = postgres(stack.dbUrl, { max: 1, onnotice: () => {} });
    try {
      expect(await again`select username from public.guests where username = 'Survivor'`).toEqual([{ username: 'Survivor' }]);
    } finally {
      await again.end();
    }
  }, 240_000);
});
