// src/lib/database.types.ts must describe the database the migrations build: a migration that changes a
// table, view or function without `npm run types` fails here.
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../scripts/database-types/catalog.ts';
import { databaseTypesFile, OUTPUT_FILE } from '../../scripts/database-types/options.ts';
import { adminSql } from '../support/clients.ts';

describe('generated database types', () => {
  const sql = adminSql();
  afterAll(() => sql.end());

  it('are up to date with the migrations (else run `npm run types`)', async () => {
    const expected = await databaseTypesFile(await readCatalog(sql));
    const actual = await readFile(OUTPUT_FILE, 'utf8');
    expect(actual, 'src/lib/database.types.ts is stale: run `npm run types` and commit the result').toBe(expected);
  });
});
