import { describe, expect, it } from 'vitest';
import { clearSession, needsRefresh, readSession, refreshDelayMs, SESSION_KEY, writeSession, type StoredSession } from './stored-session.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

const session: StoredSession = {
  user: { user_key: '5f0c3a52-3d3e-4d5a-9a43-1f0b6a1c2d3e', username: 'Sam' },
  access_token: 'a.b.c',
  refresh_token: 'r'.repeat(43),
  expires_at: 1_800_000_000,
};

describe('stored guest session', () => {
  it('round-trips through storage and can be cleared', () => {
    const storage = memoryStorage();
    expect(readSession(storage)).toBeNull();
    writeSession(storage, session);
    expect(readSession(storage)).toEqual(session);
    clearSession(storage);
    expect(readSession(storage)).toBeNull();
  });

  it('drops a corrupt or foreign entry instead of failing', () => {
    for (const raw of ['{', 'null', '{"user":{}}', JSON.stringify({ ...session, expires_at: 'soon' })]) {
      const storage = memoryStorage();
      storage.setItem(SESSION_KEY, raw);
      expect(readSession(storage)).toBeNull();
      expect(storage.items.has(SESSION_KEY)).toBe(false);
    }
  });

  it('refreshes five minutes before expiry', () => {
    expect(needsRefresh(session, session.expires_at - 3600)).toBe(false);
    expect(needsRefresh(session, session.expires_at - 300)).toBe(true);
    expect(needsRefresh(session, session.expires_at + 10)).toBe(true);
    expect(refreshDelayMs(session, (session.expires_at - 3600) * 1000)).toBe(3300 * 1000);
    expect(refreshDelayMs(session, session.expires_at * 1000)).toBe(0);
  });
});
