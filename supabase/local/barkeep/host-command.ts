// `barkeep host add --email E --password P`: creates the host account or resets its password. Writes straight to
// the stack's database (the running one, or the embedded one started for a moment), hashing as the Auth service does.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import postgres, { type Sql } from 'postgres';
import { countHosts, HostAccountError, upsertHostAccount, validateHostCredentials } from './host-accounts.ts';
import { readAuthSettings } from '../auth/settings.ts';
import { lanAddress, type StackConfig } from '../shared/config.ts';
import { loadOrCreateKeys } from '../shared/keys.ts';
import { createLogger } from '../shared/log.ts';
import { StartupError } from '../shared/processes.ts';
import { applyMigrations, applyPlatformBootstrap } from '../postgres/migrations.ts';
import { startDatabase } from '../postgres/index.ts';
import { statusPath, type StackStatus } from '../stack/index.ts';
import { runRemoteHostAdd } from './hosted/remote-host-command.ts';

export const HOST_USAGE = `  host add --email E --password P   create the host account (or reset its password)
           [--url URL --service-role-key KEY]   … on a hosted Supabase project instead`;

async function connect(url: string): Promise<Sql | undefined> {
  const sql = postgres(url, { max: 2, onnotice: () => {}, connect_timeout: 3 });
  try {
    await sql`select 1`;
    return sql;
  } catch {
    await sql.end({ timeout: 1 });
    return undefined;
  }
}

/** Runs `work` against the stack's database: the running stack's, DATABASE_URL, or the embedded one started briefly. */
async function withStackDatabase<T>(config: StackConfig, work: (sql: Sql) => Promise<T>): Promise<T> {
  const path = statusPath(config.dataDir);
  const runningUrl = config.externalDatabaseUrl ?? (existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as StackStatus).db_url : undefined);
  const running = runningUrl ? await connect(runningUrl) : undefined;
  if (running) {
    try {
      return await work(running);
    } finally {
      await running.end({ timeout: 2 });
    }
  }
  if (config.externalDatabaseUrl) throw new StartupError('Cannot connect to DATABASE_URL. Check it, or unset it to use the embedded database.');

  // Nothing running: bring the embedded database up just long enough (same bootstrap and migrations as a start).
  const keys = await loadOrCreateKeys(config.dataDir);
  const database = await startDatabase(config, keys, createLogger(true));
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  try {
    await applyPlatformBootstrap(sql, keys.authenticatorPassword);
    await applyMigrations(sql, config.supabaseDir);
    return await work(sql);
  } finally {
    await sql.end({ timeout: 2 });
    await database.stop();
  }
}

export async function runHost(config: StackConfig, args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'add') {
    console.error(`Usage: barkeep${HOST_USAGE.replace(/^ +host/, ' host')}`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, password: { type: 'string' }, url: { type: 'string' }, 'service-role-key': { type: 'string' } },
  });
  let credentials: { email: string; password: string };
  try {
    credentials = validateHostCredentials(values.email, values.password, readAuthSettings(config.supabaseDir).minimumPasswordLength);
  } catch (error) {
    if (error instanceof HostAccountError) {
      console.error(`barkeep host add: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (values.url !== undefined || values['service-role-key'] !== undefined) return runRemoteHostAdd(values.url, values['service-role-key'], credentials);
  const result = await withStackDatabase(config, (sql) => upsertHostAccount(sql, credentials.email, credentials.password));
  const lan = lanAddress();
  const appUrl = lan ? `http://${lan}:${config.appPort}` : config.appUrl;
  console.log(
    result.outcome === 'created'
      ? `Host account created for ${result.email}.`
      : `Password of ${result.email} reset; it is a host account. Its other sign-ins were ended.`,
  );
  console.log(`Sign in at ${appUrl}/host/login`);
  return 0;
}

/** How many host accounts the database holds; used for the first-start hint. Undefined when it cannot tell. */
export async function hostCount(databaseUrl: string): Promise<number | undefined> {
  const sql = await connect(databaseUrl);
  if (!sql) return undefined;
  try {
    return await countHosts(sql);
  } catch {
    return undefined;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/** The lines `npm start` prints while no host account exists. Never includes a password. */
export function firstHostHint(hostUrl: string): string {
  return [
    '',
    'No host account yet. To run the bar, create one (in another terminal, while this keeps running):',
    "  npx barkeep host add --email you@example.com --password '<choose a password>'",
    `then sign in at ${hostUrl}/login`,
  ].join('\n');
}
