// The stack as a process: functions runner behaviour on a fixture project, data surviving a restart,
// clean shutdown with no orphans, and clear messages for a used port or a failing migration.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient } from '../support/clients.ts';
import { descendantsOf, isAlive } from '../support/processes.ts';
import { forgedTokens } from '../support/forged-tokens.ts';
import { signWithKey, type StackKeys } from '../../supabase/local/shared/keys.ts';
import { makeDataDir, PROJECT_ROOT, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';
import { readFile } from 'node:fs/promises';

const FIXTURE = join(PROJECT_ROOT, 'tests', 'fixtures', 'project');

describe('embedded stack lifecycle (fixture project)', () => {
  let dataDir: string;
  let stack: StackProcess;
  let keys: StackKeys;

  beforeAll(async () => {
    dataDir = await makeDataDir();
    stack = await startStackProcess({ dataDir, env: { BARKEEP_SUPABASE_DIR: FIXTURE } });
    keys = JSON.parse(await readFile(join(dataDir, 'keys.json'), 'utf8'));
  });

  afterAll(async () => {
    await stack?.stop();
    await removeDataDir(dataDir);
  });

  const call = (name: string, init: RequestInit = {}) => fetch(`${stack.apiUrl}/functions/v1/${name}`, init);

  it('applies migrations and seeds a fresh database once', async () => {
    const client = anonClient(stack);
    const { data } = await client.from('notes').select('body');
    expect(data).toEqual([{ body: 'seeded once' }]);
  });

  it('exposes exactly the schemas of [api] schemas in config.toml', async () => {
    const archive = await anonClient(stack).schema('archive').from('old_notes').select('body');
    expect(archive).toMatchObject({ error: null, data: [{ body: 'from the archive' }] });
    const hidden = await anonClient(stack).schema('hidden').from('secrets').select('id');
    expect(hidden.error?.code).toBe('PGRST106');
  });

  it('verify_jwt = true refuses calls without a valid JWT and passes valid ones', async () => {
    expect((await call('echo', { method: 'POST', body: '{}' })).status).toBe(401);
    const forged = await forgedTokens(keys);
    for (const token of Object.values(forged)) {
      expect((await call('echo', { method: 'POST', body: '{}', headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    }
    const guest = await signWithKey({ sub: crypto.randomUUID(), role: 'authenticated' }, keys.guestKey, 600);
    for (const token of [stack.anonKey, guest]) {
      const response = await call('echo/sub/path?x=1', {
        method: 'POST',
        body: '{"hi":1}',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({ path: '/echo/sub/path', method: 'POST', body: { hi: 1 }, secret: 'from .env' });
      expect(Object.values(body.env)).toEqual([true, true, true, true, true, true]);
    }
  });

  it('verify_jwt = false lets anyone call', async () => {
    const response = await call('open');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ open: true });
  });

  it('a function with a syntax error answers a clear 500 and the stack keeps serving', async () => {
    const response = await call('broken', { method: 'POST', headers: { authorization: `Bearer ${stack.anonKey}` } });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ code: 'BOOT_ERROR' });
    expect((await call('open')).status).toBe(200);
  });

  it('a second stack on the same port says which port and how to change it', async () => {
    const other = await makeDataDir();
    try {
      const port = Number(new URL(stack.apiUrl).port);
      await expect(startStackProcess({ dataDir: other, apiPort: port, env: { BARKEEP_SUPABASE_DIR: FIXTURE } })).rejects.toThrow(
        new RegExp(`Port ${port} .*already in use[\\s\\S]*SUPABASE_PORT=`),
      );
    } finally {
      await removeDataDir(other);
    }
  });

  it('keeps data and keys across a restart, and SIGTERM leaves no process behind', async () => {
    const admin = serviceClient(stack);
    expect((await admin.from('notes').insert({ body: 'written before restart' })).error).toBeNull();
    const children = descendantsOf(stack.child.pid!);
    expect(children.length).toBeGreaterThanOrEqual(2);
    const port = Number(new URL(stack.apiUrl).port);

    expect(await stack.stop()).toBe(0);
    expect(children.filter(isAlive)).toEqual([]);

    stack = await startStackProcess({ dataDir, apiPort: port, env: { BARKEEP_SUPABASE_DIR: FIXTURE } });
    expect(stack.anonKey).toBe(keys.anonKey);
    const client = anonClient(stack);
    const { data } = await client.from('notes').select('body').order('id');
    expect(data).toEqual([{ body: 'seeded once' }, { body: 'written before restart' }]);
  });
});

describe('a failing migration', () => {
  it('stops the start with the file name and the SQL error', async () => {
    const dataDir = await makeDataDir();
    try {
      await expect(startStackProcess({ dataDir, env: { BARKEEP_SUPABASE_DIR: join(PROJECT_ROOT, 'tests', 'fixtures', 'bad-migration') } })).rejects.toThrow(
        /20260101000000_broken\.sql \(line 2\): relation "public\.table_that_does_not_exist" does not exist/,
      );
    } finally {
      await removeDataDir(dataDir);
    }
  });
});
