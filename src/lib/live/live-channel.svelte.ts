// The one "subscribe + re-sync" helper for live data. Realtime is the fast path; the database is the truth:
// every (re)join, every return to the page, every return online and every event re-reads from the database,
// and while the channel is down a slow poll keeps the screen honest.
//
// "Live" means a server answers right now. A server can vanish without closing the socket (killed, laptop
// asleep, Wi-Fi gone): realtime-js would notice at its next 25 s heartbeat, twice. So a visible page probes
// every few seconds — an unanswered heartbeat tears the socket down and realtime-js reconnects and rejoins,
// which re-reads. A server that was replaced (a restart) closes its sockets with a close frame: same path.
import type { RealtimeChannel, RealtimeClient } from '@supabase/realtime-js';
import type { DataClient } from '$lib/supabase/data-client';

export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface LiveChannelOptions {
  /** The guest's or the host's client: only its Realtime side is used. */
  client: Pick<DataClient, 'channel' | 'removeChannel' | 'realtime'>;
  /** A private Broadcast channel, e.g. `orders:<user_key>` or `admin:orders`. */
  topic: string;
  events: string[];
  /** Called for each event as it arrives (the fast path: alerts, sounds, optimistic updates). */
  onEvent?: (event: string, payload: Record<string, unknown>) => void;
  /** Reloads the state from the database. */
  resync: () => Promise<void>;
  pollWhileOfflineMs?: number;
  /** How often a visible page checks that the server still answers; a dead server shows within about twice this. */
  probeEveryMs?: number;
}

export interface LiveChannel {
  readonly status: LiveStatus;
  readonly lastSyncedAt: Date | null;
  resync(): Promise<void>;
  stop(): Promise<void>;
}

type HeartbeatStatus = 'sent' | 'ok' | 'error' | 'timeout' | 'disconnected';
type HeartbeatListener = (status: HeartbeatStatus) => void;

/**
 * realtime-js has one heartbeat callback per client; several live channels share a client, so one callback is
 * installed per client and fans out (keeping a callback someone else set before).
 */
const heartbeatListeners = new WeakMap<RealtimeClient, Set<HeartbeatListener>>();

function onHeartbeat(realtime: RealtimeClient, listener: HeartbeatListener): () => void {
  let listeners = heartbeatListeners.get(realtime);
  if (!listeners) {
    const installed = new Set<HeartbeatListener>();
    listeners = installed;
    heartbeatListeners.set(realtime, installed);
    const previous = realtime.heartbeatCallback;
    realtime.onHeartbeat((status, latency) => {
      previous?.(status, latency);
      for (const each of installed) each(status as HeartbeatStatus);
    });
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function createLiveChannel(options: LiveChannelOptions): LiveChannel {
  const state = $state({ status: 'connecting' as LiveStatus, lastSyncedAt: null as Date | null });
  let running: Promise<void> | null = null;
  let again = false;
  let eventTimer: ReturnType<typeof setTimeout> | undefined;
  const realtime = options.client.realtime;

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
  realtime.setAuth().then(subscribe, subscribe);

  // Only an answered heartbeat on a joined channel is proof of life; a missing answer is proof of the opposite.
  const stopHeartbeats = onHeartbeat(realtime, (heartbeat) => {
    if (heartbeat === 'ok' && channel.state === 'joined') state.status = 'live';
    else if (heartbeat === 'timeout' || heartbeat === 'error') state.status = 'offline';
  });
  const probe = () => {
    // A heartbeat still unanswered when the next one is due makes realtime-js reconnect (and rejoin).
    if (channel.state === 'joined') void realtime.sendHeartbeat();
  };

  const onVisible = () => {
    if (document.visibilityState !== 'visible') return;
    probe();
    void resync();
  };
  const onOnline = () => {
    // The socket may have survived a short outage; the probe's answer says so (or realtime-js reconnects).
    probe();
    void resync();
  };
  const onOffline = () => (state.status = 'offline');
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  const poll = setInterval(() => {
    if (state.status !== 'live' && document.visibilityState === 'visible') void resync();
  }, options.pollWhileOfflineMs ?? 10_000);
  const prober = setInterval(() => {
    if (document.visibilityState === 'visible') probe();
  }, options.probeEveryMs ?? 5_000);

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
      clearInterval(prober);
      clearTimeout(eventTimer);
      stopHeartbeats();
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      await options.client.removeChannel(channel);
    },
  };
}
