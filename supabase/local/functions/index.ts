// Edge Functions runner: `/functions/v1/<name>` runs supabase/functions/<name>/index.ts under real Deno,
// one worker process per function, started on first use and restarted when the function's files change.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bearerToken, type VerifyAccessToken } from '../shared/jwt.ts';
import type { Logger } from '../shared/log.ts';
import { freeLoopbackPort, stopChild } from '../shared/processes.ts';
import { proxyRequest, UpstreamUnavailableError } from '../shared/proxy.ts';
import { LogTail } from '../shared/log-tail.ts';
import { readProjectConfig } from '../shared/project-config.ts';
import type { Service } from '../shared/service.ts';

interface Worker {
  process: ChildProcess;
  origin: string;
}

const FUNCTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const BOOT_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 150_000;
const PREFIX = '/functions/v1/';

/** The runner's own answers carry CORS headers, so a browser app can read why a call failed. */
function answer(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { 'access-control-allow-origin': '*' } });
}

/** `/functions/v1/<name>/<more>?<query>` → the function's name and the path it sees (`/<name>/<more>?<query>`). */
export function functionTarget(url: URL): { name: string; path: string } {
  const rest = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : '';
  const name = rest.split('/')[0] ?? '';
  return { name, path: `/${rest}${url.search}` };
}
/** Settings Deno needs to reach the npm registry the way this machine does. */
const NETWORK_SETTINGS = [
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'DENO_CERT',
  'DENO_TLS_CA_STORE',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'https_proxy',
  'http_proxy',
  'no_proxy',
  'NPM_CONFIG_REGISTRY',
];
const WORKER_SCRIPT = fileURLToPath(new URL('./worker.ts', import.meta.url));

function denoBinary(): string {
  const require = createRequire(import.meta.url);
  return require('deno/install_api.cjs').runInstall() as string;
}

/** KEY=VALUE lines, as `supabase secrets set --env-file` reads them. */
export function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    let value = match[2];
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    values[match[1]] = value;
  }
  return values;
}

