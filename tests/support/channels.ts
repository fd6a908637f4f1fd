// Joins private Broadcast channels with the real realtime-js (through supabase-js) and collects their events.
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';

export interface Joined {
  channel: RealtimeChannel;
  events: { event: string; payload: Record<string, unknown> }[];
  /** Resolves to the next event matching `match` (already received or still to come). */
  next(
    match: (event: { event: string; payload: Record<string, unknown> }) => boolean,
    timeoutMs?: number,
  ): Promise<{ event: string; payload: Record<string, unknown> }>;
}

/** Resolves once joined; rejects with the server's reason when the join is refused. */
export function joinPrivate(client: Pick<SupabaseClient, 'channel' | 'removeChannel' | 'realtime'>, topic: string, events: string[]): Promise<Joined> {
  const channel = client.channel(topic, { config: { private: true } });
  const received: Joined['events'] = [];
  const waiters: (() => void)[] = [];
  for (const event of events) {
    channel.on('broadcast', { event }, (message) => {
      received.push({ event, payload: message.payload as Record<string, unknown> });
      for (const wake of waiters.splice(0)) wake();
    });
  }
  const joined: Joined = {
    channel,
    events: received,
    next(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event on ${topic}; got ${JSON.stringify(received)}`)), timeoutMs);
        const check = () => {
          const found = received.find(match);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          } else waiters.push(check);
        };
        check();
      });
    },
  };
  // The user's token goes to Realtime before the first private join (else that join is made as anon).
  return client.realtime.setAuth().then(
    () =>
      new Promise((resolve, reject) => {
        channel.subscribe((status, error) => {
          if (status === 'SUBSCRIBED') resolve(joined);
          else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') {
            void client.removeChannel(channel);
            reject(error ?? new Error(status));
          }
        });
      }),
  );
}
