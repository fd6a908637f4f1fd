// Portability guards for the migrations: the real `supabase db push` of the pinned CLI applies every migration to a
// fresh PostgreSQL that has only the platform bootstrap (what a new hosted project has; no seed), and no migration
// creates or changes an object the platform owns in auth, realtime or storage (policies and rows are fine).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDatabase, type Database } from '../../supabase/local/postgres/index.ts';
import { applyPlatformBootstrap } from '../../supabase/local/postgres/migrations.ts';
import { loadConfig } from '../../supabase/local/shared/config.ts';
import { loadOrCreateKeys } from '../../supabase/local/shared/keys.ts';
import { platformChanges, platformObjects } from '../support/platform-catalog.ts';
import { freePortPair, makeDataDir, PROJECT_ROOT, removeDataDir } from '../support/stack-process.ts';
import { copyOfSupabaseProject, runSupabaseCli, type CliResult } from '../support/supabase-cli.ts';

const MIGRATIONS = readdirSync(join(PROJECT_ROOT, 'supabase', 'migrations')).filter((name) => name.endsWith('.sql')).sort();
const fixture = (name: string) => readFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'platform-changes', name), 'utf8');

describe('migrations on a fresh Supabase database', () => {
  let dataDir: string;
  let database: Database;
  let sql: postgres.Sql;
  let project: Awaited<ReturnType<typeof copyOfSupabaseProject>>;
  let bootstrapOnly: string[];
  let push: CliResult;

  beforeAll(async () => {
    dataDir = await makeDataDir();
    const config = loadConfig({ ...process.env, BARKEEP_DATA_DIR: dataDir, SUPABASE_PORT: String(await freePortPair()), DATABASE_URL: '' });
    const keys = await loadOrCreateKeys(dataDir);
    database = await startDatabase(config, keys);
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
    await applyPlatformBootstrap(sql, keys.authenticatorPassword);
    bootstrapOnly = await platformObjects(sql);
    project = await copyOfSupabaseProject();
    // The embedded server speaks no TLS; hosted connections do, and the CLI negotiates it by default.
    push = await runSupabaseCli(['db', 'push', '--db-url', `${database.url}?sslmode=disable`, '--yes'], { cwd: project.root });
  }, 180_000);

  afterAll(async () => {
    await sql?.end({ timeout: 2 });
    await database?.stop();
    await project?.remove();
    if (dataDir) await removeDataDir(dataDir);
  });

  it('supabase db push applies every migration, and only the migrations (no seed)', async () => {
    expect(push.code, `${push.stdout}\n${push.stderr}`).toBe(0);
    const recorded = await sql<{ version: string; name: string }[]>`select version, name from supabase_migrations.schema_migrations order by version`;
    expect(recorded.map((row) => `${row.version}_${row.name}.sql`)).toEqual(MIGRATIONS);
    expect(`${push.stdout}${push.stderr}`).not.toMatch(/seed/i);
    const [{ drinks }] = await sql<{ drinks: number }[]>`select count(*)::int as drinks from public.drinks`;
    expect(drinks).toBe(0);
  });

  it('no migration creates or changes an object the platform owns in auth, realtime or storage', async () => {
    expect(platformChanges(bootstrapOnly, await platformObjects(sql))).toEqual({ added: [], removed: [] });
  });

  it('every table the API exposes has row-level security', async () => {
    const open = await sql<{ name: string }[]>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`;
    expect(open.map((row) => row.name)).toEqual([]);
  });

  describe('the guard itself', () => {
    /** Runs `statements` in a transaction that is rolled back, and reports what they changed. */
    async function changesOf(statements: string) {
      let changes: ReturnType<typeof platformChanges> | undefined;
      const before = await platformObjects(sql);
      await sql
        .begin(async (tx) => {
          await tx.unsafe(statements).simple();
          changes = platformChanges(before, await platformObjects(tx as unknown as postgres.Sql));
          throw new Error('roll back');
        })
        .catch((error: Error) => {
          if (error.message !== 'roll back') throw error;
        });
      return changes!;
    }

    it('names every created or changed platform object', async () => {
      const { added, removed } = await changesOf(fixture('violations.sql'));
      const named = [...added, ...removed].join('\n');
      expect(named).toContain('relation auth.profiles');
      expect(named).toContain('column storage.objects.note');
      expect(named).toContain('routine realtime.shout()');
      expect(named).toContain('index storage.buckets_public_idx');
      expect(named).toContain('trigger storage.objects.objects_touch');
      expect(removed.join('\n')).toMatch(/relation auth\.users: .*acl=/);
    });

    it('lets policies and bucket rows through', async () => {
      expect(await changesOf(fixture('allowed.sql'))).toEqual({ added: [], removed: [] });
    });
  });
});
