// POST /functions/v1/register through the gateway (CONTRACT §3): one atomic redeem, one 403 for every bad
// code, 400 for every malformed request, and nothing stored when refused.
import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { anonClient, stackInfo, stackKeys } from '../support/clients.ts';
import { createCode, register, storedFor } from '../support/guests.ts';

describe('guest registration', () => {
  it('registers a guest: 201 with the user, an RS256 access token with kid, a refresh token and expires_at', async () => {
    const code = await createCode({ maxUses: 5 });
    const { status, body } = await register(code, { username: '  Sam  ' });
    expect(status).toBe(201);
    expect(body).toEqual({
      user: { user_key: expect.stringMatching(/^[0-9a-f-]{36}$/), username: 'Sam' },
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_at: expect.any(Number),
    });
    const keys = await stackKeys();
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: 'RS256', kid: keys.guestKey.kid });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({
      sub: body.user.user_key,
      user_key: body.user.user_key,
      username: 'Sam',
      role: 'authenticated',
      aud: 'authenticated',
      token_type: 'access',
      is_guest: true,
      iss: expect.stringMatching(/\/auth\/v1$/),
    });
    expect(claims.exp! - claims.iat!).toBe(4 * 3600);
    expect(body.expires_at).toBe(claims.exp);
    expect(await storedFor(code)).toEqual({ guests: 1, tokens: 1, use_count: 1 });
  });

  it('works through supabase.functions.invoke, and two guests may share a name', async () => {
    const code = await createCode();
    const invoke = () => anonClient().functions.invoke('register', { body: { username: 'Alex' }, headers: { 'X-Registration-Code': code } });
    const [first, second] = await Promise.all([invoke(), invoke()]);
    expect(first.error).toBeNull();
    expect(second.error).toBeNull();
    expect(first.data.user.username).toBe('Alex');
    expect(second.data.user.username).toBe('Alex');
    expect(first.data.user.user_key).not.toBe(second.data.user.user_key);
  });

  it('200 concurrent registrations against max_uses 25 create exactly 25 guests', async () => {
    const code = await createCode({ maxUses: 25 });
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => register(code, { username: `Rush ${i}` })));
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(25);
    expect(statuses.filter((status) => status === 403)).toHaveLength(175);
    expect(await storedFor(code)).toEqual({ guests: 25, tokens: 25, use_count: 25 });
  });

  it('expired, exhausted, revoked, unknown and malformed codes all get the same 403, and nothing is stored', async () => {
    const exhausted = await createCode({ maxUses: 1 });
    expect((await register(exhausted, { username: 'First' })).status).toBe(201);
    const codes = {
      expired: await createCode({ expired: true }),
      exhausted,
      revoked: await createCode({ revoked: true }),
      unknown: randomUUID(),
      malformed: 'not-a-code',
    };
    const answers = [];
    for (const [kind, code] of Object.entries(codes)) {
      const username = `Nobody ${kind}`;
      const { status, body, headers } = await register(code, { username });
      answers.push({ status, body, contentType: headers.get('content-type') });
      const uuidCode = kind === 'malformed' ? null : code;
      expect(await storedFor(uuidCode, username), kind).toMatchObject({ guests: kind === 'exhausted' ? 1 : 0 });
    }
    expect(answers[0]).toEqual({
      status: 403,
      body: { error: { code: 'invalid_code', message: expect.any(String) } },
      contentType: expect.stringContaining('application/json'),
    });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect((await storedFor(exhausted)).use_count).toBe(1);
  });

  it.each([
    ['too short', 'S'],
    ['only spaces', '    '],
    ['empty', ''],
    ['too long', 'x'.repeat(51)],
    ['a control character', 'Sam\u0000'],
    ['a newline', 'Sam\nSmith'],
    ['markup', '<b>Sam</b>'],
    ['an emoji', 'Sam 🍸'],
    ['a zero-width space', 'Sa\u200bm'],
    ['Hangul fillers', '\u3164\u3164'],
    ['a filler beside one letter', 'A\u115f'],
    ['punctuation only', '..'],
    ['a stack of combining marks', `Z${'\u0336'.repeat(8)}algo`],
    ['a right-to-left override', 'Sam\u202e'],
    ['a number', 42],
    ['null', null],
    ['an object', { first: 'Sam' }],
  ])('a username that is %s is refused with 400 invalid_username, nothing stored', async (_name, username) => {
    const code = await createCode();
    const { status, body } = await register(code, { username });
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'invalid_username', message: expect.any(String), reason: expect.any(String) });
    expect(await storedFor(code)).toEqual({ guests: 0, tokens: 0, use_count: 0 });
  });

  it('a name with an emoji is told that emoji are not allowed (B21)', async () => {
    const { status, body } = await register(await createCode(), { username: 'Zoë 🍹' });
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'invalid_username', reason: 'emoji', message: expect.stringMatching(/^Emoji can't be part of a name/) });
  });

  it.each([
    ['no body', ''],
    ['not JSON', 'username=Sam'],
    ['a JSON array', '["Sam"]'],
    ['a JSON string', '"Sam"'],
    ['JSON null', 'null'],
    ['a huge body', JSON.stringify({ username: 'Sam', padding: 'x'.repeat(10_000) })],
  ])('a body that is %s is refused with 400 invalid_request, nothing stored', async (_name, body) => {
    const code = await createCode();
    const result = await register(code, body);
    expect(result.status).toBe(400);
    expect(result.body.error?.code).toBe('invalid_request');
    expect(await storedFor(code)).toEqual({ guests: 0, tokens: 0, use_count: 0 });
  });

  it('a missing X-Registration-Code header is a 400', async () => {
    const { status, body } = await register(undefined, { username: 'Sam' });
    expect(status).toBe(400);
    expect(body.error?.code).toBe('missing_code');
  });

  it('answers its CORS preflight (allowing X-Registration-Code) and refuses other methods', async () => {
    const stack = stackInfo();
    const preflight = await fetch(`${stack.apiUrl}/functions/v1/register`, {
      method: 'OPTIONS',
      headers: { origin: 'http://192.168.1.20:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-registration-code' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-registration-code');
    const get = await fetch(`${stack.apiUrl}/functions/v1/register`, { headers: { apikey: stack.anonKey } });
    expect(get.status).toBe(405);
    expect((await get.json()).error.code).toBe('method_not_allowed');
  });
});
