// `barkeep host add --url … --service-role-key …`: the host account on a hosted project, through the Auth admin API
// and PostgREST. Run against the local stack, which speaks the same APIs.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminSql, stackInfo } from '../support/clients.ts';
import { authClient, signIn } from '../support/hosts.ts';
import { runBarkeep } from '../support/barkeep-cli.ts';

describe('barkeep host add on a hosted project', () => {
  it('creates a confirmed host account that can sign in and counts as host', async () => {
    const email = `remote-${randomUUID()}@barkeep.test`;
    const { apiUrl, serviceRoleKey } = stackInfo();
    const result = await runBarkeep(['host', 'add', '--email', email, '--password', 'first-password', '--url', apiUrl, '--service-role-key', serviceRoleKey]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Host account created for ${email} on ${apiUrl}.`);
    expect(result.stdout).not.toContain('first-password');

    const { client } = await signIn({ email, password: 'first-password' });
    expect((await client.rpc('is_host')).data).toBe(true);
  });

  it('run again: resets the password, ends the other sign-ins, stays one host', async () => {
    const email = `remote-${randomUUID()}@barkeep.test`;
    const { apiUrl, serviceRoleKey } = stackInfo();
    const add = (password: string) =>
      runBarkeep(['host', 'add', '--email', email, '--password', password, '--url', apiUrl, '--service-role-key', serviceRoleKey]);
    expect((await add('first-password')).code).toBe(0);
    const earlier = await signIn({ email, password: 'first-password' });

    const again = await add('second-password');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`Password of ${email} on ${apiUrl} reset; it is a host account. Its other sign-ins were ended.`);

    expect((await earlier.client.auth.refreshSession()).error?.code).toMatch(/refresh_token_(not_found|already_used)|session_not_found/);
    const old = await authClient().auth.signInWithPassword({ email, password: 'first-password' });
    expect(old.error?.code).toBe('invalid_credentials');
    const { client } = await signIn({ email, password: 'second-password' });
    expect((await client.rpc('is_host')).data).toBe(true);
    const sql = adminSql();
    try {
      const [{ count }] = await sql<
        { count: number }[]
      >`select count(*)::int from public.hosts h join auth.users u on u.id = h.user_id where u.email = ${email}`;
      expect(count).toBe(1);
    } finally {
      await sql.end();
    }
  });

  it('a wrong service role key or a missing one says what to use', async () => {
    const { apiUrl, anonKey } = stackInfo();
    const wrong = await runBarkeep(['host', 'add', '--email', 'x@barkeep.test', '--password', 'password1', '--url', apiUrl, '--service-role-key', anonKey]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('The service role key was refused');
    const missing = await runBarkeep(['host', 'add', '--email', 'x@barkeep.test', '--password', 'password1', '--url', apiUrl]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--service-role-key is required with --url');
  });
});
