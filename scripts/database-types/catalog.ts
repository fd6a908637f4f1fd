// Reads what the generated database types describe from PostgreSQL's own catalog (as Supabase's
// postgres-meta does): the tables, views, functions and enums of one schema, with nullability, defaults,
// foreign keys and the value lists of `check (column in (…))` constraints. PostgREST's OpenAPI document
// knows none of foreign keys' cardinality, set-returning functions or check lists, so the catalog it is.
import type { Sql } from 'postgres';

export interface ColumnInfo {
  name: string;
  /** pg_type.typname of the column's type, or of the element type for arrays. */
  type: string;
  isArray: boolean;
  isEnum: boolean;
  nullable: boolean;
  hasDefault: boolean;
  /** Values a check constraint allows (`status in ('a', 'b')`), when there is one. */
  allowed: string[] | null;
}

export interface RelationshipInfo {
  foreignKeyName: string;
  columns: string[];
  isOneToOne: boolean;
  referencedRelation: string;
  referencedColumns: string[];
}

export interface RelationInfo {
  name: string;
  kind: 'table' | 'view';
  columns: ColumnInfo[];
  relationships: RelationshipInfo[];
}

export interface ArgumentInfo {
  name: string;
  type: string;
  isArray: boolean;
  hasDefault: boolean;
}

export interface FunctionInfo {
  name: string;
  args: ArgumentInfo[];
  returns: { type: string; isArray: boolean; isSet: boolean; columns: ColumnInfo[] | null };
}

export interface Catalog {
  schema: string;
  relations: RelationInfo[];
  functions: FunctionInfo[];
  enums: Record<string, string[]>;
}

const ALLOWED_VALUES = /^CHECK \(\(\(?(\w+)\)?(?:::text)? = ANY \(\(?ARRAY\[(.+)\]\)?(?:::text\[\])?\)\)\)$/;

/** `CHECK ((status = ANY (ARRAY['pending'::text, …])))` → ['status', ['pending', …]]. */
export function parseAllowedValues(definition: string): [string, string[]] | null {
  const match = ALLOWED_VALUES.exec(definition);
  if (!match) return null;
  const values = [...match[2].matchAll(/'((?:[^']|'')*)'(?:::[\w ]+)?/g)].map((value) => value[1].replace(/''/g, "'"));
  return values.length ? [match[1], values] : null;
}

