import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../shared/jwt.ts';
import { publicJwk, type PrivateJwk } from '../shared/keys.ts';
import { mintAccessToken, newRefreshToken } from './tokens.ts';
import type { AuthUser } from './users.ts';

const user: AuthUser = {
  id: '3f9c1c56-35a4-4c1f-9d54-8f3f34a0f0b1',
  aud: 'authenticated',
  role: 'authenticated',
  email: 'host@example.com',
  encrypted_password: null,
  email_confirmed_at: new Date(),
  phone: null,
  confirmed_at: new Date(),
  last_sign_in_at: null,
  raw_app_meta_data: { provider: 'email', providers: ['email'] },
  raw_user_meta_data: { name: 'Host' },
  banned_until: null,
  created_at: new Date(),
  updated_at: new Date(),
  is_anonymous: false,
  deleted_at: null,
};

describe('access tokens', () => {
  it('carry Supabase Auth claims, a kid, and pass the stack verifier', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-kid', alg: 'ES256' } as PrivateJwk;
    const signedInAt = new Date('2026-11-27T09:00:00Z');
    const { token, expiresAt } = await mintAccessToken({
      user,
      sessionId: '0d7c1b7e-3c52-4d6b-9d1f-5a8b0c1e2f3a',
      signedInAt,
      issuer: 'http://127.0.0.1:54321/auth/v1',
      expiresIn: 3600,
      signingKey,
    });

    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: 'test-kid', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: 'http://127.0.0.1:54321/auth/v1',
      sub: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: 'host@example.com',
      session_id: '0d7c1b7e-3c52-4d6b-9d1f-5a8b0c1e2f3a',
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: { name: 'Host' },
      aal: 'aal1',
      amr: [{ method: 'password', timestamp: Math.floor(signedInAt.getTime() / 1000) }],
      is_anonymous: false,
    });
    expect(claims.exp).toBe(expiresAt);
    expect(claims.exp! - claims.iat!).toBe(3600);
    await expect(createJwtVerifier({ keys: [publicJwk(signingKey)] })(token)).resolves.toMatchObject({ sub: user.id });
  });

  it('refresh tokens are long random strings', () => {
    const a = newRefreshToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newRefreshToken()).not.toBe(a);
  });
});
