// PostgREST that stops answering is replaced (F1): a PostgREST frozen by the kernel still "runs", so only its
// /ready check can tell. The stack restarts it and REST answers again, without anyone restarting the stack.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { descendantsOf } from '../support/processes.ts';
import { freePortPair, makeDataDir, PROJECT_ROOT, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

const FIXTURE = join(PROJECT_ROOT, 'tests', 'fixtures', 'project');

function postgrestPid(stack: StackProcess): number | undefined {
  return descendantsOf(stack.child.pid!).find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!.endsWith('/postgrest');
    } catch {
      return false;
    }
  });
}

async function restAnswers(stack: StackProcess): Promise<boolean> {
  try {
    const response = await fetch(`${stack.apiUrl}/rest/v1/notes?select=body`, { headers: { apikey: stack.anonKey }, signal: AbortSignal.timeout(1000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

describe('the PostgREST supervisor', () => {
  let dataDir: string;
  let stack: StackProcess | undefined;
  let frozen: number | undefined;

  afterAll(async () => {
    if (frozen) process.kill(frozen, 'SIGCONT');
    await stack?.stop();
    if (dataDir) await removeDataDir(dataDir);
  });

  it('restarts a PostgREST that stopped answering /ready, and REST answers again', async () => {
    dataDir = await makeDataDir();
    stack = await startStackProcess({ dataDir, apiPort: await freePortPair(), env: { BARKEEP_SUPABASE_DIR: FIXTURE } });
    expect(await restAnswers(stack)).toBe(true);
    frozen = postgrestPid(stack);
    expect(frozen).toBeDefined();

    process.kill(frozen!, 'SIGSTOP');
    expect(await restAnswers(stack)).toBe(false);
    const deadline = Date.now() + 30_000;
    while (!(await restAnswers(stack))) {
      if (Date.now() > deadline) throw new Error(`REST did not come back:\n${stack.output().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(postgrestPid(stack)).not.toBe(frozen);
    expect(stack.output()).toMatch(/PostgREST stopped answering \/ready \(3 checks in a row\); restarting it/);
    frozen = undefined; // killed by the supervisor
  });
});
