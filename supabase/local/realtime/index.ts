// Supabase Realtime compatible service: Broadcast (client and database), Presence and private channels authorized
// by RLS on realtime.messages, speaking the Phoenix protocol of @supabase/realtime-js (vsn 1.0.0 and 2.0.0).
// The gateway has checked the apikey before it hands an upgrade to `upgrade`.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ServiceContext, WebSocketService } from '../shared/service.ts';
import { handleHttp } from './http.ts';
import { FanOut, listenForDatabaseBroadcasts } from './fan-out.ts';
import { SUPPORTED_VSNS, type Vsn } from './framing.ts';
import { DEFAULT_LIMITS, type RealtimeLimits } from './limits.ts';
import { PresenceRegistry } from './presence.ts';
import { listenForReauthorization } from './reauthorize.ts';
import { deleteOldMessages } from './replay.ts';
import { Session, type RealtimeParts } from './session.ts';

const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;
const CLOSE_GOING_AWAY = 1001;
/** Clients get this long to answer the close frame when the service stops; then their sockets are dropped. */
const CLOSE_GRACE_MS = 500;

function rejectUpgrade(socket: Duplex, status: string, message: string): void {
  const body = JSON.stringify({ message });
  socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

/** The TCP peer, written the same way for IPv4 and IPv4-mapped IPv6. */
function peerAddress(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

export function createRealtimeService(context: ServiceContext, limitOverrides: Partial<RealtimeLimits> = {}): WebSocketService {
  const limits: RealtimeLimits = { ...DEFAULT_LIMITS, ...limitOverrides };
  const { log } = context;
  const fanOut = new FanOut();
  const parts: RealtimeParts = {
    sql: context.sql,
    fanOut,
    presence: new PresenceRegistry(fanOut, { maxBytes: limits.maxPresenceBytes, maxBytesPerAddress: limits.maxPresenceBytesPerAddress }),
    verifyAccessToken: context.verifyAccessToken,
    limits,
    log,
  };
  const sessions = new Set<Session>();
  const connectionsByAddress = new Map<string, number>();
  let upgrading = 0;
  let closing = false;
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false });

  const listening = listenForDatabaseBroadcasts(context.sql, fanOut, log);
  listening.catch((error) => log.error('realtime', 'could not LISTEN for database broadcasts', error));
  const reauthorizing = listenForReauthorization(context.sql, () => sessions, log);
  reauthorizing.catch((error) => log.error('realtime', 'could not LISTEN for re-authorization requests', error));

  const cleanup = () =>
    deleteOldMessages(context.sql, limits.retentionMs).catch((error) => log.error('realtime', 'could not delete old realtime.messages', error));
  void cleanup();
  const cleanupTimer = setInterval(cleanup, CLEANUP_INTERVAL_MS);
  cleanupTimer.unref();

  const idleTimer = setInterval(
    () => {
      const cutoff = Date.now() - limits.idleTimeoutMs;
      for (const session of sessions) if (session.lastSeen < cutoff) session.close(CLOSE_GOING_AWAY, 'Idle timeout (no heartbeat)');
    },
    Math.min(5000, limits.idleTimeoutMs),
  );
  idleTimer.unref();

  const count = (address: string, delta: number) => {
    const next = (connectionsByAddress.get(address) ?? 0) + delta;
    if (next > 0) connectionsByAddress.set(address, next);
    else connectionsByAddress.delete(address);
  };

  return {
    handle: (request) => handleHttp(request, parts),
    ready: listening.then(() => {}),

    upgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
      const url = new URL(request.url ?? '/', 'http://realtime');
      const vsn = (url.searchParams.get('vsn') ?? '1.0.0') as Vsn;
      if (closing) return rejectUpgrade(socket, '503 Service Unavailable', 'Realtime is shutting down; reconnect in a moment');
      if (!SUPPORTED_VSNS.includes(vsn)) return rejectUpgrade(socket, '400 Bad Request', `Unsupported protocol version ${vsn}; use 1.0.0 or 2.0.0`);
      const address = peerAddress(request);
      // Counted from the upgrade on, so a burst of handshakes cannot slip past the caps.
      if (sessions.size + upgrading >= limits.maxConnections)
        return rejectUpgrade(socket, '503 Service Unavailable', 'Too many Realtime connections; try again later');
      if ((connectionsByAddress.get(address) ?? 0) >= limits.maxConnectionsPerAddress) {
        return rejectUpgrade(socket, '429 Too Many Requests', `Too many Realtime connections from ${address} (at most ${limits.maxConnectionsPerAddress})`);
      }
      const header = request.headers.apikey;
      const apiKey = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('apikey') ?? '';
      count(address, 1);
      upgrading += 1;
      let handshaking = true;
      let released = false;
      const endHandshake = () => {
        if (handshaking) upgrading -= 1;
        handshaking = false;
      };
      const release = () => {
        endHandshake();
        if (!released) count(address, -1);
        released = true;
      };
      socket.once('close', release); // also when the handshake fails
      wss.handleUpgrade(request, socket, head, (ws) => {
        endHandshake();
        const session = new Session(ws, socket, vsn, apiKey, parts, address);
        sessions.add(session);
        ws.on('close', () => {
          sessions.delete(session);
          release();
        });
      });
    },

    async close() {
      closing = true;
      clearInterval(cleanupTimer);
      clearInterval(idleTimer);
      // Every client gets a close frame (1001, going away): realtime-js reconnects on its own once we are back.
      for (const session of sessions) session.close(CLOSE_GOING_AWAY, 'Server shutting down');
      sessions.clear();
      // Give clients a moment to answer the close frame, then drop whoever did not: stopping never hangs on a client.
      const deadline = Date.now() + CLOSE_GRACE_MS;
      while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await listening.then((subscription) => subscription.stop()).catch(() => {});
      await reauthorizing.then((subscription) => subscription.stop()).catch(() => {});
    },
  };
}
