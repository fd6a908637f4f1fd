// One dispatcher run: claim due deliveries (SKIP LOCKED, so concurrent runs never share a row), send them in
// parallel so one slow or failing push service never holds up another guest, record each outcome.
import type { EndpointPolicy } from './endpoint.ts';
import { type Outcome, type RetryPolicy } from './outcome.ts';
import { sendDelivery, type Delivery, type VapidDetails } from './send.ts';

export interface DispatchOptions {
  supabaseUrl: string;
  serviceRoleKey: string;
  vapid: VapidDetails;
  policy: RetryPolicy;
  endpointPolicy?: EndpointPolicy;
  batchSize?: number;
  /** Stop claiming new batches after this long; what is left is picked up by the next run. */
  budgetMs?: number;
  sendTimeoutMs?: number;
}

export interface DispatchSummary {
  sent: number;
  retrying: number;
  failed: number;
  gone: number;
  /** When the earliest retry is due (ISO time), so the caller can wake up then; null if none is waiting. */
  next_attempt_at: string | null;
}

async function rpc<T>(options: DispatchOptions, name: string, body: unknown): Promise<T> {
  const response = await fetch(`${options.supabaseUrl}/rest/v1/rpc/${name}`, {
    method: 'POST',
    headers: {
      apikey: options.serviceRoleKey,
      authorization: `Bearer ${options.serviceRoleKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${name} failed with ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export async function dispatch(options: DispatchOptions): Promise<DispatchSummary> {
  const summary: DispatchSummary = { sent: 0, retrying: 0, failed: 0, gone: 0, next_attempt_at: null };
  const started = Date.now();
  const budgetMs = options.budgetMs ?? 20_000;
  const batchSize = options.batchSize ?? 50;

  while (Date.now() - started < budgetMs) {
    const deliveries = await rpc<Delivery[]>(options, 'claim_push_deliveries', { max_rows: batchSize });
    if (deliveries.length === 0) break;
    const outcomes = await Promise.all(
      deliveries.map(async (delivery) => ({
        id: delivery.id,
        ...(await sendDelivery(delivery, options.vapid, options.policy, options.sendTimeoutMs ?? 10_000, options.endpointPolicy)),
      })),
    );
    for (const { outcome } of outcomes) count(summary, outcome);
    summary.next_attempt_at = await rpc<string | null>(options, 'finish_push_deliveries', { results: outcomes });
    if (deliveries.length < batchSize) break;
  }
  return summary;
}

function count(summary: DispatchSummary, outcome: Outcome['outcome']): void {
  if (outcome === 'sent') summary.sent++;
  else if (outcome === 'retry') summary.retrying++;
  else if (outcome === 'gone') summary.gone++;
  else summary.failed++;
}
