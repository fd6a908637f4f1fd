// DATABASE_URL: an existing PostgreSQL instead of the embedded one, and clear errors when it is wrong.
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient } from '../support/clients.ts';
import { makeDataDir, PROJECT_ROOT, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

const FIXTURE = join(PROJECT_ROOT, 'tests', 'fixtures', 'project');

describe('DATABASE_URL', () => {
  let serverDir: string;
  let server: StackProcess;

  beforeAll(async () => {
    // Another stack's embedded PostgreSQL plays the "existing server"; Barkeep gets a database of its own there.
    serverDir = await makeDataDir();
    server = await startStackProcess({ dataDir: serverDir, env: { BARKEEP_SUPABASE_DIR: FIXTURE } });
    const sql = postgres(server.dbUrl, { max: 1, onnotice: () => {} });
    await sql`create database party_external`;
    await sql.end();
  });

  afterAll(async () => {
    await server?.stop();
    await removeDataDir(serverDir);
  });

  it('runs the stack on an existing server: bootstrap, migrations, seed, REST', async () => {
    const dataDir = await makeDataDir();
    const url = new URL(server.dbUrl);
    url.pathname = '/party_external';
    const stack = await startStackProcess({ dataDir, env: { BARKEEP_SUPABASE_DIR: FIXTURE, DATABASE_URL: url.toString() } });
    try {
      expect(stack.dbUrl).toBe(url.toString());
      const { data, error } = await anonClient(stack).from('notes').select('body');
      expect(error).toBeNull();
      expect(data).toEqual([{ body: 'seeded once' }]);
    } finally {
      await stack.stop();
      await removeDataDir(dataDir);
    }
  });

  it.each([
    ['not a url', /DATABASE_URL is not a URL/],
    ['mysql://x@127.0.0.1/db', /DATABASE_URL must start with postgres:\/\//],
    ['postgres://nobody:wrong@127.0.0.1:1/db', /Cannot connect to DATABASE_URL[\s\S]*unset DATABASE_URL/],
  ])('%s → a message that says what to do', async (value, message) => {
    const dataDir = await makeDataDir();
    try {
      await expect(startStackProcess({ dataDir, env: { DATABASE_URL: value } })).rejects.toThrow(message);
    } finally {
      await removeDataDir(dataDir);
    }
  });
});
