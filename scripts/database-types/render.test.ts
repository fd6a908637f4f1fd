import { describe, expect, it } from 'vitest';
import { parseAllowedValues, type Catalog } from './catalog.ts';
import { renderDatabaseTypes } from './render.ts';

describe('database types rendering', () => {
  it('reads the value list of a check constraint', () => {
    expect(parseAllowedValues("CHECK ((status = ANY (ARRAY['pending'::text, 'it''s'::text])))")).toEqual(['status', ['pending', "it's"]]);
    expect(parseAllowedValues('CHECK ((char_length(note) <= 200))')).toBeNull();
  });

  it('types rows, inserts and updates: defaults and nullables are optional on insert, checks become unions', () => {
    const catalog: Catalog = {
      schema: 'public',
      enums: {},
      functions: [{ name: 'is_host', args: [], returns: { type: 'bool', isArray: false, isSet: false, columns: null } }],
      relations: [
        {
          name: 'orders',
          kind: 'table',
          relationships: [
            { foreignKeyName: 'orders_drink_id_fkey', columns: ['drink_id'], isOneToOne: false, referencedRelation: 'drinks', referencedColumns: ['id'] },
          ],
          columns: [
            { name: 'id', type: 'uuid', isArray: false, isEnum: false, nullable: false, hasDefault: true, allowed: null },
            { name: 'status', type: 'text', isArray: false, isEnum: false, nullable: false, hasDefault: true, allowed: ['pending', 'ready'] },
            { name: 'note', type: 'text', isArray: false, isEnum: false, nullable: true, hasDefault: false, allowed: null },
            { name: 'drink_id', type: 'uuid', isArray: false, isEnum: false, nullable: false, hasDefault: false, allowed: null },
            { name: 'tags', type: 'text', isArray: true, isEnum: false, nullable: false, hasDefault: false, allowed: null },
          ],
        },
      ],
    };
    const text = renderDatabaseTypes(catalog);
    expect(text).toContain("status: 'pending' | 'ready';");
    expect(text).toContain("status?: 'pending' | 'ready';");
    expect(text).toContain('note: string | null;');
    expect(text).toContain('note?: string | null;');
    expect(text).toContain('drink_id: string;');
    expect(text).toContain('tags: string[];');
    expect(text).toContain("referencedRelation: 'drinks';");
    expect(text).toMatch(/is_host: \{\n\s+Args: Record<PropertyKey, never>;\n\s+Returns: boolean;/);
  });
});
