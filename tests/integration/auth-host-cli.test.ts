// `npx barkeep host add` against the running stack: the account signs in through Auth and is a host.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stackInfo } from '../support/clients.ts';
import { authClient, signIn } from '../support/hosts.ts';
import { PROJECT_ROOT } from '../support/stack-process.ts';

const run = promisify(execFile);

async function hostAdd(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(PROJECT_ROOT, 'bin', 'barkeep.js'), 'host', 'add', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, BARKEEP_DATA_DIR: stackInfo().dataDir },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('barkeep host add', () => {
  it('creates a host account that signs in and is a host; never echoes the password', async () => {
    const email = `cli-${randomUUID()}@barkeep.test`;
    const password = `pw-${randomUUID()}`;
    const result = await hostAdd('--email', email, '--password', password);
    expect(result.code).toBe(0);
    expect(result.output).toContain(`Host account created for ${email}`);
    expect(result.output).toContain('/host/login');
    expect(result.output).not.toContain(password);

    const { client } = await signIn({ email, password });
    expect((await client.rpc('is_host')).data).toBe(true);
  });

  it('run again for the same email, it resets the password and ends the old sign-ins', async () => {
    const email = `cli-${randomUUID()}@barkeep.test`;
    expect((await hostAdd('--email', email, '--password', 'first-password')).code).toBe(0);
    const { session } = await signIn({ email, password: 'first-password' });

    const again = await hostAdd('--email', email.toUpperCase(), '--password', 'second-password');
    expect(again.code).toBe(0);
    expect(again.output).toContain(`Password of ${email} reset`);
    expect((await authClient().auth.signInWithPassword({ email, password: 'first-password' })).error?.code).toBe('invalid_credentials');
    const { client } = await signIn({ email, password: 'second-password' });
    expect((await client.rpc('is_host')).data).toBe(true);
    expect((await authClient().auth.getUser(session.access_token)).error?.name).toBe('AuthSessionMissingError');
  });

  it('refuses a bad email or a short password with a message and exit code 1', async () => {
    const badEmail = await hostAdd('--email', 'not-an-email', '--password', 'long-enough');
    expect(badEmail).toMatchObject({ code: 1, output: expect.stringContaining('is not an email address') });
    const short = await hostAdd('--email', `cli-${randomUUID()}@barkeep.test`, '--password', '12345');
    expect(short).toMatchObject({ code: 1, output: expect.stringContaining('at least 6 characters') });
    const missing = await hostAdd('--email', `cli-${randomUUID()}@barkeep.test`);
    expect(missing).toMatchObject({ code: 1, output: expect.stringContaining('--password is required') });
  });
});
