// `npx barkeep code create` against the running stack (CONTRACT §1): JSON for scripts, QR for humans,
// and a code guests can redeem.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { adminSql, stackInfo } from '../support/clients.ts';
import { register } from '../support/guests.ts';
import { PROJECT_ROOT } from '../support/stack-process.ts';

const run = promisify(execFile);

async function barkeep(...args: string[]) {
  const stack = stackInfo();
  try {
    const { stdout, stderr } = await run(process.execPath, [join(PROJECT_ROOT, 'bin', 'barkeep.js'), ...args], {
      env: { ...process.env, BARKEEP_DATA_DIR: stack.dataDir, SUPABASE_PORT: new URL(stack.apiUrl).port, APP_PORT: '5999' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('barkeep code create', () => {
  it('--json prints exactly {code, short_code, url, expires_at, max_uses}, and guests can redeem either code', async () => {
    const before = Date.now();
    const { code, stdout } = await barkeep('code', 'create', '--max-uses', '12', '--expires-in', '4h', '--notes', 'Garden party', '--json');
    expect(code).toBe(0);
    const printed = JSON.parse(stdout);
    expect(Object.keys(printed).sort()).toEqual(['code', 'expires_at', 'max_uses', 'short_code', 'url']);
    expect(printed.short_code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
    expect(printed.max_uses).toBe(12);
    expect(printed.url).toMatch(new RegExp(`^http://[^/]+:5999/join\\?code=${printed.code}$`));
    const expiresIn = new Date(printed.expires_at).getTime() - before;
    expect(expiresIn).toBeGreaterThan(3.9 * 3600_000);
    expect(expiresIn).toBeLessThan(4.1 * 3600_000);

    const sql = adminSql();
    const [row] = await sql`select notes, use_count from public.registration_codes where code = ${printed.code}`;
    await sql.end();
    expect(row).toEqual({ notes: 'Garden party', use_count: 0 });
    expect((await register(printed.code, { username: 'From the CLI' })).status).toBe(201);
    expect((await register(printed.short_code, { username: 'Typed it' })).status).toBe(201);
  });

  it('without --json prints a terminal QR code, the code and the join URL', async () => {
    const { code, stdout } = await barkeep('code', 'create', '--max-uses', '3', '--expires-in', '90m');
    expect(code).toBe(0);
    expect(stdout).toMatch(/[▀▄█]/);
    expect(stdout).toMatch(/Invite code\s+[0-9a-f-]{36}/);
    expect(stdout).toMatch(/To type\s+[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}/);
    expect(stdout).toMatch(/Join URL\s+http:\/\/\S+\/join\?code=[0-9a-f-]{36}/);
  });

  it.each([
    [['--expires-in', '4h'], /--max-uses is required/],
    [['--max-uses', '501', '--expires-in', '4h'], /1 to 500/],
    [['--max-uses', '5', '--expires-in', '10m'], /1h to 7d/],
    [['--max-uses', '5', '--expires-in', 'soon'], /not a duration/],
  ])('refuses %j with a clear message and a non-zero exit', async (flags, message) => {
    const { code, stderr } = await barkeep('code', 'create', ...flags);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(message);
  });
});
