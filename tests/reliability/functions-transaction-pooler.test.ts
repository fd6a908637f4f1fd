// Hosted Edge Functions reach the database through Supabase's pooler in transaction mode, where a prepared
// statement made on one server connection is gone on the next. The guest-identity functions must work there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateKeys } from '../../supabase/local/shared/keys.ts';
import { runBarkeep } from '../support/barkeep-cli.ts';
import { createCode, logout, refresh, register } from '../support/guests.ts';
import { startTransactionPooler, type Pooler } from '../support/pgbouncer.ts';
import { copyProjectWithSecrets } from '../support/project-copy.ts';
import { freePortPair, makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

describe('Edge Functions behind a transaction-mode pooler (as SUPABASE_DB_URL is on hosted Supabase)', () => {
  let dataDir: string;
  let pooler: Pooler;
  let project: Awaited<ReturnType<typeof copyProjectWithSecrets>>;
  let stack: StackProcess;

  beforeAll(async () => {
    dataDir = await makeDataDir();
    const apiPort = await freePortPair();
    const keys = await loadOrCreateKeys(dataDir); // the stack adopts these, so the pooler knows the password
    pooler = await startTransactionPooler(
      `postgres://postgres:${encodeURIComponent(keys.databasePassword)}@127.0.0.1:${apiPort + 1}/postgres`,
      await freePortPair(),
    );
    project = await copyProjectWithSecrets({ SUPABASE_DB_URL: pooler.url });
    stack = await startStackProcess({ dataDir, apiPort, env: { BARKEEP_SUPABASE_DIR: project.supabaseDir } });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await pooler?.stop();
    await project?.remove();
    if (dataDir) await removeDataDir(dataDir);
  });

  it('register, refresh and logout answer correctly, also many at once', async () => {
    const code = await createCode({ maxUses: 30 }, stack);
    const joined = await Promise.all(Array.from({ length: 20 }, (_, i) => register(code, { username: `Guest ${i}` }, stack)));
    expect(joined.map((result) => result.status)).toEqual(Array(20).fill(201));
    const renewed = await Promise.all(joined.map((result) => refresh(result.body.refresh_token, stack)));
    expect(renewed.map((result) => result.status)).toEqual(Array(20).fill(200));
    const ended = await Promise.all(joined.map((result, i) => logout(result.body.access_token, renewed[i].body.refresh_token, stack)));
    expect(ended.map((result) => result.status)).toEqual(Array(20).fill(204));
  });

  it('barkeep check passes', async () => {
    const result = await runBarkeep(['check', '--url', stack.apiUrl, '--anon-key', stack.anonKey, '--service-role-key', stack.serviceRoleKey]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });
});
