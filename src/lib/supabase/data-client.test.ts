import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_INFO } from './data-client';

const manifest = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));

describe('the guest data client', () => {
  it('uses the very postgrest-js, realtime-js and functions-js supabase-js pins (one copy each, the same wire behaviour)', () => {
    const pinned = manifest('../../../node_modules/@supabase/supabase-js/package.json').dependencies;
    const ours = manifest('../../../package.json').dependencies;
    for (const name of ['@supabase/postgrest-js', '@supabase/realtime-js', '@supabase/functions-js']) {
      expect(ours[name], name).toBe(pinned[name]);
      expect(manifest(`../../../node_modules/${name}/package.json`).version, name).toBe(pinned[name]);
    }
  });

  it('identifies itself as supabase-js does in a browser', async () => {
    // supabase-js computes its X-Client-Info when loaded, from the globals it sees: a browser has a document.
    const globals = globalThis as { document?: unknown };
    globals.document = {};
    try {
      const { createClient } = await import('@supabase/supabase-js');
      const client = createClient('http://127.0.0.1:1', 'key', { accessToken: async () => null, realtime: { transport: class {} as never } });
      expect((client as unknown as { headers: Record<string, string> }).headers['X-Client-Info']).toBe(CLIENT_INFO);
    } finally {
      delete globals.document;
    }
  });
});
