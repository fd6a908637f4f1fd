// phx_join: validate the config, apply the connection's limits, verify the token, authorize private channels,
// subscribe, reply, then replay stored messages and send the presence state (RealtimeChannel.join/3 on hosted).
import { randomUUID } from 'node:crypto';
import { authorizeRead } from '../authorization.ts';
import { scheduleExpiry, type Channel } from '../channel.ts';
import type { PhoenixMessage } from '../framing.ts';
import { MAX_NAME_BYTES } from '../limits.ts';
import { REASONS, type Reason } from '../reasons.ts';
import { replayMessages, type ReplayRequest, type StoredBroadcast } from '../replay.ts';
import type { Session } from '../session.ts';
import { checkToken } from '../token.ts';

interface JoinConfig {
  broadcast: { self: boolean; ack: boolean; replay?: ReplayRequest };
  presence: { enabled: boolean; key: string };
  isPrivate: boolean;
  postgresChanges: unknown[];
}

const object = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The newest `since` a replay may ask for: the last millisecond a JavaScript Date (and PostgreSQL) can hold. */
const MAX_SINCE_MS = 8.64e15;

/** Reads the join config leniently, with hosted Realtime's defaults; only the replay options are checked strictly. */
export function parseJoinConfig(payload: unknown): JoinConfig | { error: Reason } {
  const config = object(object(payload).config);
  const broadcast = object(config.broadcast);
  const presence = object(config.presence);
  let replay: ReplayRequest | undefined;
  if (broadcast.replay !== undefined && broadcast.replay !== null) {
    const raw = object(broadcast.replay);
    const since = raw.since ?? 0;
    const limit = raw.limit ?? 10;
    const valid =
      Number.isSafeInteger(since) && (since as number) >= 0 && (since as number) <= MAX_SINCE_MS && Number.isSafeInteger(limit) && (limit as number) >= 1;
    if (!valid) return { error: REASONS.replayInvalid };
    replay = { since: since as number, limit: limit as number };
  }
  return {
    broadcast: { self: broadcast.self === true, ack: broadcast.ack === true, replay },
    presence: { enabled: presence.enabled === true, key: typeof presence.key === 'string' ? presence.key : '' },
    isPrivate: config.private === true,
    postgresChanges: Array.isArray(config.postgres_changes) ? config.postgres_changes : [],
  };
}

export async function handleJoin(session: Session, message: PhoenixMessage): Promise<void> {
  const { parts } = session;
  const refuse = (reason: Reason) => session.refuse(message, reason);

  if (!message.topic.startsWith('realtime:')) return refuse(REASONS.unmatchedTopic);
  const name = message.topic.slice('realtime:'.length);
  if (name === '') return refuse(REASONS.topicNameRequired);
  // Longer topics could not be framed for vsn 2.0.0 clients (one-byte length).
  if (Buffer.byteLength(message.topic) > MAX_NAME_BYTES) return refuse(REASONS.topicTooLong(MAX_NAME_BYTES));
  if (message.joinRef === null) return refuse(REASONS.joinRefRequired);

  // Joining a topic again replaces the earlier join, as Phoenix does.
  const existing = session.channels.get(message.topic);
  if (existing) session.removeChannel(existing, {});

  if (!session.joinRate.take()) return refuse(REASONS.joinRateLimit);
  if (session.channels.size >= parts.limits.maxChannelsPerConnection) return refuse(REASONS.channelLimit);

  const config = parseJoinConfig(message.payload);
  if ('error' in config) return refuse(config.error);
  if (config.postgresChanges.length > 0) return refuse(REASONS.postgresChanges);
  if (config.broadcast.replay && !config.isPrivate) return refuse(REASONS.replayPublic);

  const payload = object(message.payload);
  const token = typeof payload.access_token === 'string' && !payload.access_token.startsWith('sb_') ? payload.access_token : session.apiKey;
  const check = await checkToken(parts.verifyAccessToken, token);
  if (!check.ok) return refuse(check);

  const channel: Channel = {
    outbox: session,
    topic: message.topic,
    name,
    joinRef: message.joinRef,
    isPrivate: config.isPrivate,
    self: config.broadcast.self,
    ack: config.broadcast.ack,
    presenceEnabled: config.presence.enabled,
    presenceKey: config.presence.key || randomUUID(),
    token,
    claims: check.claims,
    policies: null,
  };

  if (channel.isPrivate) {
    const read = await authorizeRead(parts.sql, { topic: name, claims: check.claims }, channel.presenceEnabled);
    if (!read.broadcastRead && !read.presenceRead) return refuse(REASONS.unauthorized(name));
    if (config.broadcast.replay && !read.broadcastRead) return refuse(REASONS.unauthorized(name));
    channel.policies = { ...read, broadcastWrite: null, presenceWrite: null };
  }
  if (session.closed) return;

  let replayed: StoredBroadcast[] = [];
  if (config.broadcast.replay) {
    try {
      replayed = await replayMessages(parts.sql, name, config.broadcast.replay);
    } catch (error) {
      parts.log.warn('realtime', `replay on ${name} failed: ${(error as Error).message}`);
      return refuse(REASONS.replayFailed);
    }
  }
  if (replayed.length > 0) channel.replayedIds = new Set(replayed.map((row) => row.id));
  if (session.closed) return;

  session.channels.set(channel.topic, channel);
  parts.fanOut.subscribe(channel);
  scheduleExpiry(channel, (reason) => session.removeChannel(channel, { systemError: reason }));
  session.reply(message, 'ok', { postgres_changes: [] });

  for (const row of replayed) {
    session.push({
      joinRef: null,
      ref: null,
      topic: channel.topic,
      event: 'broadcast',
      payload: { type: 'broadcast', event: row.event, payload: row.payload, meta: { replayed: true, id: row.id } },
    });
  }
  if (channel.presenceEnabled && (channel.policies === null || channel.policies.presenceRead)) {
    session.push({ joinRef: channel.joinRef, ref: null, topic: channel.topic, event: 'presence_state', payload: parts.presence.state(channel) });
  }
}
