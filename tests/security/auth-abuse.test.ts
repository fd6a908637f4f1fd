// Sign-in abuse (F2, F7) and hostile Auth input (F6.1, F9): a per-address limit counted before any password is
// hashed, an address nobody can fake from this machine, and 4xx — never 5xx — for bodies PostgreSQL cannot store.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serviceClient, stackInfo } from '../support/clients.ts';
import { authClient, createAccount, signIn } from '../support/hosts.ts';
import { fetchFrom, randomLoopbackAddress } from '../support/loopback-address.ts';

const stack = stackInfo();

function signInRequest(from: typeof fetch, body: string, headers: Record<string, string> = {}) {
  return from(`${stack.apiUrl}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { apikey: stack.anonKey, 'content-type': 'application/json', 'x-supabase-api-version': '2024-01-01', ...headers },
    body,
  });
}

describe('sign-ins per client address (F2)', () => {
  it('allows 30 sign-ins per 5 minutes from one address, then 429 — counted before the body is even read', async () => {
    const from = fetchFrom(randomLoopbackAddress());
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        signInRequest(from, JSON.stringify({ email: `nobody-${randomUUID()}@barkeep.test`, password: 'guess' })).then((response) => response.status),
      ),
    );
    expect(answers).toEqual(Array(30).fill(400));

    const limited = await signInRequest(from, JSON.stringify({ email: `nobody-${randomUUID()}@barkeep.test`, password: 'guess' }));
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ code: 'over_request_rate_limit', message: 'Request rate limit reached' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Not parsed, not hashed: even a broken body is refused by the limit first.
    expect((await signInRequest(from, '{"email":')).status).toBe(429);

    const elsewhere = await signInRequest(
      fetchFrom(randomLoopbackAddress()),
      JSON.stringify({ email: `nobody-${randomUUID()}@barkeep.test`, password: 'guess' }),
    );
    expect(elsewhere.status).toBe(400);
  });
});

describe('the forwarded address (F7)', () => {
  it('is never taken from X-Forwarded-For written by a local process: failures still count for the real peer', async () => {
    const account = await createAccount();
    const from = fetchFrom(randomLoopbackAddress());
    for (let attempt = 0; attempt < 10; attempt++) {
      const claimed = { 'x-forwarded-for': `10.${attempt}.0.1` };
      const response = await signInRequest(from, JSON.stringify({ email: account.email, password: `wrong-${attempt}` }), claimed);
      expect(response.status).toBe(400);
    }
    // With the claims believed, each attempt would have come from another "device" and this would succeed.
    const right = await signInRequest(from, JSON.stringify({ email: account.email, password: account.password }), { 'x-forwarded-for': '10.99.0.1' });
    expect(right.status).toBe(429);
  });
});

describe('hostile Auth bodies (F6.1, F9)', () => {
  it('a NUL character in the e-mail is a 400 validation_failed, not a 500', async () => {
    const response = await signInRequest(fetchFrom(), JSON.stringify({ email: 'a\u0000b@example.com', password: 'whatever' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('NUL characters anywhere else (admin create, user metadata) are 400s too', async () => {
    const { error } = await serviceClient().auth.admin.createUser({
      email: `host-${randomUUID()}@barkeep.test`,
      password: 'secret-1',
      user_metadata: { name: 'x\u0000y' },
    });
    expect({ status: error?.status, code: error?.code }).toEqual({ status: 400, code: 'validation_failed' });
    const account = await createAccount();
    const { client } = await signIn(account);
    const update = await client.auth.updateUser({ data: { nickname: 'x\u0000' } });
    expect({ status: update.error?.status, code: update.error?.code }).toEqual({ status: 400, code: 'validation_failed' });
  });

  it('a body larger than any Auth request needs is refused with 413 before it is parsed', async () => {
    const response = await signInRequest(fetchFrom(), JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(100 * 1024) }));
    expect(response.status).toBe(413);
  });

  it('a signed-in host is not affected by someone else hammering from another address', async () => {
    const account = await createAccount();
    await expect(signIn(account)).resolves.toMatchObject({ session: expect.any(Object) });
    const { error } = await authClient().auth.signInWithPassword(account);
    expect(error).toBeNull();
  });
});
