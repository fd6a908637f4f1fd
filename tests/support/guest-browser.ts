// Reaching into a guest's stored session in the browser (IndexedDB, mirrored in localStorage), for
// browser tests that need to start fresh or pretend time passed.
import type { Page } from 'playwright-core';

/** Signs the browser profile's guest out locally, without telling the server. */
export async function forgetGuest(page: Page): Promise<void> {
  await page.evaluate(async () => {
    localStorage.clear();
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase('barkeep-guest');
      request.onsuccess = resolve;
      request.onerror = reject;
      request.onblocked = resolve;
    });
  });
}

/** Makes the stored access token due for a refresh, as if four hours had passed. */
export async function expireGuestAccessToken(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const now = Math.floor(Date.now() / 1000);
    const mirror = JSON.parse(localStorage.getItem('barkeep.guest-session')!);
    localStorage.setItem('barkeep.guest-session', JSON.stringify({ ...mirror, expires_at: now }));
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('barkeep-guest');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('kv', 'readwrite');
      const store = tx.objectStore('kv');
      const read = store.get('session');
      read.onsuccess = () => store.put({ ...read.result, expires_at: now }, 'session');
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

/** The refresh token currently stored (IndexedDB, the source of truth). */
export function storedRefreshToken(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('barkeep-guest');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const token = await new Promise<string | undefined>((resolve) => {
      const read = db.transaction('kv').objectStore('kv').get('session');
      read.onsuccess = () => resolve(read.result?.refresh_token);
      read.onerror = () => resolve(undefined);
    });
    db.close();
    return token;
  });
}
