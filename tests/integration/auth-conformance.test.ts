// What the upstream auth-js suite taught about GoTrue's answers, checked with the real auth-js against /auth/v1:
// e-mail validation, the admin e-mail change, anonymous sign-in, and GoTrue's own refusals for features that
// the embedded stack does not have (no mailer, no MFA, no SSO, no identity linking, no OAuth server).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serviceClient, stackInfo } from '../support/clients.ts';
import { authClient, createAccount, signIn } from '../support/hosts.ts';

const stack = stackInfo();
const admin = () => serviceClient(stack).auth.admin;
const problem = (error: { status?: number; code?: string; message?: string } | null) => ({ status: error?.status, code: error?.code, message: error?.message });

describe('e-mail addresses, validated as GoTrue does', () => {
  it.each(['not-an-email', 'two@@example.com', 'spa ce@example.com', 'ümlaut@example.com', 'dot@-example.com'])(
    'refuses %s: validation_failed',
    async (email) => {
      const { error } = await admin().createUser({ email, password: 'secret-1', email_confirm: true });
      expect(problem(error)).toEqual({ status: 400, code: 'validation_failed', message: 'Unable to validate email address: invalid format' });
    },
  );

  it('accepts what GoTrue accepts and stores it lower-cased', async () => {
    const email = `Host.Name+bar-${randomUUID().slice(0, 8)}@Example.COM`;
    const { data, error } = await admin().createUser({ email, password: 'secret-1', email_confirm: true });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email.toLowerCase());
  });

  it('checks the address before refusing a mail feature, as GoTrue does', async () => {
    const { error } = await authClient().auth.signInWithOtp({ email: 'not-an-email' });
    expect(problem(error)).toMatchObject({ code: 'validation_failed', message: 'Unable to validate email address: invalid format' });
  });
});

describe('admin e-mail change', () => {
  it('moves the account to the new address: it signs in with it, the identity says so, the old one is free', async () => {
    const account = await createAccount();
    const newEmail = `moved-${randomUUID()}@barkeep.test`;
    const { data, error } = await admin().updateUserById(account.id, { email: newEmail.toUpperCase(), email_confirm: true });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(newEmail);
    expect(data.user?.identities?.[0]?.identity_data).toMatchObject({ email: newEmail, email_verified: true });

    await expect(signIn({ email: newEmail, password: account.password })).resolves.toMatchObject({ session: { user: { id: account.id } } });
    const old = await authClient().auth.signInWithPassword({ email: account.email, password: account.password });
    expect(old.error?.code).toBe('invalid_credentials');
    const reuse = await admin().createUser({ email: account.email, password: 'secret-1', email_confirm: true });
    expect(reuse.error).toBeNull();
  });

  it('refuses an address another user has: 422 email_exists', async () => {
    const [first, second] = [await createAccount(), await createAccount()];
    const { error } = await admin().updateUserById(first.id, { email: second.email });
    expect(problem(error)).toMatchObject({ status: 422, code: 'email_exists' });
  });

  it('refuses a malformed new address', async () => {
    const account = await createAccount();
    const { error } = await admin().updateUserById(account.id, { email: 'nope' });
    expect(problem(error)).toEqual({ status: 400, code: 'validation_failed', message: 'Unable to validate email address: invalid format' });
  });
});

describe('sign-ins the stack does not offer', () => {
  it('anonymous sign-in: 422 anonymous_provider_disabled', async () => {
    const { data, error } = await authClient().auth.signInAnonymously();
    expect(data.session).toBeNull();
    expect(problem(error)).toEqual({ status: 422, code: 'anonymous_provider_disabled', message: 'Anonymous sign-ins are disabled' });
  });

  it('e-mail sign-up: 422 signup_disabled', async () => {
    const { error } = await authClient().auth.signUp({ email: `new-${randomUUID()}@barkeep.test`, password: 'secret-1' });
    expect(problem(error)).toMatchObject({ status: 422, code: 'signup_disabled' });
  });

  it.each([
    ['magic link', () => authClient().auth.signInWithOtp({ email: 'host@barkeep.test' }), 404, 'feature_disabled'],
    ['password recovery', () => authClient().auth.resetPasswordForEmail('host@barkeep.test'), 404, 'feature_disabled'],
    ['SSO', () => authClient().auth.signInWithSSO({ domain: 'barkeep.test' }), 404, 'saml_provider_disabled'],
    ['an OTP to verify', () => authClient().auth.verifyOtp({ email: 'host@barkeep.test', token: '123456', type: 'email' }), 403, 'otp_expired'],
    ['an ID token', () => authClient().auth.signInWithIdToken({ provider: 'google', token: 'x' }), 400, 'provider_disabled'],
    ['an invitation', () => admin().inviteUserByEmail(`invited-${randomUUID()}@barkeep.test`), 404, 'feature_disabled'],
    ['a generated link', () => admin().generateLink({ type: 'magiclink', email: 'host@barkeep.test' }), 404, 'feature_disabled'],
  ])('%s: GoTrue’s refusal for a disabled feature, never a bare 404', async (_name, call, status, code) => {
    const { error } = await (call as () => Promise<{ error: { status?: number; code?: string } | null }>)();
    expect(problem(error)).toMatchObject({ status, code });
  });

  it('MFA enrolment and identity linking: GoTrue asks for a session first, then refuses the feature', async () => {
    // Without a session auth-js sends the anon key, which has no user: GoTrue's bad_jwt.
    const anonymous = await authClient().auth.mfa.enroll({ factorType: 'totp' });
    expect(problem(anonymous.error)).toMatchObject({ status: 403, code: 'bad_jwt', message: 'invalid claim: missing sub claim' });
    const { client } = await signIn(await createAccount());
    const enroll = await client.auth.mfa.enroll({ factorType: 'totp' });
    expect(problem(enroll.error)).toMatchObject({ status: 422, code: 'mfa_totp_enroll_not_enabled' });
    const link = await client.auth.linkIdentity({ provider: 'google', options: { skipBrowserRedirect: true } });
    expect(problem(link.error)).toMatchObject({ status: 404, code: 'manual_linking_disabled' });
  });

  it('a self-service e-mail change needs a mail the stack cannot send: feature_disabled, with what to do instead', async () => {
    const { client } = await signIn(await createAccount());
    const { error } = await client.auth.updateUser({ email: `mine-${randomUUID()}@barkeep.test` });
    expect(problem(error)).toMatchObject({ status: 404, code: 'feature_disabled', message: expect.stringContaining('admin') });
  });

  it('an unsupported grant type: 400 as GoTrue words it', async () => {
    const response = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=magic`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, 'content-type': 'application/json', 'x-supabase-api-version': '2024-01-01' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'invalid_credentials', message: 'unsupported_grant_type' });
  });
});
