// One WebSocket connection's state machine: decode frames, answer heartbeats, route channel events to their
// handlers in arrival order, apply per-connection limits, and tear every channel down when the socket closes.
import type { Duplex } from 'node:stream';
import type { Sql } from 'postgres';
import type WebSocket from 'ws';
import type { VerifyAccessToken } from '../shared/jwt.ts';
import type { Logger } from '../shared/log.ts';
import { pushClose, type Channel, type Outbox } from './channel.ts';
import type { FanOut } from './fan-out.ts';
import { decodeFrame, encodeText, FrameError, type InboundFrame, type PhoenixMessage, type Vsn } from './framing.ts';
import { handleAccessToken } from './handlers/access-token.ts';
import { handleBroadcast } from './handlers/broadcast.ts';
import { handleJoin } from './handlers/join.ts';
import { handleLeave } from './handlers/leave.ts';
import { handlePresence } from './handlers/presence.ts';
import { RateWindow, type RealtimeLimits } from './limits.ts';
import type { PresenceRegistry } from './presence.ts';
import { reasonText, REASONS, type Reason } from './reasons.ts';
import { SocketWriter } from './socket-writer.ts';
import { textWireFrame, type WireFrame } from './wire.ts';

/** What every session shares: one per Realtime service. */
export interface RealtimeParts {
  sql: Sql;
  fanOut: FanOut;
  presence: PresenceRegistry;
  verifyAccessToken: VerifyAccessToken;
  limits: RealtimeLimits;
  log: Logger;
}

/** WebSocket close codes used here (RFC 6455). */
export const CLOSE_INVALID_FRAME = 1007;
export const CLOSE_POLICY = 1008;
export const CLOSE_TOO_BIG = 1009;

export class Session implements Outbox {
  readonly channels = new Map<string, Channel>();
  readonly joinRate: RateWindow;
  private readonly eventRate: RateWindow;
  private queue: Promise<void> = Promise.resolve();
  private readonly writer: SocketWriter;
  lastSeen = Date.now();
  closed = false;

  /**
   * `ws` reads the connection (frames, ping/pong, close); what the server sends is written by `writer` straight to
   * `stream`, the same TCP socket. That keeps order with `ws`'s own control frames because its Sender writes
   * synchronously: it only queues while compressing (perMessageDeflate is off) or reading a Blob (none is sent).
   */
  constructor(
    private readonly socket: WebSocket,
    stream: Duplex,
    readonly vsn: Vsn,
    /** The apikey of the connection: the access token of channels that join without one. */
    readonly apiKey: string,
    readonly parts: RealtimeParts,
    /** The client address (the TCP peer): connections and presence state are capped per address. */
    readonly address: string,
  ) {
    this.joinRate = new RateWindow(parts.limits.maxJoinsPerSecond);
    this.eventRate = new RateWindow(parts.limits.maxEventsPerSecond);
    this.writer = new SocketWriter(stream);
    socket.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
    socket.on('close', () => this.teardown());
    socket.on('error', () => this.teardown());
  }

  push(message: PhoenixMessage): void {
    if (this.isOpen()) this.sendFrame(textWireFrame(encodeText(this.vsn, message)));
  }

  /** Sends a complete WebSocket message; fan-out hands every subscriber of a topic the same one. */
  sendFrame(frame: WireFrame): void {
    if (!this.isOpen()) return;
    if (this.writer.bufferedBytes > this.parts.limits.maxBufferedBytes) {
      this.parts.log.warn('realtime', 'closed a connection that could not keep up with its messages');
      this.close(CLOSE_POLICY, 'Client too slow');
      return;
    }
    this.writer.write(frame);
  }

  /** Data frames may go out only until the close handshake starts, from either side. */
  private isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN;
  }

  reply(message: PhoenixMessage, status: 'ok' | 'error', response: Record<string, unknown> = {}): void {
    if (message.ref === null) return;
    this.push({ joinRef: message.joinRef, ref: message.ref, topic: message.topic, event: 'phx_reply', payload: { status, response } });
  }

  /** An error reply whose reason comes from the one table (reasons.ts). */
  refuse(message: PhoenixMessage, reason: Reason): void {
    this.reply(message, 'error', { reason: reasonText(reason) });
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(code, reason);
    this.teardown();
  }

  /** Removes a channel from this connection and from fan-out and presence, optionally telling the client why. */
  removeChannel(channel: Channel, notify: { systemError?: string } | false = false): void {
    if (this.channels.get(channel.topic) !== channel) return;
    this.channels.delete(channel.topic);
    clearTimeout(channel.expiryTimer);
    this.parts.fanOut.unsubscribe(channel);
    this.parts.presence.untrack(channel);
    if (notify) pushClose(channel, notify.systemError);
  }

  private receive(data: Buffer, isBinary: boolean): void {
    this.lastSeen = Date.now();
    let frame: InboundFrame;
    try {
      frame = decodeFrame(this.vsn, data, isBinary);
    } catch (error) {
      // Whatever a client sends, only its own socket pays for it.
      const reason = error instanceof FrameError ? error.message : 'undecodable frame';
      this.parts.log.warn('realtime', `closed a connection that sent a malformed frame: ${reason}`);
      this.close(CLOSE_INVALID_FRAME, 'Malformed frame');
      return;
    }
    if (frame.message.topic === 'phoenix' && frame.message.event === 'heartbeat') {
      this.reply(frame.message, 'ok');
      return;
    }
    if (!this.eventRate.take()) {
      this.refuse(frame.message, REASONS.eventRateLimit);
      return;
    }
    // In order, one at a time: a join that waits for the database is not overtaken by what the client sent next.
    this.queue = this.queue
      .then(() => this.dispatch(frame))
      .catch((error) => {
        this.parts.log.error('realtime', `handling ${frame.message.event} on ${frame.message.topic} failed`, error);
        this.refuse(frame.message, REASONS.unknown);
      });
  }

  private async dispatch(frame: InboundFrame): Promise<void> {
    if (this.closed) return;
    const { message } = frame;
    if (message.event === 'phx_join') return handleJoin(this, message);
    const channel = this.channels.get(message.topic);
    // Phoenix answers pushes to a topic this socket has not joined (or an old join of it) this way.
    if (!channel || (message.joinRef !== null && message.joinRef !== channel.joinRef)) {
      this.refuse(message, REASONS.unmatchedTopic);
      return;
    }
    if (frame.kind === 'broadcast') return handleBroadcast(this, channel, message, frame.broadcast);
    switch (message.event) {
      case 'phx_leave':
        return handleLeave(this, channel, message);
      case 'presence':
        return handlePresence(this, channel, message);
      case 'access_token':
        return handleAccessToken(this, channel, message);
      default:
        // Hosted Realtime ignores unknown events from clients.
        return;
    }
  }

  private teardown(): void {
    if (this.closed) return;
    this.closed = true;
    for (const channel of [...this.channels.values()]) this.removeChannel(channel);
  }
}
