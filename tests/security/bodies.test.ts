// Bodies and query strings at the gateway (F9, F15) and pgcrypto kept out of the API (F6.2, F14).
import { describe, expect, it } from 'vitest';
import { adminSql, anonClient, stackInfo } from '../support/clients.ts';
import { chunkedPost as sendChunked } from '../support/chunked-post.ts';
import { fetchFrom } from '../support/loopback-address.ts';

const stack = stackInfo();
const MB = 1024 * 1024;

/** A JSON string that never ends: nothing can answer before reading it all, except a limit. */
const chunkedPost = (path: string, total: number, headers: Record<string, string> = {}) =>
  sendChunked(new URL(path, stack.apiUrl).toString(), total, { apikey: stack.anonKey, ...headers }, '{"note": "');

describe('request bodies at the gateway (F9)', () => {
  it('refuses a REST body over 1 MB by its Content-Length: 413 with a JSON message', async () => {
    const response = await fetch(`${stack.apiUrl}/rest/v1/orders`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ drink_id: 'x'.repeat(MB) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ message: 'Request size limit exceeded' });
  });

  it('closes the connection of an answer given before the body was read, and says so', async () => {
    // The gateway closes such a connection once the client is done sending; a client that put it back in its
    // keep-alive pool would send its next request into a reset (seen as "fetch failed" / ECONNRESET).
    const response = await fetch(`${stack.apiUrl}/rest/v1/orders`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ drink_id: 'x'.repeat(2 * MB) }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    await response.body?.cancel();
    // An answer after the whole body was read keeps the connection.
    const small = await fetch(`${stack.apiUrl}/rest/v1/drinks?select=id&limit=1`, { headers: { apikey: stack.anonKey } });
    expect(small.status).toBe(200);
    expect(small.headers.get('connection')).not.toBe('close');
  });

  it('refuses a chunked body once it passes 1 MB (REST, Auth, Realtime)', async () => {
    const statuses = {
      rest: await chunkedPost('/rest/v1/orders', 3 * MB, { 'content-type': 'application/json' }),
      auth: await chunkedPost('/auth/v1/token?grant_type=password', 3 * MB),
      realtime: await chunkedPost('/realtime/v1/api/broadcast', 3 * MB),
    };
    expect(statuses).toEqual({ rest: 413, auth: 413, realtime: 413 });
  });

  it('lets Storage uploads through up to [storage] file_size_limit (10 MiB), not further', async () => {
    // A connection of its own per upload, so the rest of a refused body delays nothing else.
    const upload = (bytes: number) =>
      fetchFrom('127.0.0.1')(`${stack.apiUrl}/storage/v1/object/drink-images/limits-test.webp`, {
        method: 'POST',
        headers: { apikey: stack.anonKey, 'content-type': 'image/webp' },
        body: Buffer.alloc(bytes),
      });
    expect((await upload(2 * MB)).status).not.toBe(413); // reaches the Storage service, which answers for itself
    expect((await upload(11 * MB)).status).toBe(413);
  });
});

describe('the apikey as a query parameter (F15)', () => {
  it('is accepted and never reaches PostgREST as a filter', async () => {
    const response = await fetch(`${stack.apiUrl}/rest/v1/drinks?select=name&limit=1&apikey=${stack.anonKey}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([{ name: expect.any(String) }]);
  });
});

describe('pgcrypto lives in schema extensions (F6.2, F14)', () => {
  it('is not exposed by PostgREST: rpc/dearmor is a 404, not a 500', async () => {
    const { error, status } = await anonClient().rpc('dearmor', { '': 'bf' } as never);
    expect(status).toBe(404);
    expect(error?.code).toBe('PGRST202');
    const raw = await fetch(`${stack.apiUrl}/rest/v1/rpc/pgp_armor_headers`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, 'content-type': 'text/plain' },
      body: 'bf',
    });
    expect(raw.status).toBeLessThan(500);
  });

  it('keeps working for SQL, qualified and unqualified (as migrations call it)', async () => {
    const sql = adminSql();
    try {
      const [{ schema }] = await sql`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pgcrypto'`;
      expect(schema).toBe('extensions');
      const [{ qualified, unqualified }] = await sql`select length(extensions.gen_random_bytes(8)) as qualified, length(gen_random_bytes(8)) as unqualified`;
      expect([qualified, unqualified]).toEqual([8, 8]);
    } finally {
      await sql.end();
    }
  });
});
