// Function settings from the environment (locally supabase/functions/.env; hosted: `supabase secrets set`).
import { positiveIntegerSetting } from './rate-limit.ts';

export interface GuestIdentitySettings {
  registerPerMinute: number;
  refreshPerMinute: number;
  trustedProxies: number;
  refreshTokenDays: number;
}

/**
 * Defaults: a whole party arriving at once behind one home router (one shared address) must get in — even
 * the largest code (500 uses) redeemed within one minute — so 600 registrations and 600 refreshes per
 * minute and address. What keeps strangers out is the invite code; the limit caps the load one address
 * can put on the database.
 */
export function guestIdentitySettings(env: (name: string) => string | undefined): GuestIdentitySettings {
  const read = (name: string, fallback: number) => positiveIntegerSetting(name, env(name), fallback);
  return {
    registerPerMinute: read('REGISTER_RATE_LIMIT_PER_MINUTE', 600),
    refreshPerMinute: read('REFRESH_RATE_LIMIT_PER_MINUTE', 600),
    trustedProxies: read('RATE_LIMIT_TRUSTED_PROXIES', 0),
    refreshTokenDays: read('REFRESH_TOKEN_TTL_DAYS', 30),
  };
}
