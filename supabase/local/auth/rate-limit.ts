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
      if (failures.size > 10_000) for (const old of [...failures.keys()].slice(0, 1000)) failures.delete(old);
    },
    recordSuccess(email, ip) {
      failures.delete(keyOf(email, ip));
    },
  };
}
