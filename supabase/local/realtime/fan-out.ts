// Broadcast fan-out: topic → subscribed channels, each message serialized once per protocol version, WebSocket
// frame header included (wire.ts), and that one Buffer written to every subscriber's socket.
// Messages from the database arrive on ONE LISTEN connection (channel `barkeep_realtime`, sent by the trigger in
// postgres/bootstrap/20-realtime.sql). NOTIFY is delivered only after COMMIT and in commit order, so a rolled-back
// realtime.send never reaches anyone, and per-topic order is the commit order. Oversized messages arrive as
// `{fetch: true}` and are loaded by id without letting later messages overtake them.
import type { Sql } from 'postgres';
import type { Logger } from '../shared/log.ts';
import { canReadBroadcast, fanOutKey, type Channel } from './channel.ts';
import { OutgoingBroadcast, type UserBroadcast } from './framing.ts';

export const NOTIFY_CHANNEL = 'barkeep_realtime';

export class FanOut {
  private readonly subscribers = new Map<string, Set<Channel>>();

  subscribe(channel: Channel): void {
    const key = fanOutKey(channel.isPrivate, channel.name);
    let set = this.subscribers.get(key);
    if (!set) this.subscribers.set(key, (set = new Set()));
    set.add(channel);
  }

  unsubscribe(channel: Channel): void {
    const key = fanOutKey(channel.isPrivate, channel.name);
    const set = this.subscribers.get(key);
    if (!set) return;
    set.delete(channel);
    if (set.size === 0) this.subscribers.delete(key);
  }

  channelsOf(isPrivate: boolean, name: string): ReadonlySet<Channel> {
    return this.subscribers.get(fanOutKey(isPrivate, name)) ?? new Set();
  }

  /** Sends `broadcast` to every channel of the topic allowed to read it; returns how many received it. */
  deliver(isPrivate: boolean, name: string, broadcast: UserBroadcast, except?: Channel): number {
    const set = this.subscribers.get(fanOutKey(isPrivate, name));
    if (!set) return 0;
    const outgoing = new OutgoingBroadcast(`realtime:${name}`, broadcast);
    const id = typeof broadcast.meta?.id === 'string' ? broadcast.meta.id : undefined;
    let delivered = 0;
    for (const channel of set) {
      if (channel === except || !canReadBroadcast(channel)) continue;
      if (id !== undefined && channel.replayedIds?.has(id)) continue;
      // Built on first use per protocol version, then the same bytes for every socket of the topic.
      const frame = outgoing.frame(channel.outbox.vsn);
      if (frame === null) continue; // a message this protocol version cannot carry never keeps it from the others
      channel.outbox.sendFrame(frame);
      delivered += 1;
    }
    return delivered;
  }
}

/** A row of realtime.messages as the NOTIFY trigger announces it: a JSON header line, then the payload JSON. */
export interface Notification {
  id: string;
  topic: string;
  event: string | null;
  private: boolean;
  /** The payload as JSON text (forwarded without parsing), absent when it has to be fetched. */
  payload?: string;
  fetch?: boolean;
}

/** Parses `<header JSON>\n<payload JSON>`; undefined for anything else. Pure. */
export function parseNotification(text: string): Notification | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  let header: Notification;
  try {
    header = JSON.parse(text.slice(0, newline)) as Notification;
  } catch {
    return undefined;
  }
  if (typeof header !== 'object' || header === null || typeof header.id !== 'string' || typeof header.topic !== 'string' || typeof header.private !== 'boolean')
    return undefined;
  if (header.fetch !== true) header.payload = text.slice(newline + 1) || '{}';
  return header;
}

/** Subscribes to database broadcasts; resolves once LISTEN is active. */
export async function listenForDatabaseBroadcasts(sql: Sql, fanOut: FanOut, log: Logger): Promise<{ stop(): Promise<void> }> {
  const queue: Notification[] = [];
  let draining = false;
  let listens = 0;

  const deliver = (row: Notification) => {
    fanOut.deliver(row.private, row.topic, { event: row.event ?? '', encoding: 'json', payload: Buffer.from(row.payload ?? '{}'), meta: { id: row.id } });
  };

  const drain = async () => {
    draining = true;
    while (queue.length > 0) {
      const row = queue[0];
      if (row.fetch) {
        try {
          const [stored] = await sql<{ payload: string | null }[]>`select payload::text as payload from realtime.messages where id = ${row.id}::uuid limit 1`;
          row.payload = stored?.payload ?? '{}';
        } catch (error) {
          log.error('realtime', `could not load broadcast ${row.id}`, error);
        }
      }
      queue.shift();
      deliver(row);
    }
    draining = false;
  };

  const subscription = await sql.listen(
    NOTIFY_CHANNEL,
    (text) => {
      const row = parseNotification(text);
      if (!row) {
        log.warn('realtime', 'ignored a malformed database broadcast notification');
        return;
      }
      // The common case takes no detour: nothing queued ahead of it, nothing to fetch.
      if (!draining && !row.fetch) {
        deliver(row);
        return;
      }
      queue.push(row);
      if (!draining) void drain();
    },
    () => {
      // postgres.js re-LISTENs after a lost connection; what was committed in between reached nobody live.
      if (listens++ > 0) log.warn('realtime', 'LISTEN re-established after a database reconnect; clients catch up with broadcast.replay');
    },
  );
  return { stop: () => subscription.unlisten() };
}
