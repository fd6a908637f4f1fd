// The one service contract of the stack: every service behind the gateway (PostgREST and the functions runner
// included) takes a Request and answers a Response. And what the services are given.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Sql } from 'postgres';
import type { StackConfig } from './config.ts';
import type { VerifyAccessToken } from './jwt.ts';
import type { PublicJwks, StackKeys } from './keys.ts';
import type { Logger } from './log.ts';

export interface ServiceContext {
  config: StackConfig;
  keys: StackKeys;
  jwks: PublicJwks;
  /** Superuser connection pool. Services switch role per request where RLS must apply. */
  sql: Sql;
  databaseUrl: string;
  verifyAccessToken: VerifyAccessToken;
  log: Logger;
}

/** An HTTP service behind the gateway. It receives the full request URL (`/auth/v1/token?…`). */
export interface Service {
  handle(request: Request): Promise<Response>;
  close(): Promise<void>;
}

/** A service that also takes WebSocket upgrades (Realtime). The gateway has checked the apikey. */
export interface WebSocketService extends Service {
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Resolves once the service can deliver everything (Realtime: its LISTEN is active). */
  ready: Promise<void>;
}
