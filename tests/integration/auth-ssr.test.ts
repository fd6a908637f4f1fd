// The host's cookie session as hooks.server.ts runs it: @supabase/ssr's server client against the embedded Auth,
// one client per request over the same cookie jar — sign-in, validation, refresh of an expired access token, sign-out.
import { createServerClient } from '@supabase/ssr';
import { decodeJwt } from 'jose';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { stackInfo } from '../support/clients.ts';
import { createAccount } from '../support/hosts.ts';

// The cookie name src/lib/supabase/host.ts gives both the server and the browser client.
const COOKIE = 'sb-barkeep-host-auth-token';

type Jar = Map<string, string>;

/** A new server client for one "request" reading and writing `jar`, as hooks.server.ts makes per request. */
function requestClient(jar: Jar) {
  const stack = stackInfo();
  return createServerClient(stack.apiUrl, stack.anonKey, {
    cookieOptions: { name: COOKIE },
    realtime: { transport: WebSocket as never },
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => {
        for (const { name, value, options } of cookies) {
          if (options.maxAge === 0 || value === '') jar.delete(name);
          else jar.set(name, value);
        }
      },
    },
  });
}

function storedSession(jar: Jar): Record<string, unknown> {
  const chunks = [...jar.keys()].filter((name) => name === COOKIE || name.startsWith(`${COOKIE}.`)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const raw = chunks.map((name) => jar.get(name)).join('');
  return JSON.parse(Buffer.from(raw.replace(/^base64-/, ''), 'base64url').toString('utf8'));
}

function storeSession(jar: Jar, session: Record<string, unknown>): void {
  for (const name of [...jar.keys()]) if (name === COOKIE || name.startsWith(`${COOKIE}.`)) jar.delete(name);
  jar.set(COOKIE, `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`);
}

describe('host session in cookies (@supabase/ssr server client)', () => {
  it('signs in, is validated on the next request, refreshes an expired access token, and signs out', async () => {
    const account = await createAccount({ host: true });
    const jar: Jar = new Map();

    const signIn = await requestClient(jar).auth.signInWithPassword(account);
    expect(signIn.error).toBeNull();
    expect([...jar.keys()].some((name) => name.startsWith(COOKIE))).toBe(true);

    const next = requestClient(jar);
    expect((await next.auth.getUser()).data.user?.id).toBe(account.id);
    expect((await next.rpc('is_host')).data).toBe(true);

    // The access token has expired by the time the host comes back: the client refreshes with the refresh token.
    const before = storedSession(jar);
    storeSession(jar, { ...before, expires_at: Math.floor(Date.now() / 1000) - 60 });
    const later = requestClient(jar);
    const { data } = await later.auth.getSession();
    expect(data.session?.refresh_token).not.toBe(before.refresh_token);
    expect(decodeJwt(data.session!.access_token).session_id).toBe(decodeJwt(before.access_token as string).session_id);
    expect(storedSession(jar).refresh_token).toBe(data.session?.refresh_token);
    expect((await later.auth.getUser()).data.user?.id).toBe(account.id);

    await requestClient(jar).auth.signOut({ scope: 'local' });
    expect([...jar.keys()].some((name) => name.startsWith(COOKIE))).toBe(false);
    expect((await requestClient(jar).auth.getSession()).data.session).toBeNull();
  });

  it('a cookie whose session was ended elsewhere is not trusted: getUser fails', async () => {
    const account = await createAccount({ host: true });
    const jar: Jar = new Map();
    await requestClient(jar).auth.signInWithPassword(account);
    const otherDevice = requestClient(new Map());
    await otherDevice.auth.signInWithPassword(account);
    await otherDevice.auth.signOut({ scope: 'global' });

    const client = requestClient(jar);
    // getSession() alone still reads the cookie: that is why safeGetSession() validates with getUser().
    expect((await client.auth.getSession()).data.session).not.toBeNull();
    const { data, error } = await client.auth.getUser();
    expect(data.user).toBeNull();
    expect(error?.name).toBe('AuthSessionMissingError');
  });
});
