// Starts `barkeep stack` (or `barkeep start`) as a real child process on free ports with its own data
// directory, and stops it by its own pid — also when a test fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { groupAlive } from './processes.ts';
import { removeLinkedDatabase } from '../../supabase/local/postgres/data-dir.ts';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

export interface StackInfo {
  apiUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  dbUrl: string;
  appUrl: string;
  dataDir: string;
}

export interface StackProcess extends StackInfo {
  child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
  /** Only for a stack started with `detached`: SIGKILL to its whole process group, as a crash or `kill -9 -<pgid>` does. */
  killGroup(): Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/** A port p with p and p + 1 free (gateway and embedded database). */
export async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000) * 2;
    if ((await portIsFree(port)) && (await portIsFree(port + 1))) return port;
  }
  throw new Error('no free port pair found');
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'barkeep-test-'));
}

export async function startStackProcess(options: {
  dataDir: string;
  command?: 'stack' | 'start';
  apiPort?: number;
  appPort?: number;
  env?: Record<string, string>;
  readyPattern?: RegExp;
  /** In a process group of its own (the stack and every process it starts), so a test can kill all of it at once. */
  detached?: boolean;
  /** How long the stack may take to say it is ready (default 180 s; benchmarks on a busy machine allow more). */
  startTimeoutMs?: number;
}): Promise<StackProcess> {
  const command = options.command ?? 'stack';
  const apiPort = options.apiPort ?? (await freePortPair());
  const appPort = options.appPort ?? (await freePortPair());
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'barkeep.js'), command], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
    env: {
      ...process.env,
      BARKEEP_DATA_DIR: options.dataDir,
      SUPABASE_PORT: String(apiPort),
      APP_PORT: String(appPort),
      BARKEEP_BIND_HOST: '127.0.0.1',
      // Deno's module cache outlives the throw-away data directories, so npm: imports download once.
      DENO_DIR: process.env.DENO_DIR || join(tmpdir(), 'barkeep-deno-cache'),
      ...options.env,
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const readyPattern = options.readyPattern ?? (command === 'stack' ? /Supabase stack ready/ : /Barkeep is open/);

  await new Promise<void>((ready, fail) => {
    const timeoutMs = options.startTimeoutMs ?? 180_000;
    const timer = setTimeout(() => {
      // Stopped, so its database and PostgREST do not outlive a failed start.
      child.kill('SIGTERM');
      fail(new Error(`barkeep ${command} did not start in ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const check = () => {
      if (readyPattern.test(output)) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`barkeep ${command} exited with ${code} during start:\n${output}`));
    });
  });

  const status = JSON.parse(await readFile(join(options.dataDir, 'status.json'), 'utf8'));
  const stop = () =>
    new Promise<number | null>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', (code) => {
        clearTimeout(kill);
        done(code);
      });
      child.kill('SIGTERM');
    });
  const killGroup = async () => {
    if (!options.detached) throw new Error('killGroup needs a stack started with detached: true');
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((done) => child.once('exit', () => done()));
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
    await exited;
    // The stack's own process is reaped first; PostgreSQL's postmaster (re-parented to init) can take a moment
    // longer under load, and a start before it is gone meets its postmaster.pid. After a power cut nothing runs.
    const deadline = Date.now() + 15_000;
    while (groupAlive(child.pid!)) {
      if (Date.now() > deadline) throw new Error(`process group ${child.pid} still alive 15 s after SIGKILL`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    child,
    output: () => output,
    stop,
    killGroup,
    apiUrl: status.api_url,
    anonKey: status.anon_key,
    serviceRoleKey: status.service_role_key,
    dbUrl: status.db_url,
    appUrl: `http://127.0.0.1:${appPort}`,
    dataDir: options.dataDir,
  };
}

/** Removes the data directory and, as root, the database folder it links to (see postgres/data-dir.ts). */
export async function removeDataDir(dataDir: string): Promise<void> {
  await removeLinkedDatabase(dataDir);
  await rm(dataDir, { recursive: true, force: true });
}

/**
 * For a stack that a whole suite shares: if it exits before the suite stops it, says so with its last output, so
 * the failures after it point at the cause instead of a hundred "fetch failed". Returns what to call before stopping.
 */
export function reportUnexpectedExit(stack: StackProcess, what: string): () => void {
  let expected = false;
  stack.child.once('exit', (code, signal) => {
    if (expected) return;
    console.error(
      `\n${what} exited during the run (${signal ?? `exit code ${code}`}); every test after this fails. Its last output:\n${stack.output().slice(-4000)}`,
    );
  });
  return () => (expected = true);
}
