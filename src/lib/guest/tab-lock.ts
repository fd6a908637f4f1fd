// One refresh at a time across every tab of the app. Two tabs rotating the same refresh token at once
// would look like token theft to the server (reuse detection) and end the session.
// Web Locks where available; they need a secure context, and a phone on the party Wi-Fi opens the app
// over plain http, so there a short lease in localStorage does the same job.

const LEASE_MS = 10_000;
const tabId = Math.random().toString(36).slice(2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function withTabLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request(name, task) as Promise<T>;
  const key = `barkeep.lock.${name}`;
  for (;;) {
    const [owner, until] = (localStorage.getItem(key) ?? '').split(':');
    if (!owner || Number(until) < Date.now() || owner === tabId) {
      localStorage.setItem(key, `${tabId}:${Date.now() + LEASE_MS}`);
      await sleep(30); // let a racing tab's write land, then see who won
      if (localStorage.getItem(key)?.startsWith(`${tabId}:`)) break;
    }
    await sleep(100 + Math.random() * 100);
  }
  try {
    return await task();
  } finally {
    if (localStorage.getItem(key)?.startsWith(`${tabId}:`)) localStorage.removeItem(key);
  }
}
