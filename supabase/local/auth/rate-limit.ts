// Sign-in limits of the Auth service, memory only (a restart forgets, as a party laptop should), every map bounded.
//
// Requests per client address (GoTrue's `[auth.rate_limit]`): counted before any password is hashed, so neither
// a flood of random e-mails nor one of wrong passwords can keep the stack busy.
export interface AddressLimiter {
  /** Counts a request of `ip`: 0 when it may go ahead, else the milliseconds until it may try again. */
  take(ip: string): number;
}

const MAX_TRACKED_KEYS = 10_000;

/** Drops the oldest tenth of the keys once the map is full, so a client that changes addresses cannot grow it. */
function bound<K, V>(map: Map<K, V>): void {
  if (map.size > MAX_TRACKED_KEYS) for (const old of [...map.keys()].slice(0, MAX_TRACKED_KEYS / 10)) map.delete(old);
}

export function createAddressLimiter(options: { limit: number; windowMs: number; now?: () => number }): AddressLimiter {
  const now = options.now ?? Date.now;
  const hits = new Map<string, number[]>();
  return {
    take(ip) {
      const at = now();
      const recent = (hits.get(ip) ?? []).filter((time) => time > at - options.windowMs);
      if (recent.length >= options.limit) {
        hits.set(ip, recent);
        return Math.max(1, recent[recent.length - options.limit]! + options.windowMs - at);
      }
      recent.push(at);
      hits.delete(ip); // re-inserted last: the map stays ordered by recent use
      hits.set(ip, recent);
      bound(hits);
      return 0;
    },
  };
}

// Failed password sign-ins per (email, client IP): after `maxFailures` within `windowMs` further attempts for that
// pair are refused with 429 `over_request_rate_limit` until the oldest failure leaves the window — even with the
// right password, or guessing would simply continue. Memory only: a restart forgets, as a party laptop should.
export interface FailedSignInLimiter {
  /** Milliseconds until the pair may try again, or 0 when an attempt is allowed now. */
  retryAfterMs(email: string, ip: string): number;
  recordFailure(email: string, ip: string): void;
  recordSuccess(email: string, ip: string): void;
}

export function createFailedSignInLimiter(options: { maxFailures?: number; windowMs?: number; now?: () => number } = {}): FailedSignInLimiter {
  const maxFailures = options.maxFailures ?? 10;
  const windowMs = options.windowMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();
  const keyOf = (email: string, ip: string) => `${email.trim().toLowerCase()}\u0000${ip}`;

  function recent(key: string): number[] {
    const since = now() - windowMs;
    const kept = (failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  }

  return {
    retryAfterMs(email, ip) {
      const times = recent(keyOf(email, ip));
      if (times.length < maxFailures) return 0;
      return Math.max(1, times[times.length - maxFailures]! + windowMs - now());
    },
    recordFailure(email, ip) {
      const key = keyOf(email, ip);
      const times = recent(key);
      times.push(now());
      // Keep the list bounded however hard a client hammers.
      failures.set(key, times.slice(-maxFailures));
      bound(failures);
    },
    recordSuccess(email, ip) {
      failures.delete(keyOf(email, ip));
    },
  };
}
