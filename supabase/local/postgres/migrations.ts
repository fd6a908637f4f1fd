// Prepares the database the way hosted Supabase has it, then applies the app's migrations like `supabase db push`.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';
import { StartupError } from '../shared/processes.ts';

const BOOTSTRAP_DIR = fileURLToPath(new URL('./bootstrap/', import.meta.url));
const MIGRATION_FILE = /^(\d{14})_(.+)\.sql$/;

export interface MigrationResult {
  applied: string[];
  seeded: boolean;
}

interface PostgresError extends Error {
  position?: string;
  detail?: string;
  hint?: string;
}

function describeSqlError(file: string, source: string, error: PostgresError): string {
  let where = '';
  const position = Number(error.position);
  if (position > 0) where = ` (line ${source.slice(0, position).split('\n').length})`;
  const extra = [error.detail, error.hint].filter(Boolean).join('\n');
  return `${file}${where}: ${error.message}${extra ? `\n${extra}` : ''}`;
}

async function runFile(sql: Sql, path: string, label: string): Promise<void> {
  const source = await readFile(path, 'utf8');
  try {
    await sql.begin(async (tx) => {
      await tx.unsafe('set local search_path to "$user", public, extensions');
      await tx.unsafe(source).simple();
    });
  } catch (error) {
    throw new StartupError(`SQL failed in ${describeSqlError(label, source, error as PostgresError)}`);
  }
}

/** The files of the first bootstrap, applied by stacks that did not record them yet. */
const LEGACY_BOOTSTRAP = ['00-roles.sql', '10-auth.sql', '20-realtime.sql', '30-storage.sql'];

/**
 * What hosted Supabase has before any migration: roles, `auth`, `realtime`, `storage`, `extensions`. Each file of
 * bootstrap/ runs ONCE per database, recorded like a migration: a restart must never re-run its grants over what
 * the app's migrations have revoked since. A change to the platform is a new file, never an edit of an applied one.
 */
export async function applyPlatformBootstrap(sql: Sql, authenticatorPassword: string): Promise<string[]> {
  await sql`select pg_advisory_lock(hashtext('barkeep.bootstrap'))`;
  try {
    await sql.unsafe(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.platform_bootstrap (name text primary key, applied_at timestamptz not null default now());
    `);
    let applied = new Set((await sql`select name from supabase_migrations.platform_bootstrap`).map((row) => row.name as string));
    if (applied.size === 0 && (await sql`select to_regclass('auth.users') is not null as legacy`)[0]!.legacy) {
      // Made by a stack from before the record: those files ran (on every start, then). Only newer ones run now.
      await sql`insert into supabase_migrations.platform_bootstrap ${sql(LEGACY_BOOTSTRAP.map((name) => ({ name })))}`;
      applied = new Set(LEGACY_BOOTSTRAP);
    }
    const ran: string[] = [];
    for (const file of (await readdir(BOOTSTRAP_DIR)).filter((name) => name.endsWith('.sql')).sort()) {
      if (applied.has(file)) continue;
      const source = await readFile(join(BOOTSTRAP_DIR, file), 'utf8');
      try {
        await sql.begin(async (tx) => {
          await tx.unsafe(source).simple();
          await tx`insert into supabase_migrations.platform_bootstrap (name) values (${file})`;
        });
      } catch (error) {
        throw new StartupError(`SQL failed in ${describeSqlError(`platform bootstrap ${file}`, source, error as PostgresError)}`);
      }
      ran.push(file);
    }
    // Not a grant: the password PostgREST logs in with comes from keys.json and may differ from the last start's.
    await sql.unsafe(`alter role authenticator with login password '${authenticatorPassword.replace(/'/g, "''")}'`);
    return ran;
  } finally {
    await sql`select pg_advisory_unlock(hashtext('barkeep.bootstrap'))`;
  }
}

/**
 * Applies `supabase/migrations/<14-digit version>_<name>.sql` in order, each in its own transaction,
 * recorded in `supabase_migrations.schema_migrations` as the Supabase CLI does. `seed.sql` runs once, on a
 * database that had no migrations recorded before.
 */
export async function applyMigrations(sql: Sql, supabaseDir: string): Promise<MigrationResult> {
  await sql.unsafe(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (
      version text primary key, statements text[], name text, applied_at timestamptz default now()
    );
  `);
  const appliedBefore = new Set((await sql`select version from supabase_migrations.schema_migrations`).map((row) => row.version as string));
  const isFresh = appliedBefore.size === 0;

  const dir = join(supabaseDir, 'migrations');
  const files = existsSync(dir) ? (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort() : [];
  const applied: string[] = [];
  for (const file of files) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) throw new StartupError(`Migration file name ${file} must look like <14-digit timestamp>_<name>.sql`);
    const [, version, name] = match;
    if (appliedBefore.has(version)) continue;
    const source = await readFile(join(dir, file), 'utf8');
    try {
      await sql.begin(async (tx) => {
        // As `supabase db push` on hosted: extensions' functions are found without a schema name.
        await tx.unsafe('set local search_path to "$user", public, extensions');
        await tx.unsafe(source).simple();
        await tx`insert into supabase_migrations.schema_migrations (version, name, statements) values (${version}, ${name}, ${[source]})`;
      });
    } catch (error) {
      throw new StartupError(`Migration failed: ${describeSqlError(`supabase/migrations/${file}`, source, error as PostgresError)}`);
    }
    applied.push(file);
  }

  const seedPath = join(supabaseDir, 'seed.sql');
  const seeded = isFresh && existsSync(seedPath);
  if (seeded) await runFile(sql, seedPath, 'supabase/seed.sql');
  return { applied, seeded };
}
