// Per-client-address rate limits of the guest-identity functions. The counting lives in the database
// (private.hit_rate_limit: one atomic upsert per key and window), so limits hold across function instances.

export interface RateLimitRule {
  /** Key prefix, e.g. "register". */
  name: string;
  /** Requests allowed per window and client address. */
  limit: number;
  windowSeconds: number;
}

export type HitCounter = (key: string, windowSeconds: number) => Promise<{ hits: number; retryAfterSeconds: number }>;

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * The caller's address from `X-Forwarded-For`. Each proxy appends the address it saw, so only entries from
 * the right are trustworthy: skip the `trustedProxies` hops of our own infrastructure that append after the
 * gateway, take the next one. Anything a client wrote itself sits further left and is ignored.
 */
export function clientAddress(forwardedFor: string | null, trustedProxies = 0): string {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const address = hops[Math.max(0, hops.length - 1 - trustedProxies)] ?? 'unknown';
  return address.replace(/^::ffff:/, '').slice(0, 100);
}

export async function checkRateLimit(rule: RateLimitRule, address: string, hit: HitCounter): Promise<RateLimitVerdict> {
  const { hits, retryAfterSeconds } = await hit(`${rule.name}:${address}`, rule.windowSeconds);
  return hits <= rule.limit ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, retryAfterSeconds) };
}

/** A positive whole number from the environment, or `fallback` when unset; a bad value is a config error. */
export function positiveIntegerSetting(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name}=${raw} is not a whole number ≥ 0.`);
  return value;
}
