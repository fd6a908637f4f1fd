// The short typed form of an invite code (CONTRACT §3: "code uuid, or its short typed form"): generated for
// every code, accepted by register in any spelling people type, one use each like the UUID, and an unknown
// short code gets the same 403 as any other code that does not work.
import { afterAll, describe, expect, it } from 'vitest';
import { adminSql } from '../support/clients.ts';
import { createCode, register } from '../support/guests.ts';

describe('short invite codes', () => {
  const sql = adminSql();
  afterAll(() => sql.end());

  const shortOf = async (code: string) => (await sql`select short_code from public.registration_codes where code = ${code}`)[0].short_code as string;

  it('every code has one: 10 characters of Crockford base32, distinct', async () => {
    const codes = await Promise.all(Array.from({ length: 20 }, () => createCode({})));
    const shorts = await Promise.all(codes.map(shortOf));
    for (const short of shorts) expect(short).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(new Set(shorts).size).toBe(20);
  });

  it('register takes it grouped, in lower case, with look-alikes, and counts its uses', async () => {
    const code = await createCode({ maxUses: 2 });
    const short = await shortOf(code);
    const typed = `${short.slice(0, 4)}-${short.slice(4, 8)}-${short.slice(8)}`.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    const first = await register(typed, { username: 'Typed' });
    expect(first.status).toBe(201);
    expect((await register(` ${short} `, { username: 'Typed too' })).status).toBe(201);
    expect((await register(short, { username: 'One too many' })).status).toBe(403);
    expect((await sql`select use_count from public.registration_codes where code = ${code}`)[0].use_count).toBe(2);
  });

  it('an unknown or malformed short code is the same 403 as an expired code', async () => {
    const expired = await register(await shortOf(await createCode({ expired: true })), { username: 'Late' });
    const unknown = await register('ZZZZ-ZZZZ-ZZ', { username: 'Guess' });
    const malformed = await register('ZZZZ-ZZZZ', { username: 'Guess' });
    for (const answer of [expired, unknown, malformed]) {
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual(expired.body);
    }
  });

  it('hosts cannot choose a short code', async () => {
    const [{ short_code }] =
      await sql`insert into public.registration_codes (expires_at, max_uses) values (now() + interval '2 hours', 1) returning short_code`;
    expect(short_code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    const grants =
      await sql`select privilege_type from information_schema.column_privileges where table_name = 'registration_codes' and column_name = 'short_code' and grantee = 'authenticated'`;
    expect(grants.map((row) => row.privilege_type)).not.toContain('INSERT');
    expect(grants.map((row) => row.privilege_type)).not.toContain('UPDATE');
  });
});
