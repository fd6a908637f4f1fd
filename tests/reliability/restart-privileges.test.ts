// Privileges after a restart are exactly those after a fresh start (F3). The set compared is read from the
// catalog: every table, column, sequence, function and schema outside PostgreSQL's own, for the API roles.
import { afterAll, describe, expect, it } from 'vitest';
import { adminSql } from '../support/clients.ts';
import { freePortPair, makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

const ROLES = ['anon', 'authenticated', 'service_role'];
const SYSTEM_SCHEMAS = `('pg_catalog', 'information_schema', 'pg_toast')`;
/** Temporary schemas belong to sessions (the seed's helpers live in one while its connection lasts). */
const OWN_SCHEMA = (column: string) => `${column} not in ${SYSTEM_SCHEMAS} and ${column} not like 'pg_temp%' and ${column} not like 'pg_toast_temp%'`;

async function privileges(stack: StackProcess): Promise<Map<string, boolean>> {
  const sql = adminSql(stack);
  try {
    const rows = await sql.unsafe<Array<{ object: string; allowed: boolean }>>(
      `
      with roles(role) as (select unnest($1::text[])),
      tables as (
        select c.oid, format('%I.%I', n.nspname, c.relname) as name, c.relkind
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'v', 'm', 'p', 'f', 'S') and ${OWN_SCHEMA('n.nspname')}
      )
      select format('table %s %s %s', t.name, r.role, p.privilege) as object, has_table_privilege(r.role, t.oid, p.privilege) as allowed
        from tables t cross join roles r cross join unnest(array['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) as p(privilege)
        where t.relkind <> 'S'
      union all
      select format('sequence %s %s %s', t.name, r.role, p.privilege), has_sequence_privilege(r.role, t.oid, p.privilege)
        from tables t cross join roles r cross join unnest(array['USAGE','SELECT','UPDATE']) as p(privilege)
        where t.relkind = 'S'
      union all
      select format('column %s.%I %s %s', t.name, a.attname, r.role, p.privilege), has_column_privilege(r.role, t.oid, a.attnum, p.privilege)
        from tables t join pg_attribute a on a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
        cross join roles r cross join unnest(array['SELECT','INSERT','UPDATE','REFERENCES']) as p(privilege)
        where t.relkind <> 'S'
      union all
      select format('function %s %s', p.oid::regprocedure, r.role), has_function_privilege(r.role, p.oid, 'EXECUTE')
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace cross join roles r
        where ${OWN_SCHEMA('n.nspname')}
      union all
      select format('schema %I %s %s', n.nspname, r.role, p.privilege), has_schema_privilege(r.role, n.oid, p.privilege)
        from pg_namespace n cross join roles r cross join unnest(array['USAGE','CREATE']) as p(privilege)
        where ${OWN_SCHEMA('n.nspname')}`,
      [ROLES],
    );
    return new Map(rows.map((row) => [row.object, row.allowed]));
  } finally {
    await sql.end();
  }
}

describe('privileges across a restart', () => {
  let dataDir: string;
  let stack: StackProcess | undefined;

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) await removeDataDir(dataDir);
  });

  it('are the same after a restart as after the fresh start, for every table, column, function and schema', async () => {
    dataDir = await makeDataDir();
    const port = await freePortPair();
    stack = await startStackProcess({ dataDir, apiPort: port });
    const fresh = await privileges(stack);
    // The migrations restrict something, or this comparison would prove little.
    expect(fresh.get('table public.guests anon INSERT')).toBe(false);
    expect(fresh.get('column public.registration_codes.code authenticated INSERT')).toBe(false);
    expect([...fresh.keys()].filter((key) => key.startsWith('function private.')).length).toBeGreaterThan(0);

    expect(await stack.stop()).toBe(0);
    stack = await startStackProcess({ dataDir, apiPort: port });
    const restarted = await privileges(stack);

    const changed = [...fresh]
      .filter(([object, allowed]) => restarted.get(object) !== allowed)
      .map(([object, allowed]) => `${object}: ${allowed} → ${restarted.get(object)}`);
    expect(changed).toEqual([]);
    expect(restarted.size).toBe(fresh.size);
  });
});
