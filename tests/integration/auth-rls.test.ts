// A host's Supabase Auth session passes RLS as a host; a guest token, a signed-in non-host and anon do not.
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, anonClient, guestToken, tokenClient } from '../support/clients.ts';
import { createAccount, signIn, type TestAccount } from '../support/hosts.ts';

describe('host sessions and RLS', () => {
  const sql = adminSql();
  let host: TestAccount;
  let hostClient: SupabaseClient;
  let code: string;

  beforeAll(async () => {
    host = await createAccount({ host: true });
    ({ client: hostClient } = await signIn(host));
    [{ code }] = await sql<[{ code: string }]>`
      insert into public.registration_codes (created_by, expires_at, max_uses, notes)
      values (${host.id}, now() + interval '4 hours', 10, 'auth-rls test') returning code`;
  });

  afterAll(async () => {
    await sql`delete from public.registration_codes where code = ${code}`;
    await sql.end();
  });

  it('a signed-in host is a host: is_host() is true, hosts and invite codes are readable', async () => {
    expect(await hostClient.rpc('is_host')).toMatchObject({ data: true, error: null });
    const hosts = await hostClient.from('hosts').select('user_id');
    expect(hosts.error).toBeNull();
    expect(hosts.data!.map((row) => row.user_id)).toContain(host.id);
    const codes = await hostClient.from('registration_codes').select('code').eq('code', code);
    expect(codes.data).toEqual([{ code }]);
  });

  it('a host can create an invite code through the API', async () => {
    const { data, error } = await hostClient
      .from('registration_codes')
      .insert({ expires_at: new Date(Date.now() + 4 * 3600_000).toISOString(), max_uses: 2 })
      .select('code, created_by')
      .single();
    expect(error).toBeNull();
    expect(data!.created_by).toBe(host.id);
    await sql`delete from public.registration_codes where code = ${data!.code}`;
  });

  it('a guest token is never a host, not even one carrying the host user id', async () => {
    for (const sub of [randomUUID(), host.id]) {
      const guest = tokenClient(await guestToken(sub, { is_guest: true, user_key: sub, username: 'Sam', token_type: 'access' }));
      expect((await guest.rpc('is_host')).data).toBe(false);
      expect((await guest.from('hosts').select('user_id')).data).toEqual([]);
      expect((await guest.from('registration_codes').select('code')).data).toEqual([]);
      const insert = await guest.from('registration_codes').insert({ expires_at: new Date(Date.now() + 4 * 3600_000).toISOString(), max_uses: 2 });
      expect(insert.error?.code).toBe('42501');
    }
  });

  it('a signed-in user who is not a host sees nothing of the bar', async () => {
    const { client } = await signIn(await createAccount());
    expect((await client.rpc('is_host')).data).toBe(false);
    expect((await client.from('hosts').select('user_id')).data).toEqual([]);
    expect((await client.from('registration_codes').select('code')).data).toEqual([]);
  });

  it('anon sees nothing and is not a host', async () => {
    const anon = anonClient();
    expect((await anon.rpc('is_host')).data).toBe(false);
    expect((await anon.from('hosts').select('user_id')).data).toEqual([]);
    expect((await anon.from('registration_codes').select('code')).data).toEqual([]);
  });

  it('a host whose session was signed out loses host access', async () => {
    const { client, session } = await signIn(host);
    await client.auth.signOut({ scope: 'local' });
    // The access token itself stays valid until it expires (as on hosted Supabase); the app validates the session
    // with getUser(), which now fails.
    const { error } = await anonClient().auth.getUser(session.access_token);
    expect(error?.name).toBe('AuthSessionMissingError');
  });
});
