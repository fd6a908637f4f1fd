// Turns a refused order or status change into something a guest or host can act on. The database sends a
// stable reason in `details` (see the orders migration); a failed request with no HTTP status is the network.
export type OrderProblem =
  | 'bar_closed'
  | 'last_call_passed'
  | 'drink_unavailable'
  | 'too_many_open_orders'
  | 'guest_inactive'
  | 'not_a_guest'
  | 'invalid_note'
  | 'invalid_transition'
  | 'status_unchanged'
  | 'offline'
  | 'unknown';

const KNOWN = new Set<OrderProblem>([
  'bar_closed',
  'last_call_passed',
  'drink_unavailable',
  'too_many_open_orders',
  'guest_inactive',
  'not_a_guest',
  'invalid_note',
  'invalid_transition',
  'status_unchanged',
]);

export interface RequestFailure {
  status: number;
  error: { message: string; details?: string | null; code?: string } | null;
}

/** True when the request never got an answer from the server (or a gateway said the service is down). */
export function isRetryable(result: RequestFailure): boolean {
  return result.error !== null && (result.status === 0 || result.status >= 502);
}

export function orderProblem(result: RequestFailure): OrderProblem | null {
  if (!result.error) return null;
  if (isRetryable(result)) return 'offline';
  const reason = result.error.details ?? '';
  return KNOWN.has(reason as OrderProblem) ? (reason as OrderProblem) : 'unknown';
}
