// The guest's session as kept in localStorage, so it survives closing the app. Pure: storage is passed in.

export interface GuestUser {
  user_key: string;
  username: string;
}

export interface StoredSession {
  user: GuestUser;
  access_token: string;
  refresh_token: string;
  /** Epoch seconds when the access token expires. */
  expires_at: number;
}

export const SESSION_KEY = 'barkeep.guest-session';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function isStoredSession(value: unknown): value is StoredSession {
  const session = value as StoredSession;
  return (
    typeof session === 'object' &&
    session !== null &&
    typeof session.user?.user_key === 'string' &&
    typeof session.user?.username === 'string' &&
    typeof session.access_token === 'string' &&
    typeof session.refresh_token === 'string' &&
    typeof session.expires_at === 'number'
  );
}

/** The stored session, or null when there is none or it is unreadable (then it is dropped). */
export function readSession(storage: KeyValueStorage): StoredSession | null {
  const raw = storage.getItem(SESSION_KEY);
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isStoredSession(parsed)) return parsed;
  } catch {
    // fall through: a corrupt entry is as good as none
  }
  storage.removeItem(SESSION_KEY);
  return null;
}

export function writeSession(storage: KeyValueStorage, session: StoredSession): void {
  storage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(storage: KeyValueStorage): void {
  storage.removeItem(SESSION_KEY);
}

/** Refresh this long before the access token expires, so no request ever carries an expired token. */
export const REFRESH_MARGIN_SECONDS = 5 * 60;

export function needsRefresh(session: Pick<StoredSession, 'expires_at'>, nowSeconds: number): boolean {
  return session.expires_at - nowSeconds <= REFRESH_MARGIN_SECONDS;
}

/** Milliseconds until the proactive refresh should run (0 when it is due). */
export function refreshDelayMs(session: Pick<StoredSession, 'expires_at'>, nowMs: number): number {
  return Math.max(0, (session.expires_at - REFRESH_MARGIN_SECONDS) * 1000 - nowMs);
}
