// The stack never changes the permissions of the user's folders (F13). As root, PostgreSQL runs as the `postgres`
// user; when the data directory is private (mkdtemp makes it 0700), the database lives in a folder of its own under
// /var/tmp — said at start — and still survives a restart.
import { chmod, lstat, readlink, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient } from '../support/clients.ts';
import { freePortPair, makeDataDir, PROJECT_ROOT, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

const FIXTURE = join(PROJECT_ROOT, 'tests', 'fixtures', 'project');

/** The mode of `path` and of every folder above it. */
async function modesUpFrom(path: string): Promise<Record<string, number>> {
  const modes: Record<string, number> = {};
  for (let dir = path; ; dir = dirname(dir)) {
    modes[dir] = (await stat(dir)).mode & 0o7777;
    if (dir === dirname(dir)) return modes;
  }
}

describe('folder permissions', () => {
  let dataDir: string;
  let openDataDir: string;
  let stack: StackProcess | undefined;

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) await removeDataDir(dataDir);
    if (openDataDir) await removeDataDir(openDataDir);
  });

  it('a data directory others may enter (like .barkeep in a project) keeps the database inside, across restarts', async () => {
    openDataDir = await makeDataDir();
    await chmod(openDataDir, 0o755); // the test's own folder: what `mkdir .barkeep` gives
    const before = await modesUpFrom(openDataDir);
    const port = await freePortPair();
    stack = await startStackProcess({ dataDir: openDataDir, apiPort: port, env: { BARKEEP_SUPABASE_DIR: FIXTURE } });
    expect(await stack.stop()).toBe(0);
    expect((await lstat(join(openDataDir, 'db'))).isDirectory()).toBe(true);
    stack = await startStackProcess({ dataDir: openDataDir, apiPort: port, env: { BARKEEP_SUPABASE_DIR: FIXTURE } });
    const { data } = await anonClient(stack).from('notes').select('body');
    expect(data).toEqual([{ body: 'seeded once' }]);
    expect(await stack.stop()).toBe(0);
    stack = undefined;
    expect(await modesUpFrom(openDataDir)).toEqual(before);
  });

  it('are left as they are, and the data survives a restart', async () => {
    dataDir = await makeDataDir();
    const before = { data: await modesUpFrom(dataDir), project: await modesUpFrom(PROJECT_ROOT) };
    const port = await freePortPair();
    stack = await startStackProcess({ dataDir, apiPort: port, env: { BARKEEP_SUPABASE_DIR: FIXTURE } });
    expect((await serviceClient(stack).from('notes').insert({ body: 'kept across the restart' })).error).toBeNull();
    expect(await stack.stop()).toBe(0);

    expect({ data: await modesUpFrom(dataDir), project: await modesUpFrom(PROJECT_ROOT) }).toEqual(before);

    if (userInfo().uid === 0) {
      // A private data directory: the database has its own folder, and the start said where.
      expect((await lstat(join(dataDir, 'db'))).isSymbolicLink()).toBe(true);
      expect(await readlink(join(dataDir, 'db'))).toMatch(/^\/var\/tmp\/barkeep-postgres\//);
      expect(stack.output()).toMatch(/Running as root: PostgreSQL runs as the "postgres" user[\s\S]*leaves your folder permissions as they are/);
    }

    stack = await startStackProcess({ dataDir, apiPort: port, env: { BARKEEP_SUPABASE_DIR: FIXTURE } });
    const { data } = await anonClient(stack).from('notes').select('body').order('id');
    expect(data).toEqual([{ body: 'seeded once' }, { body: 'kept across the restart' }]);
  });
});
