// The one "subscribe + re-sync" helper for live data. Realtime is the fast path; the database is the truth:
// every (re)join, every return to the page, every return online and every event re-reads from the database,
// and while the channel is down a slow poll keeps the screen honest.
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';

export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface LiveChannelOptions {
  client: SupabaseClient;
  /** A private Broadcast channel, e.g. `orders:<user_key>` or `admin:orders`. */
  topic: string;
  events: string[];
  /** Called for each event as it arrives (the fast path: alerts, sounds, optimistic updates). */
  onEvent?: (event: string, payload: Record<string, unknown>) => void;
  /** Reloads the state from the database. */
  resync: () => Promise<void>;
  pollWhileOfflineMs?: number;
}

export interface LiveChannel {
  readonly status: LiveStatus;
  readonly lastSyncedAt: Date | null;
  resync(): Promise<void>;
  stop(): Promise<void>;
}

export function createLiveChannel(options: LiveChannelOptions): LiveChannel {
  const state = $state({ status: 'connecting' as LiveStatus, lastSyncedAt: null as Date | null });
  let running: Promise<void> | null = null;
  let again = false;
  let eventTimer: ReturnType<typeof setTimeout> | undefined;

  // Single flight: a re-sync asked for while one runs is done once more afterwards, never in parallel.
  function resync(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await options.resync();
          state.lastSyncedAt = new Date();
        } catch {
          // The next trigger (online, visible, poll, rejoin) tries again.
        }
      } while (again);
    })().finally(() => (running = null));
    return running;
  }

  const channel: RealtimeChannel = options.client.channel(options.topic, { config: { private: true } });
  for (const event of options.events) {
    channel.on('broadcast', { event }, (message) => {
      options.onEvent?.(event, (message.payload ?? {}) as Record<string, unknown>);
      clearTimeout(eventTimer);
      eventTimer = setTimeout(() => void resync(), 250);
    });
  }
  const subscribe = () =>
    channel.subscribe((status) => {
      if (status === 'SUBSCRIBED') {
        state.status = 'live';
        void resync();
      } else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT' || status === 'CLOSED') {
        state.status = 'offline';
      }
    });
  // The user's token must reach Realtime before the first private join, or that join is made as anon and
  // refused once (hosted Supabase behaves the same).
  options.client.realtime.setAuth().then(subscribe, subscribe);

  const onVisible = () => {
    if (document.visibilityState === 'visible') void resync();
  };
  const onOnline = () => {
    // The socket may have survived a short outage; realtime-js rejoins on its own when it did not.
    if (channel.state === 'joined') state.status = 'live';
    void resync();
  };
  const onOffline = () => (state.status = 'offline');
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  const poll = setInterval(() => {
    if (state.status !== 'live' && document.visibilityState === 'visible') void resync();
  }, options.pollWhileOfflineMs ?? 10_000);

  void resync();

  return {
    get status() {
      return state.status;
    },
    get lastSyncedAt() {
      return state.lastSyncedAt;
    },
    resync,
    async stop() {
      clearInterval(poll);
      clearTimeout(eventTimer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      await options.client.removeChannel(channel);
    },
  };
}
