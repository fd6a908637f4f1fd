// Limits that keep one party laptop responsive: every knob of the Realtime service in one place.
export interface RealtimeLimits {
  /** Joined channels one connection may hold (hosted default: 100). */
  maxChannelsPerConnection: number;
  /** Joins one connection may attempt per second (realtime-js rejoins everything on reconnect). */
  maxJoinsPerSecond: number;
  /** Largest user payload of a broadcast or presence track, in bytes (hosted: 256 KB on the free plan). */
  maxPayloadBytes: number;
  /** Largest WebSocket frame accepted; a bigger one closes that socket with 1009. */
  maxFrameBytes: number;
  /** Client messages per connection per second before the socket is asked to slow down. */
  maxEventsPerSecond: number;
  /** A socket silent for this long (realtime-js heartbeats every 25 s) is closed. */
  idleTimeoutMs: number;
  /** A socket whose unsent data exceeds this is too slow to keep up and is closed. */
  maxBufferedBytes: number;
  /** Messages kept in realtime.messages for replay (hosted: 72 h). */
  retentionMs: number;
  /** Open sockets for the whole service, and from one client address (a phone holds one or two). */
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** Presence state kept in memory, in payload bytes: for the whole service, and for one client address. */
  maxPresenceBytes: number;
  maxPresenceBytesPerAddress: number;
  /** Messages in one `POST /api/broadcast`; each private one costs an authorization probe. */
  maxMessagesPerRequest: number;
}

/** Topics, event names and metadata travel with a one-byte length in vsn 2.0.0 binary frames. */
export const MAX_NAME_BYTES = 255;

export const DEFAULT_LIMITS: RealtimeLimits = {
  maxChannelsPerConnection: 100,
  maxJoinsPerSecond: 50,
  maxPayloadBytes: 256 * 1024,
  maxFrameBytes: 1024 * 1024,
  maxEventsPerSecond: 200,
  idleTimeoutMs: 60_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  retentionMs: 72 * 60 * 60 * 1000,
  // A party is tens of phones; behind one home router they still have an address each, but behind an HTTPS
  // tunnel everyone arrives from loopback, so the per-address cap leaves room for a whole party.
  maxConnections: 2000,
  maxConnectionsPerAddress: 200,
  maxPresenceBytes: 16 * 1024 * 1024,
  maxPresenceBytesPerAddress: 2 * 1024 * 1024,
  maxMessagesPerRequest: 100,
};

/** Counts events in a fixed one-second window; `take()` is false once the window is full. */
export class RateWindow {
  private windowStart = 0;
  private count = 0;

  constructor(private readonly perSecond: number) {}

  take(nowMs = Date.now()): boolean {
    if (nowMs - this.windowStart >= 1000) {
      this.windowStart = nowMs;
      this.count = 0;
    }
    if (this.count >= this.perSecond) return false;
    this.count += 1;
    return true;
  }
}
