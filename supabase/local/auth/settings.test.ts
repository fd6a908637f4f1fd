import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_SETTINGS, parseAuthSettings } from './settings.ts';

describe('parseAuthSettings', () => {
  it('reads the [auth] section', () => {
    const settings = parseAuthSettings(`
[auth]
site_url = "http://localhost:5173"
jwt_expiry = 600
enable_refresh_token_rotation = true
refresh_token_reuse_interval = 3

[auth.email]
enable_signup = true

[auth.rate_limit]
sign_in_sign_ups = 12
`);
    expect(settings).toEqual({
      ...DEFAULT_AUTH_SETTINGS,
      jwtExpiry: 600,
      refreshTokenReuseInterval: 3,
      enableSignup: true,
      rateLimits: { signInSignUps: 12, tokenRefresh: 150 },
    });
  });

  it('falls back to the defaults (sign-ups off) without an [auth] section', () => {
    expect(parseAuthSettings('project_id = "x"')).toEqual(DEFAULT_AUTH_SETTINGS);
  });

  it('never allows passwords shorter than 6 characters', () => {
    expect(parseAuthSettings('[auth]\nminimum_password_length = 2').minimumPasswordLength).toBe(6);
  });
});
