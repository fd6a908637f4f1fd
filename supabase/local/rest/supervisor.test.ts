// The PostgREST supervisor against a stand-in PostgREST (POSTGREST_BIN): one whose /ready is slow but which still
// serves its API port is left running; one that answers nothing (frozen) is replaced.
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../shared/log.ts';
import { startRest, type RestServer } from './index.ts';

/** Serves both ports like PostgREST; after SIGUSR1 its /ready never answers (a PostgREST slow under load). */
const STAND_IN = `#!/usr/bin/env node
const { createServer } = require('node:http');
const { writeFileSync } = require('node:fs');
let readyHangs = false;
process.on('SIGUSR1', () => (readyHangs = true));
writeFileSync(require('node:path').join(process.env.PGRST_DB_URI, 'launch-' + process.pid), '');
createServer((req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"PGRST301"}'))
  .listen(Number(process.env.PGRST_SERVER_PORT), '127.0.0.1');
createServer((req, res) => {
  if (readyHangs) return;
  res.writeHead(200).end();
}).listen(Number(process.env.PGRST_ADMIN_SERVER_PORT), '127.0.0.1');
`;

const INTERVAL_MS = 150;
const warnings: string[] = [];
const log: Logger = { info: () => {}, warn: (_service, message) => warnings.push(message), error: () => {} };
let dir: string;
let rest: RestServer | undefined;
const previousBin = process.env.POSTGREST_BIN;

async function launches(): Promise<number[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('launch-')).map((name) => Number(name.slice('launch-'.length)));
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'barkeep-rest-supervisor-'));
  await writeFile(join(dir, 'postgrest'), STAND_IN);
  await chmod(join(dir, 'postgrest'), 0o755);
  process.env.POSTGREST_BIN = join(dir, 'postgrest');
  rest = await startRest({
    authenticatorUrl: dir,
    jwks: { keys: [] },
    api: { schemas: ['public'], extraSearchPath: ['public'], maxRows: 1000 },
    log,
    health: { intervalMs: INTERVAL_MS, failures: 3 },
  });
});

afterAll(async () => {
  for (const pid of await launches()) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // already gone
    }
  }
  await rest?.stop();
  if (previousBin === undefined) delete process.env.POSTGREST_BIN;
  else process.env.POSTGREST_BIN = previousBin;
  await rm(dir, { recursive: true, force: true });
});

describe('the PostgREST supervisor', () => {
  it('leaves a PostgREST running whose /ready is slow while its API port still answers', async () => {
    const [first] = await launches();
    process.kill(first!, 'SIGUSR1');
    // Three failed checks take about 3 intervals (each check waits an interval for /ready); give it many more.
    expect(await waitUntil(async () => warnings.some((line) => line.includes('slow to answer /ready')), 30 * INTERVAL_MS)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10 * INTERVAL_MS));
    expect(await launches()).toEqual([first]);
    expect(warnings.some((line) => line.includes('restarting it'))).toBe(false);
  });

  it('replaces a PostgREST that answers nothing at all (frozen)', async () => {
    const [first] = await launches();
    process.kill(first!, 'SIGSTOP');
    expect(await waitUntil(async () => (await launches()).length === 2, 60 * INTERVAL_MS)).toBe(true);
    expect(warnings).toContain('PostgREST stopped answering /ready (3 checks in a row); restarting it');
  });
});
