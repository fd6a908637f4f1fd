// What the platform owns in a Supabase database — every object in the `auth`, `realtime` and `storage` schemas,
// read from the catalog as one line per object — so a test can tell whether migrations created or changed any of
// them. Policies and table rows (e.g. a bucket in storage.buckets) are the app's to add and are left out.
import type { Sql } from 'postgres';

export const PLATFORM_SCHEMAS = ['auth', 'realtime', 'storage'];

/** One line per object: "<kind> <schema.name>: <everything that defines it>". Sorted, so two snapshots compare. */
export async function platformObjects(sql: Sql, schemas = PLATFORM_SCHEMAS): Promise<string[]> {
  const rows = await sql<{ line: string }[]>`
    with target as (select oid, nspname from pg_namespace where nspname = any(${schemas}::text[]))
    select 'schema ' || nspname || ': owner=' || pg_get_userbyid(n.nspowner) || ' acl=' || coalesce(n.nspacl::text, '') as line
      from pg_namespace n where n.oid in (select oid from target)
    union all
    select 'relation ' || t.nspname || '.' || c.relname || ': kind=' || c.relkind::text || ' owner=' || pg_get_userbyid(c.relowner)
           || ' acl=' || coalesce(c.relacl::text, '') || ' rls=' || c.relrowsecurity::text || '/' || c.relforcerowsecurity::text
           || ' options=' || coalesce(c.reloptions::text, '')
           || case when c.relkind in ('v', 'm') then ' view=' || md5(pg_get_viewdef(c.oid)) else '' end
      from pg_class c join target t on t.oid = c.relnamespace
     where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f', 'c')
    union all
    select 'column ' || t.nspname || '.' || c.relname || '.' || a.attname || ': ' || format_type(a.atttypid, a.atttypmod)
           || case when a.attnotnull then ' not null' else '' end
           || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') || coalesce(' generated=' || nullif(a.attgenerated::text, ''), '')
           || ' acl=' || coalesce(a.attacl::text, '')
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join target t on t.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c')
    union all
    select 'index ' || t.nspname || '.' || c.relname || ': ' || pg_get_indexdef(c.oid)
      from pg_class c join target t on t.oid = c.relnamespace where c.relkind in ('i', 'I')
    union all
    select 'constraint ' || t.nspname || '.' || r.relname || '.' || k.conname || ': ' || pg_get_constraintdef(k.oid)
      from pg_constraint k join pg_class r on r.oid = k.conrelid join target t on t.oid = r.relnamespace
    union all
    select 'trigger ' || t.nspname || '.' || r.relname || '.' || g.tgname || ': ' || pg_get_triggerdef(g.oid) || ' enabled=' || g.tgenabled::text
      from pg_trigger g join pg_class r on r.oid = g.tgrelid join target t on t.oid = r.relnamespace where not g.tgisinternal
    union all
    select 'routine ' || t.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || '): returns '
           || pg_get_function_result(p.oid) || ' owner=' || pg_get_userbyid(p.proowner) || ' acl=' || coalesce(p.proacl::text, '')
           || ' definer=' || p.prosecdef::text || ' config=' || coalesce(p.proconfig::text, '') || ' body=' || md5(p.prosrc)
      from pg_proc p join target t on t.oid = p.pronamespace
    union all
    select 'type ' || t.nspname || '.' || y.typname || ': ' || y.typtype::text || ' owner=' || pg_get_userbyid(y.typowner)
           || coalesce(' labels=' || (select string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_enum e where e.enumtypid = y.oid), '')
      from pg_type y join target t on t.oid = y.typnamespace
     where y.typtype in ('e', 'd', 'r', 'm') or (y.typtype = 'c' and (select relkind from pg_class where oid = y.typrelid) = 'c')
    union all
    select 'extension ' || x.extname || ': in ' || t.nspname from pg_extension x join target t on t.oid = x.extnamespace
  `;
  return rows.map((row) => row.line).sort();
}

/** Lines only in `after` (created or changed) and only in `before` (dropped or changed). */
export function platformChanges(before: string[], after: string[]): { added: string[]; removed: string[] } {
  const had = new Set(before);
  const has = new Set(after);
  return { added: after.filter((line) => !had.has(line)), removed: before.filter((line) => !has.has(line)) };
}
