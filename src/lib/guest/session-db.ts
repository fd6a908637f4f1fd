// A tiny IndexedDB key-value store: the one browser storage that is consistent across tabs. localStorage
// is not — Chromium copies it into each tab's renderer and syncs the copies asynchronously, so a tab that
// takes the refresh lock right after another tab rotated the token can still read the old one (and replay
// it, which the server treats as theft). IndexedDB transactions are ordered in the browser process: a read
// that starts after a write committed sees it. It works on plain-http pages too.

const DB_NAME = 'barkeep-guest';
const STORE = 'kv';

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  opened.catch(() => (opened = undefined));
  return opened;
}

/** Runs `work` in one transaction; resolves with its result once the transaction has committed. */
async function transaction<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore, done: (value: T) => void) => void): Promise<T> {
  const db = await database();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    let result: T;
    work(tx.objectStore(STORE), (value) => (result = value));
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export function getValue<T>(key: string): Promise<T | undefined> {
  return transaction<T | undefined>('readonly', (store, done) => {
    const request = store.get(key);
    request.onsuccess = () => done(request.result as T | undefined);
  });
}

export function setValue(key: string, value: unknown): Promise<void> {
  return transaction<void>('readwrite', (store) => void store.put(value, key));
}

export function deleteValue(key: string): Promise<void> {
  return transaction<void>('readwrite', (store) => void store.delete(key));
}

/**
 * Atomic read-modify-write: `decide` sees the current value and returns the new one, or undefined to leave
 * it. Resolves true when it wrote. Readwrite transactions on one store never overlap, across tabs too.
 */
export function compareAndSet<T>(key: string, decide: (current: T | undefined) => T | undefined): Promise<boolean> {
  return transaction<boolean>('readwrite', (store, done) => {
    done(false);
    const request = store.get(key);
    request.onsuccess = () => {
      const next = decide(request.result as T | undefined);
      if (next === undefined) return;
      store.put(next, key);
      done(true);
    };
  });
}
