import { describe, expect, it } from 'vitest';
import { parseProjectConfig, parseSize } from './project-config.ts';

describe('parseProjectConfig', () => {
  it('reads [api], [storage] and [functions] as the Supabase CLI does', () => {
    const config = parseProjectConfig(`
[api]
schemas = ["public", "graphql_public"]
max_rows = 50

[storage]
file_size_limit = "10MiB"

[functions.register]
verify_jwt = false
`);
    expect(config).toEqual({
      functions: { register: { verify_jwt: false } },
      api: { schemas: ['public', 'graphql_public'], extraSearchPath: ['public', 'extensions'], maxRows: 50 },
      storageFileSizeLimit: 10 * 1024 * 1024,
    });
  });

  it('falls back to the CLI defaults', () => {
    expect(parseProjectConfig('project_id = "x"')).toMatchObject({ api: { schemas: ['public'], maxRows: 1000 }, storageFileSizeLimit: 50 * 1024 * 1024 });
  });
});

describe('parseSize', () => {
  it.each([
    ['5MB', 5_000_000],
    ['5MiB', 5 * 1024 * 1024],
    ['500KB', 500_000],
    ['1.5GiB', 1.5 * 1024 ** 3],
    [2048, 2048],
    ['12', 12],
    ['lots', 7],
    ['5 parsecs', 7],
  ])('%s → %s', (value, bytes) => {
    expect(parseSize(value, 7)).toBe(bytes);
  });
});
