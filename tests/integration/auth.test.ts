// The embedded Supabase Auth service driven by the real supabase-js / auth-js: sign-in, errors, refresh rotation
// and reuse detection, the user endpoints, sign-out scopes, the admin API and expired tokens.
import { randomUUID } from 'node:crypto';
import { AuthApiError, AuthSessionMissingError, AuthWeakPasswordError, isAuthApiError } from '@supabase/supabase-js';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { signWithKey } from '../../supabase/local/shared/keys.ts';
import { adminSql, anonClient, serviceClient, stackInfo, stackKeys } from '../support/clients.ts';
import { authClient, createAccount, signIn } from '../support/hosts.ts';
import { fetchFrom, randomLoopbackAddress } from '../support/loopback-address.ts';

const stack = stackInfo();
const sql = adminSql();
afterAll(() => sql.end());

/** GET /auth/v1/user with a raw access token, as auth-js sends it. */
function fetchUser(accessToken: string) {
  return fetch(`${stack.apiUrl}/auth/v1/user`, {
    headers: { apikey: stack.anonKey, authorization: `Bearer ${accessToken}`, 'x-supabase-api-version': '2024-01-01' },
  });
}

describe('password sign-in', () => {
  it('returns a session whose access token carries Supabase claims, signed with the stack key', async () => {
    const account = await createAccount();
    const { session } = await signIn(account);
    expect(session).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      user: { id: account.id, email: account.email, aud: 'authenticated', role: 'authenticated' },
    });
    expect(session.refresh_token).toEqual(expect.any(String));
    expect(session.expires_at).toBeGreaterThan(Date.now() / 1000 + 3500);

    const keys = await stackKeys();
    expect(decodeProtectedHeader(session.access_token)).toMatchObject({ alg: 'ES256', kid: keys.signingKey.kid, typ: 'JWT' });
    const claims = decodeJwt(session.access_token);
    expect(claims).toMatchObject({
      iss: `${stack.apiUrl}/auth/v1`,
      sub: account.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: account.email,
      session_id: expect.any(String),
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      aal: 'aal1',
      amr: [{ method: 'password', timestamp: expect.any(Number) }],
      is_anonymous: false,
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it('refuses a wrong password and an unknown email alike: 400 invalid_credentials', async () => {
    const account = await createAccount();
    for (const credentials of [
      { email: account.email, password: 'not-the-password' },
      { email: `nobody-${randomUUID()}@barkeep.test`, password: account.password },
    ]) {
      const { data, error } = await authClient().auth.signInWithPassword(credentials);
      expect(data.session).toBeNull();
      expect(error).toBeInstanceOf(AuthApiError);
      expect({ status: error?.status, code: error?.code, message: error?.message }).toEqual({
        status: 400,
        code: 'invalid_credentials',
        message: 'Invalid login credentials',
      });
    }
  });

  it('treats the email case-insensitively', async () => {
    const account = await createAccount();
    const { session } = await signIn({ email: account.email.toUpperCase(), password: account.password });
    expect(session.user.id).toBe(account.id);
  });

  it('rate limits repeated failures for one email: 429 over_request_rate_limit, even with the right password', async () => {
    const account = await createAccount();
    const address = randomLoopbackAddress();
    const client = authClient(stack, address);
    for (let attempt = 0; attempt < 10; attempt++) {
      const { error } = await client.auth.signInWithPassword({ email: account.email, password: `wrong-${attempt}` });
      expect(error?.code).toBe('invalid_credentials');
    }
    const { error } = await client.auth.signInWithPassword(account);
    expect({ status: error?.status, code: error?.code }).toEqual({ status: 429, code: 'over_request_rate_limit' });

    const raw = await fetchFrom(address)(`${stack.apiUrl}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.email, password: account.password }),
    });
    expect(raw.status).toBe(429);
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same address is not affected.
    const other = await createAccount();
    const { error: otherError } = await authClient(stack, address).auth.signInWithPassword(other);
    expect(otherError).toBeNull();
  });

  it('answers the initial error shape to clients that send no API version', async () => {
    const response = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email: `nobody-${randomUUID()}@barkeep.test`, password: 'whatever' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
  });

  it('refuses bad JSON with 400 bad_json, never a 5xx', async () => {
    const response = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, 'content-type': 'application/json', 'x-supabase-api-version': '2024-01-01' },
      body: '{"email": ',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(await response.json()).toMatchObject({ code: 'bad_json' });
  });

  it('has sign-ups disabled: 422 signup_disabled', async () => {
    const { error } = await authClient().auth.signUp({ email: `new-${randomUUID()}@barkeep.test`, password: 'long-enough' });
    expect({ status: error?.status, code: error?.code }).toEqual({ status: 422, code: 'signup_disabled' });
  });
});

describe('refresh tokens', () => {
  it('rotate: a refresh returns a new access and refresh token for the same session', async () => {
    const account = await createAccount();
    const { client, session } = await signIn(account);
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session!.refresh_token).not.toBe(session.refresh_token);
    expect(decodeJwt(data.session!.access_token).session_id).toBe(decodeJwt(session.access_token).session_id);
    const { data: user } = await client.auth.getUser();
    expect(user.user?.id).toBe(account.id);
  });

  it('a rotated token presented again within the reuse interval returns the active child, not a new one', async () => {
    const account = await createAccount();
    const { session } = await signIn(account);
    const first = await authClient().auth.refreshSession({ refresh_token: session.refresh_token });
    const again = await authClient().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(again.error).toBeNull();
    expect(again.data.session!.refresh_token).toBe(first.data.session!.refresh_token);
  });

  it('a rotated token presented after the reuse interval revokes the whole session: refresh_token_already_used', async () => {
    const account = await createAccount();
    const { session } = await signIn(account);
    const child = await authClient().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(child.error).toBeNull();
    // Age the rotation past refresh_token_reuse_interval (10 s in supabase/config.toml) instead of sleeping.
    const sessionId = decodeJwt(session.access_token).session_id as string;
    await sql`update auth.refresh_tokens set updated_at = updated_at - interval '11 seconds' where session_id = ${sessionId} and revoked`;

    const reuse = await authClient().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(reuse.error).toBeInstanceOf(AuthApiError);
    expect({ status: reuse.error?.status, code: reuse.error?.code }).toEqual({ status: 400, code: 'refresh_token_already_used' });

    // The thief's child token and the session's access token are dead too.
    const childAgain = await authClient().auth.refreshSession({ refresh_token: child.data.session!.refresh_token });
    expect(childAgain.error?.code).toBe('refresh_token_not_found');
    const user = await fetchUser(child.data.session!.access_token);
    expect(user.status).toBe(403);
    expect(await user.json()).toMatchObject({ code: 'session_not_found' });
  });

  it('two tabs refreshing the same token at once both get the same child', async () => {
    const account = await createAccount();
    const { session } = await signIn(account);
    const results = await Promise.all([1, 2, 3].map(() => authClient().auth.refreshSession({ refresh_token: session.refresh_token })));
    for (const result of results) expect(result.error).toBeNull();
    expect(new Set(results.map((result) => result.data.session!.refresh_token)).size).toBe(1);
  });

  it('an unknown refresh token: 400 refresh_token_not_found', async () => {
    const { error } = await authClient().auth.refreshSession({ refresh_token: 'not-a-real-token' });
    expect({ status: error?.status, code: error?.code }).toEqual({ status: 400, code: 'refresh_token_not_found' });
  });
});

describe('the signed-in user', () => {
  it('getUser validates the token with the server and returns the user', async () => {
    const account = await createAccount();
    const { client, session } = await signIn(account);
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id: account.id, email: account.email, identities: [expect.objectContaining({ provider: 'email' })] });
    const other = await authClient().auth.getUser(session.access_token);
    expect(other.data.user?.id).toBe(account.id);
  });

  it('an expired access token is refused: 403 bad_jwt at Auth, 401 at the REST API', async () => {
    const account = await createAccount();
    const { session } = await signIn(account);
    const keys = await stackKeys();
    const expired = await signWithKey({ ...decodeJwt(session.access_token), iat: undefined, exp: undefined }, keys.signingKey, -60);
    const { data, error } = await authClient().auth.getUser(expired);
    expect(data.user).toBeNull();
    expect(isAuthApiError(error)).toBe(true);
    expect({ status: error?.status, code: error?.code }).toEqual({ status: 403, code: 'bad_jwt' });
    const rest = await fetch(`${stack.apiUrl}/rest/v1/hosts?select=user_id`, { headers: { apikey: stack.anonKey, authorization: `Bearer ${expired}` } });
    expect(rest.status).toBe(401);
  });

  it('getUser without a token: 401 no_authorization; with the anon key: 403 bad_jwt (no sub)', async () => {
    const none = await fetch(`${stack.apiUrl}/auth/v1/user`, { headers: { apikey: stack.anonKey, 'x-supabase-api-version': '2024-01-01' } });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'no_authorization' });
    const anon = await fetchUser(stack.anonKey);
    expect(anon.status).toBe(403);
    expect(await anon.json()).toMatchObject({ code: 'bad_jwt' });
  });

  it('updateUser refuses a weak password with reasons, accepts a good one and ends the other sessions', async () => {
    const account = await createAccount();
    const { client } = await signIn(account);
    const { session: otherDevice } = await signIn(account);

    const weak = await client.auth.updateUser({ password: '12345' });
    expect(weak.error).toBeInstanceOf(AuthWeakPasswordError);
    expect({ status: weak.error?.status, code: weak.error?.code, reasons: (weak.error as AuthWeakPasswordError).reasons }).toEqual({
      status: 422,
      code: 'weak_password',
      reasons: ['length'],
    });

    const same = await client.auth.updateUser({ password: account.password });
    expect(same.error?.code).toBe('same_password');

    const changed = await client.auth.updateUser({ password: 'a-new-long-password' });
    expect(changed.error).toBeNull();
    expect((await authClient().auth.signInWithPassword(account)).error?.code).toBe('invalid_credentials');
    await expect(signIn({ email: account.email, password: 'a-new-long-password' })).resolves.toBeTruthy();
    // This device stays signed in; the other one is signed out.
    expect((await client.auth.getUser()).data.user?.id).toBe(account.id);
    expect((await fetchUser(otherDevice.access_token)).status).toBe(403);
  });
});

describe('sign-out', () => {
  it('scope "others" ends every other session, "local" this one', async () => {
    const account = await createAccount();
    const a = await signIn(account);
    const b = await signIn(account);
    const c = await signIn(account);

    expect((await a.client.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect((await fetchUser(a.session.access_token)).status).toBe(200);
    for (const other of [b, c]) {
      const response = await fetchUser(other.session.access_token);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'session_not_found' });
      expect((await authClient().auth.refreshSession({ refresh_token: other.session.refresh_token })).error?.code).toBe('refresh_token_not_found');
    }

    expect((await a.client.auth.signOut({ scope: 'local' })).error).toBeNull();
    expect((await a.client.auth.getSession()).data.session).toBeNull();
    expect((await fetchUser(a.session.access_token)).status).toBe(403);
    const { error } = await authClient().auth.getUser(a.session.access_token);
    expect(error).toBeInstanceOf(AuthSessionMissingError);
  });

  it('scope "global" (the default) ends every session of the user', async () => {
    const account = await createAccount();
    const a = await signIn(account);
    const b = await signIn(account);
    const bystander = await signIn(await createAccount());
    expect((await a.client.auth.signOut()).error).toBeNull();
    expect((await fetchUser(a.session.access_token)).status).toBe(403);
    expect((await fetchUser(b.session.access_token)).status).toBe(403);
    expect((await fetchUser(bystander.session.access_token)).status).toBe(200);
  });

  it('the logout endpoint answers 204', async () => {
    const { session } = await signIn(await createAccount());
    const response = await fetch(`${stack.apiUrl}/auth/v1/logout?scope=local`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, authorization: `Bearer ${session.access_token}` },
    });
    expect(response.status).toBe(204);
  });
});

describe('admin users API', () => {
  it('creates, lists, reads, updates and deletes users with the service role', async () => {
    const admin = serviceClient().auth.admin;
    const email = `admin-made-${randomUUID()}@barkeep.test`;
    const created = await admin.createUser({ email, password: 'first-password', email_confirm: true, user_metadata: { name: 'Sam' } });
    expect(created.error).toBeNull();
    const id = created.data.user!.id;
    expect(created.data.user).toMatchObject({ email, user_metadata: { name: 'Sam' }, app_metadata: { provider: 'email' } });

    const duplicate = await admin.createUser({ email: email.toUpperCase(), password: 'first-password' });
    expect({ status: duplicate.error?.status, code: duplicate.error?.code }).toEqual({ status: 422, code: 'email_exists' });
    const weak = await admin.createUser({ email: `weak-${randomUUID()}@barkeep.test`, password: '123' });
    expect(weak.error?.code).toBe('weak_password');

    const list = await admin.listUsers({ page: 1, perPage: 1000 });
    expect(list.error).toBeNull();
    expect(list.data.users.map((user) => user.id)).toContain(id);
    const page = await admin.listUsers({ page: 1, perPage: 1 });
    expect(page.data.users).toHaveLength(1);
    expect((page.data as { total?: number }).total).toBeGreaterThan(1);

    expect((await admin.getUserById(id)).data.user?.email).toBe(email);
    const { session } = await signIn({ email, password: 'first-password' });
    expect((await admin.updateUserById(id, { password: 'second-password' })).error).toBeNull();
    expect((await fetchUser(session.access_token)).status).toBe(403); // a reset password ends the sessions
    const { session: lastSession } = await signIn({ email, password: 'second-password' });

    const deleted = await admin.deleteUser(id);
    expect(deleted.error).toBeNull();
    const gone = await admin.getUserById(id);
    expect({ status: gone.error?.status, code: gone.error?.code }).toEqual({ status: 404, code: 'user_not_found' });
    expect((await authClient().auth.signInWithPassword({ email, password: 'second-password' })).error?.code).toBe('invalid_credentials');
    const orphan = await fetchUser(lastSession.access_token);
    expect(orphan.status).toBe(403);
    expect(await orphan.json()).toMatchObject({ code: 'user_not_found' });
  });

  it('refuses anyone but the service role: 403 not_admin', async () => {
    const { session } = await signIn(await createAccount());
    const asAnon = await anonClient().auth.admin.createUser({ email: `x-${randomUUID()}@barkeep.test`, password: 'long-enough' });
    expect({ status: asAnon.error?.status, code: asAnon.error?.code }).toEqual({ status: 403, code: 'not_admin' });
    const response = await fetch(`${stack.apiUrl}/auth/v1/admin/users`, {
      headers: { apikey: stack.anonKey, authorization: `Bearer ${session.access_token}`, 'x-supabase-api-version': '2024-01-01' },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ code: 'not_admin', message: 'User not allowed' });
  });
});

describe('settings, health and keys', () => {
  it('settings say email sign-in is on and sign-ups are off; health answers', async () => {
    const settings = await fetch(`${stack.apiUrl}/auth/v1/settings`, { headers: { apikey: stack.anonKey } });
    expect(await settings.json()).toMatchObject({ external: { email: true, phone: false }, disable_signup: true });
    const health = await fetch(`${stack.apiUrl}/auth/v1/health`, { headers: { apikey: stack.anonKey } });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ name: 'GoTrue' });
  });

  it('getClaims verifies a session token against the JWKS', async () => {
    const account = await createAccount();
    const { client } = await signIn(account);
    const { data, error } = await client.auth.getClaims();
    expect(error).toBeNull();
    expect(data?.claims).toMatchObject({ sub: account.id, role: 'authenticated' });
  });
});
