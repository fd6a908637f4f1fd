// THE guest client module: the only place a guest's identity is created, kept and refreshed.
// The Supabase client sends the guest's own RS256 token through supabase-js's `accessToken` option
// (so it is separate from the host client, whose `supabase.auth` would throw here).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { browser } from '$app/environment';
import { goto } from '$app/navigation';
import { guestSession } from '$lib/guest/guest-session.svelte.ts';
import { GuestIdentityError, logoutRequest, refreshRequest, registerRequest, type IdentityEndpoint } from '$lib/guest/identity-api.ts';
import { deleteValue, getValue, setValue } from '$lib/guest/session-db.ts';
import {
  clearSession,
  isStoredSession,
  needsRefresh,
  readSession,
  refreshDelayMs,
  SESSION_KEY,
  writeSession,
  type GuestUser,
  type StoredSession,
} from '$lib/guest/stored-session.ts';
import { withTabLock } from '$lib/guest/tab-lock.ts';
import { supabaseAnonKey, supabaseUrl } from './config.ts';

export { guestSession };
export type { GuestUser };

/** Where an ended session sends the guest; the join page shows a friendly note for it. */
export const SESSION_ENDED_PATH = '/join?session=ended';
const RETRY_AFTER_NETWORK_ERROR_MS = 30_000;

let client: SupabaseClient | undefined;
let started = false;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inflight: Promise<string | null> | undefined;
/** After a failed refresh (offline, restarting, rate limited), the next attempt waits until then. */
let retryNotBefore = 0;

function endpoint(): IdentityEndpoint {
  return { supabaseUrl: supabaseUrl(location.hostname), anonKey: supabaseAnonKey() };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

// The session lives in IndexedDB (consistent across tabs: see session-db.ts); localStorage holds a mirror
// for synchronous reads at start-up and for the `storage` event that tells other tabs about changes.
const SESSION_RECORD = 'session';

async function loadSession(): Promise<StoredSession | null> {
  const stored = await getValue<StoredSession>(SESSION_RECORD);
  if (isStoredSession(stored)) return stored;
  const mirrored = readSession(localStorage);
  if (mirrored) await setValue(SESSION_RECORD, mirrored);
  return mirrored;
}

async function saveSession(session: StoredSession): Promise<void> {
  await setValue(SESSION_RECORD, session);
  writeSession(localStorage, session);
}

async function dropSession(): Promise<void> {
  clearSession(localStorage);
  await deleteValue(SESSION_RECORD);
}

function schedule(): void {
  clearTimeout(refreshTimer);
  const session = readSession(localStorage);
  if (!session) return;
  const delay = Math.max(refreshDelayMs(session, Date.now()), retryNotBefore - Date.now());
  refreshTimer = setTimeout(() => void refreshAccessToken(), delay);
}

/** Loads the stored session and keeps it fresh; idempotent, browser only. */
export function startGuestSession(): void {
  if (!browser || started) return;
  started = true;
  guestSession.user = readSession(localStorage)?.user ?? null;
  guestSession.ready = true;
  schedule();
  // The mirror answered synchronously; IndexedDB has the last word.
  void loadSession().then((session) => {
    if (session) writeSession(localStorage, session);
    else clearSession(localStorage);
    guestSession.user = session?.user ?? null;
    schedule();
  });
  // Another tab signed in, refreshed or signed out.
  window.addEventListener('storage', (event) => {
    if (event.key !== SESSION_KEY && event.key !== null) return;
    guestSession.user = readSession(localStorage)?.user ?? null;
    schedule();
  });
  // Timers do not run while a phone sleeps: check again when the app comes back.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void getGuestAccessToken();
  });
}

async function endSession(): Promise<void> {
  clearTimeout(refreshTimer);
  await dropSession();
  guestSession.user = null;
  await goto(SESSION_ENDED_PATH);
}

/**
 * Rotates the refresh token once, even when several requests or tabs ask at the same moment: within the
 * tab they share one promise; across tabs the lock serialises, and a tab that waited finds the session
 * already refreshed by the other.
 */
function refreshAccessToken(): Promise<string | null> {
  inflight ??= withTabLock('guest-refresh', async () => {
    // Read inside the lock, from IndexedDB: another tab may have refreshed a moment ago.
    const session = await loadSession();
    if (!session) return null;
    if (!needsRefresh(session, nowSeconds())) {
      writeSession(localStorage, session);
      return session.access_token;
    }
    try {
      const tokens = await refreshRequest(endpoint(), session.refresh_token);
      await saveSession({ ...session, ...tokens });
      retryNotBefore = 0;
      return tokens.access_token;
    } catch (error) {
      if (error instanceof GuestIdentityError && error.code === 'invalid_refresh_token') {
        await endSession();
        return null;
      }
      // Offline, the bar is restarting or busy: keep the session and try again a little later.
      const waitMs = error instanceof GuestIdentityError && error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : RETRY_AFTER_NETWORK_ERROR_MS;
      retryNotBefore = Date.now() + waitMs;
      return session.expires_at > nowSeconds() ? session.access_token : null;
    }
  }).finally(() => {
    inflight = undefined;
    schedule();
  });
  return inflight;
}

/** The guest's current access token (refreshed first when it is about to expire), or null when signed out. */
export async function getGuestAccessToken(): Promise<string | null> {
  if (!browser) return null;
  startGuestSession();
  const session = readSession(localStorage);
  if (!session) return null;
  if (!needsRefresh(session, nowSeconds())) return session.access_token;
  // A refresh just failed: until the retry, use the token while it lasts instead of asking again per request.
  if (Date.now() < retryNotBefore) return session.expires_at > nowSeconds() ? session.access_token : null;
  return refreshAccessToken();
}

/** The browser's one guest Supabase client. Signed out, it acts as anon. */
export function getGuestClient(): SupabaseClient {
  if (!browser) throw new Error('getGuestClient() is for the browser; guest pages load their data client-side.');
  startGuestSession();
  client ??= createClient(supabaseUrl(location.hostname), supabaseAnonKey(), {
    accessToken: getGuestAccessToken,
  });
  return client;
}

/** Redeems an invite code; throws GuestIdentityError with a message fit for the guest. */
export async function registerGuest(code: string, username: string): Promise<GuestUser> {
  startGuestSession();
  const session = await registerRequest(endpoint(), code, username);
  await saveSession(session);
  guestSession.user = session.user;
  schedule();
  return session.user;
}

/** Ends the session on this device (the server revokes the refresh token), even when offline. */
export async function signOutGuest(): Promise<void> {
  // logout needs a live access token; refresh first if it has run out (best effort).
  const accessToken = await getGuestAccessToken().catch(() => null);
  const session = await loadSession();
  clearTimeout(refreshTimer);
  await dropSession();
  guestSession.user = null;
  if (session && accessToken) {
    await logoutRequest(endpoint(), accessToken, session.refresh_token).catch(() => {
      // Best effort: the token is gone from this device either way.
    });
  }
}
