// The host session cookie's lifetime (finding F12), for both places @supabase/ssr writes it: the server client in
// hooks.server.ts and the browser client in host.ts.
import type { CookieOptions } from '@supabase/ssr';
import { parse, serialize } from 'cookie';

/**
 * How long a host stays signed in on a device they stop using: a party and its preparation, not @supabase/ssr's
 * 400 days. Each token refresh writes the cookie again, so a host who uses Barkeep stays signed in.
 */
export const HOST_SESSION_MAX_AGE_SECONDS = 3 * 24 * 60 * 60;

/**
 * The options @supabase/ssr writes a session cookie with, held to the party lifetime. Its own `cookieOptions.maxAge`
 * is overwritten for every write (supabase/ssr#40), so both clients apply this where the cookie is written.
 * Removals (Max-Age 0) stay removals.
 */
export function hostCookieOptions(options: CookieOptions): CookieOptions {
  const maxAge = options.maxAge;
  return maxAge !== undefined && maxAge > 0 ? { ...options, maxAge: Math.min(maxAge, HOST_SESSION_MAX_AGE_SECONDS) } : options;
}

/** document.cookie, as @supabase/ssr's browser client reads and writes it by default, with the party lifetime. */
export function hostDocumentCookies(doc: { cookie: string }) {
  return {
    getAll: () => Object.entries(parse(doc.cookie)).map(([name, value]) => ({ name, value: value ?? '' })),
    setAll: (cookies: { name: string; value: string; options: CookieOptions }[]) => {
      for (const { name, value, options } of cookies) doc.cookie = serialize(name, value, hostCookieOptions(options));
    },
  };
}
