// The host's server-side Supabase client, the guard of the host area, and the security headers of every page.
// Follows Supabase's SvelteKit SSR guide: session in cookies via @supabase/ssr, and `safeGetSession()` trusts a
// session only after the Auth server validated its user (`getUser()`), never the cookie alone.
import { createServerClient } from '@supabase/ssr';
import { redirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { sequence } from '@sveltejs/kit/hooks';
import WebSocket from 'ws';
import { hostAccess, isHostPath, signInUrl } from '$lib/host/access';
import { supabaseAnonKey, supabaseUrl } from '$lib/supabase/config';
import type { Database } from '$lib/database.types';
import { HOST_AUTH_COOKIE, type HostClient, type HostSession } from '$lib/supabase/host';
import { hostCookieOptions } from '$lib/supabase/host-cookies';

/**
 * The browser's address for Auth's per-address sign-in limits. The local gateway believes it only with the proxy
 * secret `barkeep start` gives this server; elsewhere (hosted Supabase) the header is one hop among others.
 */
function clientAddress(event: RequestEvent): Record<string, string> {
  try {
    const headers: Record<string, string> = { 'x-forwarded-for': event.getClientAddress() };
    if (env.BARKEEP_PROXY_SECRET) headers['x-barkeep-proxy-secret'] = env.BARKEEP_PROXY_SECRET;
    return headers;
  } catch {
    return {}; // no client address (prerendering)
  }
}

function createHostServerClient(event: RequestEvent): HostClient {
  // On the server the API is on loopback, whatever host name the browser used.
  return createServerClient<Database>(supabaseUrl(), supabaseAnonKey(), {
    // Auth rate-limits failed sign-ins per browser address, not per app server.
    global: { headers: clientAddress(event) },
    cookieOptions: { name: HOST_AUTH_COOKIE, secure: event.url.protocol === 'https:' },
    // Node 20 has no global WebSocket; supabase-js needs one to construct, although the server never subscribes.
    realtime: { transport: WebSocket as never },
    cookies: {
      getAll: () => event.cookies.getAll(),
      setAll: (cookies, headers) => {
        for (const { name, value, options } of cookies) event.cookies.set(name, value, { ...hostCookieOptions(options), path: '/' });
        // Responses that set auth cookies must not be cached (headers given by @supabase/ssr).
        for (const [name, value] of Object.entries(headers ?? {})) {
          try {
            event.setHeaders({ [name]: value });
          } catch {
            // already set for this response
          }
        }
      },
    },
  });
}

async function validatedHostSession(supabase: HostClient): Promise<HostSession> {
  const signedOut: HostSession = { session: null, user: null, isHost: false };
  const {
    data: { session },
  } = await supabase.auth.getSession();
  if (!session) return signedOut;
  const {
    data: { user },
    error,
  } = await supabase.auth.getUser();
  if (error || !user) return signedOut;
  const { data: isHost, error: rpcError } = await supabase.rpc('is_host');
  return { session, user, isHost: !rpcError && isHost === true };
}

const hostClient: Handle = async ({ event, resolve }) => {
  let client: HostClient | undefined;
  // Created on first use: guest pages and static assets never touch the host's cookies.
  Object.defineProperty(event.locals, 'supabase', { get: () => (client ??= createHostServerClient(event)), enumerable: true });
  let session: Promise<HostSession> | undefined;
  event.locals.safeGetSession = () => (session ??= validatedHostSession(event.locals.supabase));
  return resolve(event, {
    filterSerializedResponseHeaders: (name) => name === 'content-range' || name === 'x-supabase-api-version',
  });
};

/** Every /host page, form action and endpoint except login and logout needs a host session. */
const hostGuard: Handle = async ({ event, resolve }) => {
  if (isHostPath(event.url.pathname)) {
    const { user, isHost } = await event.locals.safeGetSession();
    const access = hostAccess(event.url.pathname, { signedIn: user !== null, isHost });
    if (access === 'sign-in') redirect(303, signInUrl(event.url.pathname, event.url.search));
    if (access === 'not-host') redirect(303, '/host/login');
    const response = await resolve(event);
    // Host pages show party data: never stored by shared caches or the service worker's runtime cache.
    try {
      response.headers.set('cache-control', 'private, no-store');
    } catch {
      // immutable headers (a proxied response): leave them
    }
    return response;
  }
  return resolve(event);
};

/**
 * Every page the app renders: no MIME sniffing, and no page URL (a join link carries its invite code) sent on to
 * other origins. Framing and scripts are ruled by the CSP (kit.csp in svelte.config.js).
 */
const securityHeaders: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  try {
    response.headers.set('x-content-type-options', 'nosniff');
    response.headers.set('referrer-policy', 'same-origin');
  } catch {
    // immutable headers (a proxied response): leave them
  }
  return response;
};

export const handle: Handle = sequence(securityHeaders, hostClient, hostGuard);
