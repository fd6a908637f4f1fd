// THE guest session: the only place a guest's identity is created, kept, refreshed and ended. It stores the
// session (IndexedDB, mirrored in localStorage), refreshes the access token once across tabs, registers,
// signs out, and ends the session when the server refuses the refresh or the host deactivates the guest.
// Pages read `guestSession.user` and call `guestClient()`; the (guest) layout calls `startGuestSession()`.
import { browser } from '$app/environment';
import { goto } from '$app/navigation';
import { createGuestClient, type GuestClient } from '$lib/supabase/guest';
import { supabaseAnonKey, supabaseUrl } from '$lib/supabase/config';
import { GuestIdentityError, logoutRequest, refreshRequest, registerRequest, type IdentityEndpoint } from './identity-api.ts';
import { deleteValue, getValue, setValue } from './session-db.ts';
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
} from './stored-session.ts';
import { withTabLock } from './tab-lock.ts';

export type { GuestUser };

/** Why a session ended, for the join page's note: the refresh was refused, or the host deactivated the guest. */
export type SessionEnd = 'ended' | 'deactivated';

/** The signed-in guest, as reactive state: null when signed out; `ready` once the stored session was read; `ended` says why it ended. */
export const guestSession = $state<{ user: GuestUser | null; ready: boolean; ended: SessionEnd | null }>({ user: null, ready: false, ended: null });

/** Where a guest without a session goes: /join, with the reason when the session just ended. */
export function joinPath(): string {
  return guestSession.ended ? `/join?session=${guestSession.ended}` : '/join';
}

/** The refresh function's refusals that end the session, and the note each leaves on /join. */
const SESSION_END_BY_CODE: Partial<Record<string, SessionEnd>> = { invalid_refresh_token: 'ended', guest_inactive: 'deactivated' };

const RETRY_AFTER_NETWORK_ERROR_MS = 30_000;
// The session lives in IndexedDB (consistent across tabs: see session-db.ts); localStorage holds a mirror
// for synchronous reads at start-up and for the `storage` event that tells other tabs about changes.
const SESSION_RECORD = 'session';

let client: GuestClient | undefined;
let started = false;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inflight: Promise<string | null> | undefined;
/** After a failed refresh (offline, restarting, rate limited), the next attempt waits until then. */
let retryNotBefore = 0;

function endpoint(): IdentityEndpoint {
  return { supabaseUrl: supabaseUrl(location.hostname), anonKey: supabaseAnonKey() };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

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
  clearTimeout(refreshTimer);
  clearSession(localStorage);
  await deleteValue(SESSION_RECORD);
  guestSession.user = null;
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
    if (document.visibilityState === 'visible') void guestAccessToken();
  });
}

/**
 * The session is over (the refresh was refused, or the host deactivated this guest): forget it on this device
 * and send the guest to /join, which says why.
 */
export async function endGuestSession(reason: SessionEnd): Promise<void> {
  if (!readSession(localStorage) && !guestSession.user) return;
  guestSession.ended = reason;
  await dropSession();
  await goto(joinPath(), { replaceState: true });
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
      // The server ended this login: the host deactivated the guest (the note says so), or the token is dead.
      const ended = error instanceof GuestIdentityError ? SESSION_END_BY_CODE[error.code] : undefined;
      if (ended) {
        await endGuestSession(ended);
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
export async function guestAccessToken(): Promise<string | null> {
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
export function guestClient(): GuestClient {
  if (!browser) throw new Error('guestClient() is for the browser; guest pages load their data client-side.');
  startGuestSession();
  client ??= createGuestClient(guestAccessToken);
  return client;
}

/** Redeems an invite code (its UUID or short form); throws GuestIdentityError with the function's code. */
export async function registerGuest(code: string, username: string): Promise<GuestUser> {
  startGuestSession();
  const session = await registerRequest(endpoint(), code, username);
  await saveSession(session);
  guestSession.ended = null;
  guestSession.user = session.user;
  schedule();
  return session.user;
}

/**
 * Ends the session on this device, even when offline: the server revokes the refresh token first (best
 * effort), then the session is forgotten here — in that order, so navigating away cannot cut the revocation off.
 */
export async function signOutGuest(): Promise<void> {
  // logout needs a live access token; refresh first if it has run out (best effort).
  const accessToken = await guestAccessToken().catch(() => null);
  const session = await loadSession();
  if (session && accessToken) {
    await logoutRequest(endpoint(), accessToken, session.refresh_token).catch(() => {
      // Best effort: the token is gone from this device either way.
    });
  }
  await dropSession();
}
