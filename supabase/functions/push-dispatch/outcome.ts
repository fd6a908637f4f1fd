// What a push service's answer means for one queued notification (RFC 8030 §5, §8.2): done, gone, try
// again later (with exponential backoff, or the service's Retry-After), or give up. Pure, tested beside.

export type Outcome =
  | { outcome: 'sent'; status: number }
  | { outcome: 'gone'; status: number }
  | { outcome: 'retry'; status?: number; error: string; retry_in_seconds: number }
  | { outcome: 'failed'; status?: number; error: string };

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelaySeconds: 15, maxDelaySeconds: 15 * 60 };

/** Delay before attempt `attempts + 1`: base, 2×base, 4×base, … capped. */
export function backoffSeconds(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(policy.baseDelaySeconds * 2 ** exponent, policy.maxDelaySeconds);
}

/** Retry-After as seconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function retryOrGiveUp(attempts: number, error: string, status: number | undefined, policy: RetryPolicy, retryAfter?: number): Outcome {
  if (attempts >= policy.maxAttempts) return { outcome: 'failed', status, error: `${error}; gave up after ${attempts} attempts` };
  const delay = Math.max(backoffSeconds(attempts, policy), Math.min(retryAfter ?? 0, policy.maxDelaySeconds));
  return { outcome: 'retry', status, error, retry_in_seconds: delay };
}

/** Classifies the push service's HTTP answer to attempt number `attempts` (1-based). */
export function classifyResponse(
  status: number,
  attempts: number,
  retryAfterHeader: string | null = null,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Outcome {
  if (status >= 200 && status < 300) return { outcome: 'sent', status };
  // The subscription expired or was withdrawn: never try it again.
  if (status === 404 || status === 410) return { outcome: 'gone', status };
  if (status === 429 || status >= 500) {
    return retryOrGiveUp(attempts, `push service answered ${status}`, status, policy, parseRetryAfter(retryAfterHeader));
  }
  // 400, 401, 403 (VAPID key mismatch), 413 (payload too large): retrying cannot help.
  return { outcome: 'failed', status, error: `push service refused the message (${status})` };
}

/** A network error or timeout: the message may not have arrived, so it is retried. */
export function classifyNetworkError(error: unknown, attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Outcome {
  const message = error instanceof Error ? error.message : String(error);
  return retryOrGiveUp(attempts, `push service unreachable: ${message}`, undefined, policy);
}