export async function readCatalog(sql: Sql, schema = 'public'): Promise<Catalog> {
  const columns = await sql<
    { relation: string; relkind: string; name: string; type: string; elem: string | null; typtype: string; notnull: boolean; hasdefault: boolean }[]
  >`
    select c.relname as relation, c.relkind::text as relkind, a.attname as name,
           t.typname as type, e.typname as elem, coalesce(e.typtype, t.typtype)::text as typtype,
           a.attnotnull as notnull, (a.atthasdef or a.attidentity <> '' or a.attgenerated <> '') as hasdefault
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      join pg_type t on t.oid = a.atttypid
      left join pg_type e on e.oid = t.typelem and t.typcategory = 'A'
     where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v', 'm')
     order by c.relname, a.attnum`;
  const checks = await sql<{ relation: string; definition: string }[]>`
    select c.relname as relation, pg_get_constraintdef(k.oid) as definition
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = ${schema} and k.contype = 'c'`;
  const foreignKeys = await sql<{ relation: string; name: string; columns: string[]; referenced: string; referenced_columns: string[]; one_to_one: boolean }[]>`
    select c.relname as relation, k.conname as name,
           array(select attname::text from pg_attribute where attrelid = k.conrelid and attnum = any (k.conkey) order by array_position(k.conkey, attnum)) as columns,
           r.relname as referenced,
           array(select attname::text from pg_attribute where attrelid = k.confrelid and attnum = any (k.confkey) order by array_position(k.confkey, attnum)) as referenced_columns,
           exists (select 1 from pg_constraint u where u.conrelid = k.conrelid and u.contype in ('p', 'u')
                    and u.conkey @> k.conkey and u.conkey <@ k.conkey) as one_to_one
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_class r on r.oid = k.confrelid join pg_namespace rn on rn.oid = r.relnamespace
     where n.nspname = ${schema} and rn.nspname = ${schema} and k.contype = 'f'
     order by k.conname`;
  const functions = await sql<
    {
      name: string;
      arg_names: string[] | null;
      arg_types: string[];
      arg_elems: string[];
      defaults: number;
      ret: string;
      ret_elem: string | null;
      retset: boolean;
      out_names: string[] | null;
      out_types: string[] | null;
    }[]
  >`
    select p.proname as name, p.proargnames as arg_names,
           array(select t.typname::text from unnest(p.proargtypes) with ordinality as a(oid, i) join pg_type t on t.oid = a.oid order by a.i) as arg_types,
           array(select coalesce(e.typname::text, '') from unnest(p.proargtypes) with ordinality as a(oid, i) join pg_type t on t.oid = a.oid
                   left join pg_type e on e.oid = t.typelem and t.typcategory = 'A' order by a.i) as arg_elems,
           p.pronargdefaults as defaults, rt.typname as ret, re.typname as ret_elem, p.proretset as retset,
           (select array_agg(name order by i) from unnest(p.proargnames, p.proargmodes) with ordinality as o(name, mode, i) where mode in ('t', 'o')) as out_names,
           (select array_agg(t.typname::text order by i) from unnest(p.proallargtypes, p.proargmodes) with ordinality as o(oid, mode, i) join pg_type t on t.oid = o.oid where mode in ('t', 'o')) as out_types
      from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace
      join pg_type rt on rt.oid = p.prorettype
      left join pg_type re on re.oid = rt.typelem and rt.typcategory = 'A'
     where n.nspname = ${schema} and p.prokind = 'f' and rt.typname not in ('trigger', 'event_trigger')
       -- functions an extension installed (pgcrypto lands in public locally) are not the app's API
       and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
     order by p.proname, p.oid`;
  const enumRows = await sql<{ name: string; value: string }[]>`
    select t.typname as name, e.enumlabel as value
      from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
     where n.nspname = ${schema} order by t.typname, e.enumsortorder`;

  const allowed = new Map<string, string[]>();
  for (const check of checks) {
    const parsed = parseAllowedValues(check.definition);
    if (parsed) allowed.set(`${check.relation}.${parsed[0]}`, parsed[1]);
  }
  const relations = new Map<string, RelationInfo>();
  for (const column of columns) {
    const kind = column.relkind === 'v' || column.relkind === 'm' ? 'view' : 'table';
    const relation = relations.get(column.relation) ?? { name: column.relation, kind, columns: [], relationships: [] };
    relations.set(column.relation, relation);
    relation.columns.push({
      name: column.name,
      type: column.elem ?? column.type,
      isArray: column.elem !== null,
      isEnum: column.typtype === 'e',
      // Views do not carry their columns' NOT NULL.
      nullable: kind === 'view' || !column.notnull,
      hasDefault: column.hasdefault,
      allowed: allowed.get(`${column.relation}.${column.name}`) ?? null,
    });
  }
  for (const key of foreignKeys) {
    relations.get(key.relation)?.relationships.push({
      foreignKeyName: key.name,
      columns: key.columns,
      isOneToOne: key.one_to_one,
      referencedRelation: key.referenced,
      referencedColumns: key.referenced_columns,
    });
  }
  const enums: Record<string, string[]> = {};
  for (const row of enumRows) (enums[row.name] ??= []).push(row.value);

  return {
    schema,
    relations: [...relations.values()],
    functions: functions.map((fn) => {
      const inputs = fn.arg_types.map((type, index) => ({
        name: fn.arg_names?.[index] || `arg${index + 1}`,
        // '' for an argument that is no array (NULLs inside arrays do not survive the driver's parsing).
        type: fn.arg_elems[index] || type,
        isArray: Boolean(fn.arg_elems[index]),
        hasDefault: index >= fn.arg_types.length - fn.defaults,
      }));
      const tableColumns =
        fn.out_names && fn.out_types
          ? fn.out_names.map((name, index) => ({
              name,
              type: fn.out_types![index],
              isArray: false,
              isEnum: false,
              nullable: true,
              hasDefault: false,
              allowed: null,
            }))
          : null;
      return { name: fn.name, args: inputs, returns: { type: fn.ret_elem ?? fn.ret, isArray: fn.ret_elem !== null, isSet: fn.retset, columns: tableColumns } };
    }),
    enums,
  };
}
