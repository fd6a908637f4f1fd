// Re-authorization on the database's request: a private channel's read permission is checked on join and cached
// until the client sends a new token, so when someone's rights change the database says whose channels to check
// again — NOTIFY barkeep_realtime_reauthorize '{"sub": "<user id>"}' and/or '{"topic": "<name>"}' — and every
// matching private channel is authorized afresh under its own token; those the policies no longer allow are
// closed as an expired token closes them (`system` error, then `phx_close`). Nothing here knows the app's events.
import type { Sql } from 'postgres';
import type { Logger } from '../shared/log.ts';
import { authorizeRead } from './authorization.ts';
import type { Channel } from './channel.ts';
import type { Session } from './session.ts';

export const REAUTHORIZE_CHANNEL = 'barkeep_realtime_reauthorize';
const MAX_FIELD_LENGTH = 255;

/** Which private channels to check again: those whose token's `sub` and/or whose topic match. */
export interface ReauthorizeRequest {
  sub?: string;
  topic?: string;
}

/** Parses a NOTIFY payload; undefined for anything but an object with a `sub` and/or `topic` string. Pure. */
export function parseReauthorizeRequest(text: string): ReauthorizeRequest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { sub, topic } = value as Record<string, unknown>;
  const field = (raw: unknown) => (typeof raw === 'string' && raw !== '' && raw.length <= MAX_FIELD_LENGTH ? raw : undefined);
  if ((sub !== undefined && !field(sub)) || (topic !== undefined && !field(topic)) || (sub === undefined && topic === undefined)) return undefined;
  return { ...(sub !== undefined ? { sub: sub as string } : {}), ...(topic !== undefined ? { topic: topic as string } : {}) };
}

export function isRequested(channel: Pick<Channel, 'isPrivate' | 'name' | 'claims'>, request: ReauthorizeRequest): boolean {
  if (!channel.isPrivate) return false;
  if (request.topic !== undefined && channel.name !== request.topic) return false;
  return request.sub === undefined || channel.claims.sub === request.sub;
}

/** Authorizes one channel again under its current token; closes it when it may no longer read. */
export async function reauthorizeChannel(session: Session, channel: Channel): Promise<void> {
  const before = channel.policies;
  if (!before) return;
  const read = await authorizeRead(session.parts.sql, { topic: channel.name, claims: channel.claims }, channel.presenceEnabled);
  const revoked = (before.broadcastRead && !read.broadcastRead) || (before.presenceRead === true && read.presenceRead === false);
  if (revoked || (!read.broadcastRead && !read.presenceRead)) {
    session.removeChannel(channel, { systemError: `You no longer have permission to read from this Channel topic: ${channel.name}` });
    return;
  }
  channel.policies = { ...read, broadcastWrite: null, presenceWrite: null };
}

/** LISTENs for re-authorization requests; resolves once LISTEN is active. */
export async function listenForReauthorization(sql: Sql, sessions: () => Iterable<Session>, log: Logger): Promise<{ stop(): Promise<void> }> {
  const subscription = await sql.listen(REAUTHORIZE_CHANNEL, (text) => {
    const request = parseReauthorizeRequest(text);
    if (!request) {
      log.warn('realtime', `ignored a malformed ${REAUTHORIZE_CHANNEL} notification`);
      return;
    }
    for (const session of sessions()) {
      for (const channel of [...session.channels.values()]) {
        if (!isRequested(channel, request)) continue;
        reauthorizeChannel(session, channel).catch((error) => log.error('realtime', `could not re-authorize ${channel.name}`, error));
      }
    }
  });
  return { stop: () => subscription.unlisten() };
}
