// Orders the guest placed that the server has not confirmed yet, kept in localStorage with their
// client-chosen id. Flushing re-sends them; the database treats a repeated id as the same order, so a
// request that went through but whose answer was lost is never ordered twice.
import { isUnreachable, problemFrom, type ProblemCode, type ServerError } from '$lib/problems/problems';

/** What sending one order answered: supabase-js's `{ status, error }` (status 0 when no answer came). */
export interface SendResult {
  status: number;
  error: ServerError | null;
}

export interface PendingOrder {
  id: string;
  drink_id: string;
  drink_name: string;
  note: string | null;
  queued_at: string;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface FlushResult {
  sent: PendingOrder[];
  refused: { order: PendingOrder; problem: ProblemCode }[];
  waiting: number;
}

export class Outbox {
  #flushing: Promise<FlushResult> | null = null;

  constructor(
    private storage: KeyValueStorage,
    private key: string,
  ) {}

  list(): PendingOrder[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(this.key) ?? '[]');
      return Array.isArray(parsed) ? (parsed as PendingOrder[]) : [];
    } catch {
      return [];
    }
  }

  add(order: PendingOrder): void {
    this.#save([...this.list().filter((queued) => queued.id !== order.id), order]);
  }

  remove(id: string): void {
    this.#save(this.list().filter((queued) => queued.id !== id));
  }

  /** Sends queued orders oldest first; stops at the first one the network swallows. One flush at a time. */
  flush(send: (order: PendingOrder) => Promise<SendResult>): Promise<FlushResult> {
    this.#flushing ??= this.#flush(send).finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  async #flush(send: (order: PendingOrder) => Promise<SendResult>): Promise<FlushResult> {
    const result: FlushResult = { sent: [], refused: [], waiting: 0 };
    for (const order of this.list()) {
      let outcome: SendResult;
      try {
        outcome = await send(order);
      } catch (error) {
        outcome = { status: 0, error: { message: String(error) } };
      }
      if (outcome.error && isUnreachable({ ...outcome.error, status: outcome.status })) break;
      this.remove(order.id);
      if (outcome.error) result.refused.push({ order, problem: problemFrom({ ...outcome.error, status: outcome.status })?.code ?? 'unknown' });
      else result.sent.push(order);
    }
    result.waiting = this.list().length;
    return result;
  }

  #save(orders: PendingOrder[]): void {
    this.storage.setItem(this.key, JSON.stringify(orders));
  }
}