export function createFunctionsRunner(options: {
  functionsDir: string;
  supabaseDir: string;
  dataDir: string;
  /** Environment every function sees (SUPABASE_URL, keys, generated secrets). */
  env: Record<string, string>;
  verifyAccessToken: VerifyAccessToken;
  log: Logger;
}): Service {
  const { functionsDir, log } = options;
  const deno = denoBinary();
  const workers = new Map<string, Promise<Worker>>();
  let watcher: FSWatcher | undefined;

  const stopWorker = async (name: string) => {
    const pending = workers.get(name);
    workers.delete(name);
    const worker = await pending?.catch(() => undefined);
    if (worker) await stopChild(worker.process, 1500);
  };

  if (existsSync(functionsDir)) {
    watcher = watch(functionsDir, { recursive: true }, (_event, file) => {
      const name = String(file ?? '').split(/[\\/]/)[0];
      if (name === '_shared' || name === '.env' || name === 'deno.json') for (const running of [...workers.keys()]) void stopWorker(running);
      else if (workers.has(name)) void stopWorker(name);
    });
  }

  /** Deno's own settings: module cache, and how it reaches the npm registry (CA store, proxies). */
  function denoEnv(): Record<string, string> {
    const passed = Object.fromEntries(NETWORK_SETTINGS.filter((name) => process.env[name]).map((name) => [name, process.env[name]!]));
    return {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DENO_DIR: process.env.DENO_DIR || join(options.dataDir, 'deno'),
      // Trust the operating system's certificates too (corporate or school proxies re-sign TLS).
      DENO_TLS_CA_STORE: 'mozilla,system',
      DENO_NO_PACKAGE_JSON: '1',
      DENO_NO_UPDATE_CHECK: '1',
      NO_COLOR: '1',
      ...passed,
    };
  }

  /** The function's import map as `supabase functions deploy` picks it: config.toml `import_map`, else its own deno.json. */
  const configArgs = async (name: string) => {
    const { functions } = await readProjectConfig(options.supabaseDir);
    const configured = functions[name]?.import_map;
    const configFile = configured ? resolve(options.supabaseDir, configured) : join(functionsDir, name, 'deno.json');
    return existsSync(configFile) ? ['--config', configFile] : ['--no-config'];
  };

  /** `onExit` hears how a worker that had booted ended (signal or exit code); one that never booted is reported by boot. */
  async function boot(name: string, onExit: (how?: string) => void): Promise<Worker> {
    const dir = join(functionsDir, name);
    const port = await freeLoopbackPort();
    const secretsFile = join(functionsDir, '.env');
    const secrets = existsSync(secretsFile) ? parseDotEnv(await readFile(secretsFile, 'utf8')) : {};
    const args = [
      'run',
      '--quiet',
      '--no-prompt',
      '--no-lock',
      '--allow-net',
      '--allow-env',
      '--allow-read',
      '--allow-sys',
      ...(await configArgs(name)),
      WORKER_SCRIPT,
    ];
    const child = spawn(deno, args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...denoEnv(),
        ...options.env,
        ...secrets,
        BARKEEP_WORKER_PORT: String(port),
        BARKEEP_FUNCTION_ENTRY: pathToFileURL(join(dir, 'index.ts')).href,
      },
    });
    return new Promise<Worker>((resolve, reject) => {
      let ready = false;
      const bootOutput = new LogTail(40);
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        const detail = bootOutput.text();
        log.error('functions', `${name} failed to boot: ${why}${detail ? `\n${detail}` : ''}`);
        reject(new Error(why));
      };
      const timer = setTimeout(() => fail(`no answer within ${BOOT_TIMEOUT_MS / 1000} s`), BOOT_TIMEOUT_MS);
      child.stdout!.on('data', (chunk: Buffer) => {
        let text = chunk.toString();
        if (!ready && text.includes('BARKEEP_WORKER_READY')) {
          ready = true;
          clearTimeout(timer);
          resolve({ process: child, origin: `http://127.0.0.1:${port}` });
          text = text.replace('BARKEEP_WORKER_READY', '');
        }
        if (text.trim()) log.info(`fn:${name}`, text.trimEnd());
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        if (!ready) bootOutput.push(chunk.toString());
        else log.warn(`fn:${name}`, chunk.toString().trimEnd());
      });
      child.once('exit', (code, signal) => {
        if (!ready) fail(`worker exited (${signal ?? code})`);
        onExit(ready ? String(signal ?? code) : undefined);
      });
    });
  }

  function workerFor(name: string): Promise<Worker> {
    let pending = workers.get(name);
    if (!pending) {
      const forget = () => {
        if (workers.get(name) === pending) workers.delete(name);
      };
      // A worker still in the map when it exits was not stopped by us (a file change, shutdown): it crashed or was
      // killed. Said once; its in-flight requests got WORKER_ERROR and the next call boots a fresh worker.
      const exited = (how?: string) => {
        if (how !== undefined && workers.get(name) === pending && !closed)
          log.warn('functions', `function "${name}" exited (${how}); the next call starts it again`);
        forget();
      };
      pending = boot(name, exited);
      workers.set(name, pending);
      pending.catch(forget);
    }
    return pending;
  }

  /**
   * Downloads every function's npm: and jsr: dependencies into Deno's cache, one function after the other,
   * so the first guest to register does not wait for (or depend on) the network at that moment.
   */
  async function prefetch(): Promise<void> {
    if (!existsSync(functionsDir)) return;
    const names = (await readdir(functionsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && FUNCTION_NAME.test(entry.name) && existsSync(join(functionsDir, entry.name, 'index.ts')))
      .map((entry) => entry.name);
    for (const name of names) {
      if (closed) return;
      const dir = join(functionsDir, name);
      const output = new LogTail(40);
      const args = ['cache', '--quiet', '--no-lock', ...(await configArgs(name)), join(dir, 'index.ts')];
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(deno, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: denoEnv() });
        prefetching = child;
        child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
        child.once('exit', resolve);
      });
      prefetching = undefined;
      // A function with a syntax error also fails here; its first call answers BOOT_ERROR with the details.
      if (code !== 0 && !closed && /error sending request|Failed loading|certificate/i.test(output.text())) {
        log.warn('functions', `could not download the dependencies of "${name}" (is the npm registry reachable?):\n${output.text()}`);
      }
    }
  }
  let closed = false;
  let prefetching: ChildProcess | undefined;
  const prefetched = prefetch().catch((error) => log.error('functions', 'dependency prefetch failed', error));

  return {
    async handle(request) {
      const { name, path } = functionTarget(new URL(request.url));
      if (!FUNCTION_NAME.test(name) || name.startsWith('_') || !existsSync(join(functionsDir, name, 'index.ts'))) {
        return answer(404, { code: 'NOT_FOUND', message: 'Requested function was not found' });
      }
      const { functions } = await readProjectConfig(options.supabaseDir);
      if (functions[name]?.verify_jwt !== false && request.method !== 'OPTIONS') {
        const token = bearerToken(request.headers.get('authorization'));
        if (!token) return answer(401, { code: 401, message: 'Missing authorization header' });
        try {
          await options.verifyAccessToken(token);
        } catch {
          return answer(401, { code: 401, message: 'Invalid JWT' });
        }
      }
      let worker: Worker;
      try {
        worker = await workerFor(name);
      } catch {
        return answer(500, { code: 'BOOT_ERROR', message: `Function "${name}" failed to start; the stack log shows why.` });
      }
      try {
        return await proxyRequest(request, worker.origin, path, { timeoutMs: REQUEST_TIMEOUT_MS });
      } catch (error) {
        if (error instanceof UpstreamUnavailableError) return answer(502, { code: 'WORKER_ERROR', message: `Function "${name}" stopped while answering.` });
        throw error;
      }
    },
    async close() {
      closed = true;
      prefetching?.kill('SIGKILL');
      await prefetched;
      watcher?.close();
      await Promise.all([...workers.keys()].map(stopWorker));
    },
  };
}
