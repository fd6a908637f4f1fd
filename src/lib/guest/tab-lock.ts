// One refresh at a time across every tab of the app. Two tabs rotating the same refresh token at once
// would look like token theft to the server (reuse detection) and end the session.
// Web Locks where available; they need a secure context, and a phone on the party Wi-Fi opens the app
// over plain http, so there a lease taken atomically in IndexedDB does the same job.
import { compareAndSet } from './session-db.ts';

const LEASE_MS = 15_000;
const tabId = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Lease {
  owner: string;
  until: number;
}

export async function withTabLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request(name, task) as Promise<T>;
  const key = `lock:${name}`;
  while (!(await compareAndSet<Lease>(key, (lease) => (!lease || lease.until < Date.now() ? { owner: tabId, until: Date.now() + LEASE_MS } : undefined)))) {
    await sleep(50 + Math.random() * 100);
  }
  // The lease expires only so that a tab closed mid-refresh cannot block the others forever. A slow
  // refresh (a cold function worker, a busy laptop) must not lose it: renew while the task runs.
  const renew = setInterval(() => {
    void compareAndSet<Lease>(key, (lease) => (lease?.owner === tabId ? { owner: tabId, until: Date.now() + LEASE_MS } : undefined));
  }, LEASE_MS / 3);
  try {
    return await task();
  } finally {
    clearInterval(renew);
    await compareAndSet<Lease>(key, (lease) => (lease?.owner === tabId ? { owner: tabId, until: 0 } : undefined));
  }
}
