// `barkeep host add` with no stack running (it starts the embedded database for a moment), and the first-start
// hint: printed while no host exists, gone once one does. Starts its own stacks.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { freePortPair, makeDataDir, PROJECT_ROOT, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

const run = promisify(execFile);

describe('host account before and after the first start', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function stack(dataDir: string, apiPort: number): Promise<StackProcess> {
    // The first-start hint comes after the ready line, before "Press Ctrl-C to stop.".
    const started = await startStackProcess({ dataDir, apiPort, readyPattern: /Press Ctrl-C to stop/ });
    cleanups.push(() => started.stop());
    return started;
  }

  it('prints how to create the host, creates it with no stack running, then signs in and stops hinting', async () => {
    const dataDir = await makeDataDir();
    cleanups.push(() => removeDataDir(dataDir));
    const apiPort = await freePortPair();

    const first = await stack(dataDir, apiPort);
    expect(first.output()).toContain('No host account yet');
    expect(first.output()).toContain('npx barkeep host add --email');
    expect(await first.stop()).toBe(0);

    const env = { ...process.env, BARKEEP_DATA_DIR: dataDir, SUPABASE_PORT: String(apiPort) };
    const added = await run(
      process.execPath,
      [join(PROJECT_ROOT, 'bin', 'barkeep.js'), 'host', 'add', '--email', 'host@party.test', '--password', 'party-secret'],
      { cwd: PROJECT_ROOT, env },
    );
    expect(added.stdout).toContain('Host account created for host@party.test');
    expect(added.stdout + added.stderr).not.toContain('party-secret');

    const second = await stack(dataDir, apiPort);
    expect(second.output()).not.toContain('No host account yet');
    const client = createClient(second.apiUrl, second.anonKey, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });
    const { error } = await client.auth.signInWithPassword({ email: 'host@party.test', password: 'party-secret' });
    expect(error).toBeNull();
    expect((await client.rpc('is_host')).data).toBe(true);
  });
});
