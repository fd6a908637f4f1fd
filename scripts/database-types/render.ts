// Turns a catalog snapshot into the `Database` type supabase-js takes (`createClient<Database>`), in the
// shape `supabase gen types typescript` prints, so queries and their rows are typed end to end. Pure.
import type { ArgumentInfo, Catalog, ColumnInfo, RelationInfo } from './catalog.ts';

/** Columns whose jsonb holds a shape the database checks (a constraint), typed by the app's own type. */
export interface RenderOptions {
  columnTypes?: Record<string, { type: string; from: string }>;
  header?: string;
}

const SCALARS: Record<string, string> = {
  bool: 'boolean',
  int2: 'number',
  int4: 'number',
  int8: 'number',
  float4: 'number',
  float8: 'number',
  numeric: 'number',
  oid: 'number',
  json: 'Json',
  jsonb: 'Json',
  void: 'undefined',
  record: 'Record<string, unknown>',
};
const STRINGS = new Set([
  'text',
  'varchar',
  'bpchar',
  'char',
  'name',
  'citext',
  'uuid',
  'date',
  'time',
  'timetz',
  'timestamp',
  'timestamptz',
  'interval',
  'bytea',
  'inet',
  'cidr',
  'macaddr',
  'tsvector',
]);

const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name));

function baseType(type: string, enums: Catalog['enums']): string {
  if (type.startsWith('_')) return `${baseType(type.slice(1), enums)}[]`;
  if (enums[type]) return `Database['public']['Enums'][${quote(type)}]`;
  return SCALARS[type] ?? (STRINGS.has(type) ? 'string' : 'unknown');
}

function columnType(relation: string, column: ColumnInfo, catalog: Catalog, options: RenderOptions): string {
  const override = options.columnTypes?.[`${relation}.${column.name}`];
  let type = override ? override.type : column.allowed ? column.allowed.map(quote).join(' | ') : baseType(column.type, catalog.enums);
  if (column.isArray) type = type.includes(' ') ? `(${type})[]` : `${type}[]`;
  return column.nullable ? `${type} | null` : type;
}

function fields(entries: [name: string, optional: boolean, type: string][], indent: string): string {
  if (entries.length === 0) return '{ [_ in never]: never }';
  return `{\n${entries.map(([name, optional, type]) => `${indent}  ${key(name)}${optional ? '?' : ''}: ${type};`).join('\n')}\n${indent}}`;
}

function relation(info: RelationInfo, catalog: Catalog, options: RenderOptions): string {
  const indent = '        ';
  const typed = info.columns.map((column) => [column, columnType(info.name, column, catalog, options)] as const);
  const parts = [
    `Row: ${fields(
      typed.map(([column, type]) => [column.name, false, type]),
      `${indent}`,
    )};`,
  ];
  if (info.kind === 'table') {
    parts.push(
      `Insert: ${fields(
        typed.map(([column, type]) => [column.name, column.nullable || column.hasDefault, type]),
        indent,
      )};`,
    );
    parts.push(
      `Update: ${fields(
        typed.map(([column, type]) => [column.name, true, type]),
        indent,
      )};`,
    );
  }
  const relationships = info.relationships.map(
    (link) =>
      `${indent}  {\n${indent}    foreignKeyName: ${quote(link.foreignKeyName)};\n${indent}    columns: [${link.columns.map(quote).join(', ')}];\n` +
      `${indent}    isOneToOne: ${link.isOneToOne};\n${indent}    referencedRelation: ${quote(link.referencedRelation)};\n` +
      `${indent}    referencedColumns: [${link.referencedColumns.map(quote).join(', ')}];\n${indent}  },`,
  );
  parts.push(relationships.length ? `Relationships: [\n${relationships.join('\n')}\n${indent}];` : 'Relationships: [];');
  return `      ${key(info.name)}: {\n${parts.map((part) => `${indent}${part}`).join('\n')}\n      };`;
}

function args(list: ArgumentInfo[], catalog: Catalog): string {
  if (list.length === 0) return 'Record<PropertyKey, never>';
  const type = (arg: ArgumentInfo) => (arg.isArray ? `${baseType(arg.type, catalog.enums)}[]` : baseType(arg.type, catalog.enums));
  return fields(
    list.map((arg) => [arg.name, arg.hasDefault, type(arg)]),
    '          ',
  );
}

function functionType(fn: Catalog['functions'][number], catalog: Catalog): string {
  const { returns } = fn;
  let type: string;
  if (returns.columns) {
    const row = fields(
      returns.columns.map((column) => [column.name, false, `${baseType(column.type, catalog.enums)}${column.isArray ? '[]' : ''}`]),
      '          ',
    );
    type = `${row}[]`;
  } else {
    type = baseType(returns.type, catalog.enums) + (returns.isArray ? '[]' : '');
    if (returns.isSet) type = `${type}[]`;
  }
  return `      ${key(fn.name)}: {\n        Args: ${args(fn.args, catalog)};\n        Returns: ${type};\n      };`;
}

function section(entries: string[]): string {
  return entries.length ? `{\n${entries.join('\n')}\n    }` : '{\n      [_ in never]: never;\n    }';
}

export function renderDatabaseTypes(catalog: Catalog, options: RenderOptions = {}): string {
  const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
  const imports = Object.values(options.columnTypes ?? {})
    .map(({ type, from }) => `import type { ${type} } from ${quote(from)};`)
    .filter((line, index, all) => all.indexOf(line) === index)
    .sort();
  const tables = byName(catalog.relations.filter((info) => info.kind === 'table')).map((info) => relation(info, catalog, options));
  const views = byName(catalog.relations.filter((info) => info.kind === 'view')).map((info) => relation(info, catalog, options));
  // Overloads share a name: PostgREST calls the one whose arguments match; the first is typed.
  const functions = byName(catalog.functions)
    .filter((fn, index, all) => all.findIndex((other) => other.name === fn.name) === index)
    .map((fn) => functionType(fn, catalog));
  const enums = Object.entries(catalog.enums)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, values]) => `      ${key(name)}: ${values.map(quote).join(' | ')};`);

  return `${options.header ?? ''}${imports.length ? `${imports.join('\n')}\n\n` : ''}export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  __InternalSupabase: {
    PostgrestVersion: '12';
  };
  ${catalog.schema}: {
    Tables: ${section(tables)};
    Views: ${section(views)};
    Functions: ${section(functions)};
    Enums: ${section(enums)};
    CompositeTypes: {
      [_ in never]: never;
    };
  };
};

type PublicSchema = Database['${catalog.schema}'];
export type Tables<Name extends keyof PublicSchema['Tables']> = PublicSchema['Tables'][Name]['Row'];
export type TablesInsert<Name extends keyof PublicSchema['Tables']> = PublicSchema['Tables'][Name]['Insert'];
export type TablesUpdate<Name extends keyof PublicSchema['Tables']> = PublicSchema['Tables'][Name]['Update'];
export type Views<Name extends keyof PublicSchema['Views']> = PublicSchema['Views'][Name]['Row'];
`;
}
