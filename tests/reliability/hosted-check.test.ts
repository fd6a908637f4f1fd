// `barkeep check`, the hosted party's smoke test, run against real local stacks exactly as a host runs it against
// hosted Supabase: it passes on a healthy party and cleans up after itself, and when something is wrong it says what.
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql } from '../support/clients.ts';
import { createAccount } from '../support/hosts.ts';
import { runBarkeep } from '../support/barkeep-cli.ts';
import { copyProjectWithSecrets } from '../support/project-copy.ts';
import { makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

const STEPS = [
  'project reachable, anon key accepted',
  'the bar is open and has a drink on the menu',
  'create a one-use invite code',
  'register a throw-away guest (Edge Function register)',
  'guest joins its live channel',
  'guest orders a',
  'host starts the order',
  'guest sees it live (ORDER_STATUS_CHANGED)',
  'guest signs out (Edge Function logout)',
];

async function leftovers(stack: StackProcess) {
  const sql = adminSql(stack);
  try {
    const guests = await sql<{ is_active: boolean; orders: string[] }[]>`
      select g.is_active, array(select o.status from public.orders o where o.user_key = g.user_key) as orders
        from public.guests g where g.username = 'Barkeep check'`;
    const codes = await sql<{ revoked: boolean; use_count: number }[]>`
      select revoked_at is not null as revoked, use_count from public.registration_codes where notes like 'barkeep check %'`;
    return { guests, codes };
  } finally {
    await sql.end();
  }
}

describe('barkeep check against a healthy party', () => {
  let dataDir: string;
  let stack: StackProcess;
  beforeAll(async () => {
    dataDir = await makeDataDir();
    stack = await startStackProcess({ dataDir });
  });
  afterAll(async () => {
    await stack?.stop();
    if (dataDir) await removeDataDir(dataDir);
  });

  it('with the service role key: every step passes with its time, and nothing it made is left', async () => {
    const result = await runBarkeep(['check', '--url', stack.apiUrl, '--anon-key', stack.anonKey, '--service-role-key', stack.serviceRoleKey]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    for (const step of [...STEPS, 'service role key accepted', 'push dispatcher runs', 'delete the test guest and its order', 'delete the invite code']) {
      expect(result.stdout).toMatch(new RegExp(`✓ ${step.replace(/[()]/g, '\\$&')}.* \\d+ ms`));
    }
    expect(result.stdout).toMatch(/\d+ ms after the host's update was sent/);
    expect(result.stdout).toMatch(/All 13 steps passed in \d+\.\d s\./);
    expect(await leftovers(stack)).toEqual({ guests: [], codes: [] });
  });

  it('as a host signed in with e-mail and password: cancels the order, deactivates the guest, revokes the code', async () => {
    const account = await createAccount({ host: true, stack });
    const result = await runBarkeep(['check', '--url', stack.apiUrl, '--anon-key', stack.anonKey, '--email', account.email, '--password', account.password]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`✓ host signs in (${account.email})`);
    expect(result.stdout).toContain('✓ revoke the invite code');
    expect(result.stdout).toContain('Use --service-role-key to delete it.');
    expect(await leftovers(stack)).toEqual({ guests: [{ is_active: false, orders: ['cancelled'] }], codes: [{ revoked: true, use_count: 1 }] });
  });

  it('a closed bar fails before anything is created, and says how to open it', async () => {
    const sql = adminSql(stack);
    await sql`update public.bar_settings set is_open = false`;
    try {
      const before = await leftovers(stack);
      const result = await runBarkeep(['check', '--url', stack.apiUrl, '--anon-key', stack.anonKey, '--service-role-key', stack.serviceRoleKey]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('✗ the bar is open and has a drink on the menu');
      expect(result.stdout).toContain('The bar is closed, so a test guest cannot order. Open it');
      expect(result.stdout).toMatch(/Check failed \(the bar is open/);
      expect(await leftovers(stack)).toEqual(before);
    } finally {
      await sql`update public.bar_settings set is_open = true`;
      await sql.end();
    }
  });

  it('wrong keys and a wrong host password fail at their step with what to do', async () => {
    const wrongAnon = await runBarkeep(['check', '--url', stack.apiUrl, '--anon-key', 'not-a-key', '--service-role-key', stack.serviceRoleKey]);
    expect(wrongAnon.code).toBe(1);
    expect(wrongAnon.stdout).toContain('The anon key was refused');

    const wrongPassword = await runBarkeep([
      'check',
      '--url',
      stack.apiUrl,
      '--anon-key',
      stack.anonKey,
      '--email',
      'nobody@barkeep.test',
      '--password',
      'wrong-password',
    ]);
    expect(wrongPassword.code).toBe(1);
    expect(wrongPassword.stdout).toContain('Sign-in failed: Invalid login credentials');

    const usage = await runBarkeep(['check', '--url', stack.apiUrl, '--anon-key', stack.anonKey]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Act as the host with --service-role-key KEY, or with --email E --password P');
  });
});

describe('barkeep check when the API does not trust the guest key (the key was not imported)', () => {
  let dataDir: string;
  let stack: StackProcess;
  let project: Awaited<ReturnType<typeof copyProjectWithSecrets>>;
  beforeAll(async () => {
    // The functions sign with a key no service trusts: what a hosted project does before the import.
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const untrusted = { ...(await exportJWK(privateKey)), kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' };
    project = await copyProjectWithSecrets({ GUEST_JWT_PRIVATE_JWK: `'${JSON.stringify(untrusted)}'` });
    dataDir = await makeDataDir();
    stack = await startStackProcess({ dataDir, env: { BARKEEP_SUPABASE_DIR: project.supabaseDir } });
  });
  afterAll(async () => {
    await stack?.stop();
    if (dataDir) await removeDataDir(dataDir);
    await project?.remove();
  });

  it('registration works, joining the channel fails with the import hint, and it still cleans up', async () => {
    const result = await runBarkeep(['check', '--url', stack.apiUrl, '--anon-key', stack.anonKey, '--service-role-key', stack.serviceRoleKey]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✓ register a throw-away guest');
    expect(result.stdout).toMatch(/✗ guest joins its live channel/);
    expect(result.stdout).toContain('Is the guest key imported as a JWT signing key (docs/deploy.md)');
    expect(result.stdout).toContain('✓ delete the test guest and its order');
    expect(result.stdout).toContain('✓ delete the invite code');
    expect(await leftovers(stack)).toEqual({ guests: [], codes: [] });
  });
});

describe('barkeep check when the functions have no guest key (the secrets were not set)', () => {
  let dataDir: string;
  let stack: StackProcess;
  let project: Awaited<ReturnType<typeof copyProjectWithSecrets>>;
  beforeAll(async () => {
    project = await copyProjectWithSecrets({ GUEST_JWT_PRIVATE_JWK: '' });
    dataDir = await makeDataDir();
    stack = await startStackProcess({ dataDir, env: { BARKEEP_SUPABASE_DIR: project.supabaseDir } });
  });
  afterAll(async () => {
    await stack?.stop();
    if (dataDir) await removeDataDir(dataDir);
    await project?.remove();
  });

  it('registration fails with where to look and the likely secret, and the code is cleaned up', async () => {
    const result = await runBarkeep(['check', '--url', stack.apiUrl, '--anon-key', stack.anonKey, '--service-role-key', stack.serviceRoleKey]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ register a throw-away guest');
    expect(result.stdout).toContain('register answered 500');
    expect(result.stdout).toContain('most often the GUEST_JWT_PRIVATE_JWK secret is missing (docs/deploy.md, step 3)');
    expect(result.stdout).toContain('✓ delete the invite code');
    expect(await leftovers(stack)).toEqual({ guests: [], codes: [] });
  });
});
