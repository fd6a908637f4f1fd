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
import { createLogger } from '../../supabase/local/shared/log.ts';
import { platformChanges, platformObjects } from '../support/platform-catalog.ts';
import { freePortPair, makeDataDir, PROJECT_ROOT, removeDataDir } from '../support/stack-process.ts';
import { copyOfSupabaseProject, runSupabaseCli, type CliResult } from '../support/supabase-cli.ts';

const MIGRATIONS = readdirSync(join(PROJECT_ROOT, 'supabase', 'migrations'))
  .filter((name) => name.endsWith('.sql'))
  .sort();
const fixture = (name: string) => readFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'platform-changes', name), 'utf8');
const WIRING = readFileSync(join(PROJECT_ROOT, 'supabase', 'hosted', 'push-dispatch-wiring.sql'), 'utf8');

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
    database = await startDatabase(config, keys, createLogger(true));
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
    await applyPlatformBootstrap(sql, keys.authenticatorPassword);
    // Hosted Supabase keeps extensions in schema `extensions`, as the local bootstrap now does (40-extensions.sql):
    // a migration that calls gen_random_bytes() or crypt() unqualified fails here as it would there.
    const [pgcrypto] = await sql`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pgcrypto'`;
    expect(pgcrypto?.schema).toBe('extensions');
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

  it('db push --include-seed loads the demo menu once (docs/deploy.md)', async () => {
    const args = ['db', 'push', '--db-url', `${database.url}?sslmode=disable`, '--include-seed', '--yes'];
    const counts: number[] = [];
    for (const attempt of [1, 2]) {
      const result = await runSupabaseCli(args, { cwd: project.root });
      expect(result.code, `attempt ${attempt}: ${result.stdout}\n${result.stderr}`).toBe(0);
      const [{ drinks }] = await sql<{ drinks: number }[]>`select count(*)::int as drinks from public.drinks where is_active`;
      counts.push(drinks);
    }
    const seeded = (readFileSync(join(PROJECT_ROOT, 'supabase', 'seed.sql'), 'utf8').match(/select pg_temp\.add_drink\(/g) ?? []).length;
    expect(seeded).toBeGreaterThan(20);
    expect(counts).toEqual([seeded, seeded]);
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

  // Runs last: it adds stand-ins for pg_net, Vault and pg_cron to this database.
  describe('supabase/hosted/push-dispatch-wiring.sql (run once in the SQL editor of a hosted project)', () => {
    const calls = () => sql<{ url: string; authorization: string }[]>`select url, headers ->> 'Authorization' as authorization from net.calls order by id`;

    beforeAll(async () => {
      await sql.unsafe(readFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'hosted-stubs', 'net-vault-cron.sql'), 'utf8')).simple();
      await sql
        .unsafe(
          `
        select vault.create_secret('https://abcdefghijklmnopqrst.supabase.co', 'barkeep_project_url');
        select vault.create_secret('service-role-jwt', 'barkeep_service_role_key');`,
        )
        .simple();
      await sql.unsafe(WIRING).simple();
      await sql.unsafe(WIRING).simple(); // running it again replaces, never duplicates
    });

    it('wakes push-dispatch with the service role key once per statement that queues pushes', async () => {
      const [subscription] = await sql<{ id: string }[]>`
        insert into public.push_subscriptions (user_key, endpoint, p256dh, auth)
        values (gen_random_uuid(), 'https://push.example.com/' || gen_random_uuid(), ${'B'.repeat(87)}, ${'a'.repeat(22)}) returning id`;
      await sql`insert into private.push_outbox (subscription_id, payload) select ${subscription.id}, jsonb_build_object('n', n) from generate_series(1, 3) n`;
      expect(await calls()).toEqual([{ url: 'https://abcdefghijklmnopqrst.supabase.co/functions/v1/push-dispatch', authorization: 'Bearer service-role-jwt' }]);
      const triggers = await sql`select 1 from pg_trigger where tgrelid = 'private.push_outbox'::regclass and tgname = 'wake_push_dispatch'`;
      expect(triggers).toHaveLength(1);
    });

    it('schedules a 30-second sweep that calls only while a delivery is due', async () => {
      const jobs = await sql<{ schedule: string; command: string }[]>`select schedule, command from cron.job where jobname = 'barkeep-push-sweep'`;
      expect(jobs).toHaveLength(1);
      expect(jobs[0].schedule).toBe('30 seconds');
      await sql`delete from net.calls`;
      await sql.unsafe(jobs[0].command);
      expect(await calls()).toHaveLength(1); // three pending deliveries are due
      await sql`update private.push_outbox set state = 'sent', sent_at = now()`;
      await sql.unsafe(jobs[0].command);
      expect(await calls()).toHaveLength(1); // nothing due: no call
    });
  });
});
