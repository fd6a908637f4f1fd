// Anon, a guest-key user token and the service role each see exactly what RLS allows, through the gateway.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, anonClient, guestToken, reloadSchemaCache, serviceClient, tokenClient } from '../support/clients.ts';

const alice = randomUUID();
const bob = randomUUID();

describe('row-level security through PostgREST', () => {
  const sql = adminSql();

  beforeAll(async () => {
    await sql.unsafe(`
      create table if not exists public.rls_probe (
        id bigint generated always as identity primary key,
        owner uuid,
        body text not null,
        is_public boolean not null default false
      );
      alter table public.rls_probe enable row level security;
      create policy "public rows for everyone" on public.rls_probe for select to anon, authenticated using (is_public);
      create policy "own rows" on public.rls_probe for select to authenticated using (owner = (select auth.uid()));
      create policy "insert own rows" on public.rls_probe for insert to authenticated with check (owner = (select auth.uid()));
    `);
    await sql`insert into public.rls_probe (owner, body, is_public) values (null, 'menu', true), (${alice}, 'alice secret', false), (${bob}, 'bob secret', false)`;
    await reloadSchemaCache(sql, 'rls_probe');
  });

  afterAll(async () => {
    await sql`drop table if exists public.rls_probe`;
    await sql.end();
  });

  it('anon sees only public rows and cannot insert', async () => {
    const client = anonClient();
    const { data, error } = await client.from('rls_probe').select('body').order('id');
    expect(error).toBeNull();
    expect(data).toEqual([{ body: 'menu' }]);
    const insert = await client.from('rls_probe').insert({ body: 'spam', is_public: true });
    expect({ status: insert.status, code: insert.error?.code }).toEqual({ status: 401, code: '42501' });
  });

  it('a guest-key RS256 token sees public rows and only its own', async () => {
    const client = tokenClient(await guestToken(alice));
    const { data, error } = await client.from('rls_probe').select('body').order('id');
    expect(error).toBeNull();
    expect(data).toEqual([{ body: 'menu' }, { body: 'alice secret' }]);
  });

  it('a user may insert only rows it owns', async () => {
    const client = tokenClient(await guestToken(bob));
    expect((await client.from('rls_probe').insert({ owner: bob, body: 'bob again' })).error).toBeNull();
    const forged = await client.from('rls_probe').insert({ owner: alice, body: 'pretending to be alice' });
    expect(forged.error?.code).toBe('42501');
    expect(forged.status).toBe(403);
  });

  it('the service role bypasses RLS', async () => {
    const { data, error } = await serviceClient().from('rls_probe').select('body').order('id');
    expect(error).toBeNull();
    expect(data?.map((row) => row.body)).toEqual(expect.arrayContaining(['menu', 'alice secret', 'bob secret']));
  });
});
