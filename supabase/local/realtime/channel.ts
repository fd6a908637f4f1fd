// One joined channel of one connection, and its end of life: leave, close by the server, token expiry.
import type { AccessTokenClaims } from '../shared/jwt.ts';
import type { Policies } from './authorization.ts';
import type { PhoenixMessage, Vsn } from './framing.ts';
import type { WireFrame } from './wire.ts';
import { msUntilExpiry, secondsSinceExpiry } from './token.ts';

/** The sending side of a connection, as channels, fan-out and presence see it. */
export interface Outbox {
  readonly vsn: Vsn;
  /** The client address of the connection: presence state is budgeted per address. */
  readonly address: string;
  push(message: PhoenixMessage): void;
  /** A complete WebSocket message (wire.ts), the same Buffer for every receiver of a fan-out. */
  sendFrame(frame: WireFrame): void;
}

export interface Channel {
  outbox: Outbox;
  /** Wire topic, `realtime:<name>`. */
  topic: string;
  /** The topic as RLS and realtime.send see it. */
  name: string;
  joinRef: string;
  isPrivate: boolean;
  self: boolean;
  ack: boolean;
  presenceEnabled: boolean;
  presenceKey: string;
  token: string;
  claims: AccessTokenClaims;
  /** null on public channels: nothing to authorize. */
  policies: Policies | null;
  expiryTimer?: NodeJS.Timeout;
  /** Ids already sent by a replay, so the live copy is not delivered twice. */
  replayedIds?: Set<string>;
}

/** Where channels are registered: fan-out (broadcast) and presence. */
export interface ChannelRegistry {
  remove(channel: Channel): void;
}

/** `fanOutKey` keeps public and private channels of the same name apart, as hosted Realtime does. */
export function fanOutKey(isPrivate: boolean, name: string): string {
  return `${isPrivate ? 'private' : 'public'}:${name}`;
}

export function canReadBroadcast(channel: Channel): boolean {
  return channel.policies === null || channel.policies.broadcastRead;
}

export function canReadPresence(channel: Channel): boolean {
  return channel.policies === null || channel.policies.presenceRead === true;
}

/** Tells the client the server closed the channel: `system` error (when given) then `phx_close`. */
export function pushClose(channel: Channel, systemError?: string): void {
  if (systemError !== undefined) {
    channel.outbox.push({
      joinRef: channel.joinRef,
      ref: null,
      topic: channel.topic,
      event: 'system',
      payload: { extension: 'system', status: 'error', message: systemError, channel: channel.name },
    });
  }
  channel.outbox.push({ joinRef: channel.joinRef, ref: channel.joinRef, topic: channel.topic, event: 'phx_close', payload: {} });
}

/** Closes the channel when its token reaches `exp` (no leeway), re-arming for tokens beyond the timer cap. */
export function scheduleExpiry(channel: Channel, onExpired: (message: string) => void): void {
  clearTimeout(channel.expiryTimer);
  const delay = msUntilExpiry(channel.claims);
  channel.expiryTimer = setTimeout(() => {
    if (channel.claims.exp * 1000 > Date.now()) scheduleExpiry(channel, onExpired);
    else onExpired(`Token has expired ${secondsSinceExpiry(channel.token, Date.now())} seconds ago`);
  }, delay);
  channel.expiryTimer.unref();
}
