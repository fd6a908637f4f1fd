// The [auth] section of supabase/config.toml — the same settings hosted Supabase Auth is configured with.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';

export interface AuthSettings {
  /** Access token lifetime in seconds. */
  jwtExpiry: number;
  refreshTokenRotation: boolean;
  /** Seconds during which a just-rotated refresh token may be presented again (a client that lost the answer). */
  refreshTokenReuseInterval: number;
  enableSignup: boolean;
  siteUrl: string;
  minimumPasswordLength: number;
  /** `[auth.rate_limit]`, per client address and 5 minutes, as GoTrue counts them. */
  rateLimits: { signInSignUps: number; tokenRefresh: number };
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  jwtExpiry: 3600,
  refreshTokenRotation: true,
  refreshTokenReuseInterval: 10,
  enableSignup: false,
  siteUrl: 'http://localhost:5173',
  minimumPasswordLength: 6,
  rateLimits: { signInSignUps: 30, tokenRefresh: 150 },
};

interface AuthToml {
  site_url?: string;
  jwt_expiry?: number;
  enable_refresh_token_rotation?: boolean;
  refresh_token_reuse_interval?: number;
  minimum_password_length?: number;
  email?: { enable_signup?: boolean };
  rate_limit?: { sign_in_sign_ups?: number; token_refresh?: number };
}

export function parseAuthSettings(toml: string): AuthSettings {
  const auth = ((parse(toml) as { auth?: AuthToml }).auth ?? {}) as AuthToml;
  const number = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback);
  return {
    jwtExpiry: number(auth.jwt_expiry, DEFAULT_AUTH_SETTINGS.jwtExpiry) || DEFAULT_AUTH_SETTINGS.jwtExpiry,
    refreshTokenRotation: auth.enable_refresh_token_rotation ?? DEFAULT_AUTH_SETTINGS.refreshTokenRotation,
    refreshTokenReuseInterval: number(auth.refresh_token_reuse_interval, DEFAULT_AUTH_SETTINGS.refreshTokenReuseInterval),
    enableSignup: auth.email?.enable_signup ?? DEFAULT_AUTH_SETTINGS.enableSignup,
    siteUrl: auth.site_url ?? DEFAULT_AUTH_SETTINGS.siteUrl,
    minimumPasswordLength: Math.max(6, number(auth.minimum_password_length, DEFAULT_AUTH_SETTINGS.minimumPasswordLength)),
    rateLimits: {
      signInSignUps: number(auth.rate_limit?.sign_in_sign_ups, DEFAULT_AUTH_SETTINGS.rateLimits.signInSignUps),
      tokenRefresh: number(auth.rate_limit?.token_refresh, DEFAULT_AUTH_SETTINGS.rateLimits.tokenRefresh),
    },
  };
}

/** Read once when the service starts, as GoTrue reads its environment once. */
export function readAuthSettings(supabaseDir: string): AuthSettings {
  const path = join(supabaseDir, 'config.toml');
  return existsSync(path) ? parseAuthSettings(readFileSync(path, 'utf8')) : DEFAULT_AUTH_SETTINGS;
}
