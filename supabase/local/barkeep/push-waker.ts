// Wakes the push-dispatch Edge Function the moment the database commits a queued push (NOTIFY barkeep_push,
// sent by a trigger on private.push_outbox), when the earliest retry falls due, and on a periodic sweep.
// The local stand-in for hosted Supabase's database webhook + pg_cron sweep (see README).
import type { Sql } from 'postgres';
import type { Logger } from '../shared/log.ts';

export const PUSH_CHANNEL = 'barkeep_push';
const DEBOUNCE_MS = 25;
const SWEEP_MS = 30_000;
/** setTimeout cannot wait longer than 2^31 - 1 ms; the sweep covers anything further out anyway. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface PushWaker {
  close(): Promise<void>;
}

export async function startPushWaker(options: { sql: Sql; apiUrl: string; serviceRoleKey: string; log: Logger }): Promise<PushWaker> {
  const { log } = options;
  let closed = false;
  let running = false;
  let runAgain = false;
  let lastError = '';
  let debounce: NodeJS.Timeout | undefined;
  let due: NodeJS.Timeout | undefined;

  const scheduleDue = (nextAttemptAt: string | null) => {
    clearTimeout(due);
    due = undefined;
    if (!nextAttemptAt || closed) return;
    const wait = Math.min(Math.max(0, Date.parse(nextAttemptAt) - Date.now()) + 50, MAX_TIMER_MS);
    due = setTimeout(wake, wait);
  };

  async function run() {
    if (running) {
      runAgain = true;
      return;
    }
    running = true;
    try {
      const response = await fetch(`${options.apiUrl}/functions/v1/push-dispatch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.serviceRoleKey}`, 'content-type': 'application/json' },
        body: '{}',
      });
      const body = (await response.json().catch(() => ({}))) as { next_attempt_at?: string | null; sent?: number };
      if (!response.ok) throw new Error(`push-dispatch answered ${response.status}`);
      lastError = '';
      scheduleDue(body.next_attempt_at ?? null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Once per distinct problem: the sweep keeps retrying and would otherwise flood the log.
      if (message !== lastError && !closed) log.warn('push', `could not run push-dispatch: ${message}`);
      lastError = message;
    } finally {
      running = false;
      if (runAgain && !closed) {
        runAgain = false;
        wake();
      }
    }
  }

  function wake() {
    if (closed || debounce) return;
    debounce = setTimeout(() => {
      debounce = undefined;
      void run();
    }, DEBOUNCE_MS);
  }

  /** The sweep asks the database first, so an idle party never boots the dispatcher. */
  async function sweepDue() {
    try {
      const [row] = await options.sql<{ due: Date | null }[]>`
        select min(case when state = 'pending' then next_attempt_at else locked_until end) as due
        from private.push_outbox where state in ('pending', 'sending')`;
      if (row?.due && row.due.getTime() <= Date.now()) wake();
      else if (row?.due && !due) scheduleDue(row.due.toISOString());
    } catch {
      // No push queue in this project's database: nothing to sweep.
    }
  }

  // Deliveries a dispatcher had claimed when the stack was killed (power cut, kill -9) would wait out their lease
  // (2 min) before anyone retried them. This stack starts its own dispatcher only from here on, so every claim
  // still open now belongs to a run that is gone: hand them back at once.
  try {
    const released = await options.sql`
      update private.push_outbox set locked_until = now() where state = 'sending' and locked_until > now()`;
    if (released.count > 0) log.info('push', `${released.count} push(es) interrupted by the last stop go out again`);
  } catch {
    // No push queue in this project's database: nothing to release.
  }

  const subscription = await options.sql.listen(PUSH_CHANNEL, wake);
  const sweep = setInterval(() => void sweepDue(), SWEEP_MS);
  // Pushes queued while the stack was down go out now.
  void sweepDue();

  return {
    async close() {
      closed = true;
      clearInterval(sweep);
      clearTimeout(debounce);
      clearTimeout(due);
      await subscription.unlisten().catch(() => {});
    },
  };
}
