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

/** What a proxying service decides from: the request before any body byte is read. */
export interface RequestHead {
  method: string;
  /** The full request URL as the gateway normalized it (without `?apikey` where the route hides it). */
  url: URL;
  header(name: string): string | undefined;
}

/** Where a proxying service sends a request: its upstream's origin (`http://127.0.0.1:port`) and the path there. */
export interface UpstreamTarget {
  origin: string;
  path: string;
}

/**
 * A service that passes requests on to an HTTP upstream (PostgREST). Besides `handle`, it says from the request
 * head alone where a request goes, or answers itself (a refused token); the gateway then streams the request
 * through with Node's http (shared/proxy.ts `forwardRequest`), without a Request, a Response and four web streams
 * per request on the busiest path. `handle` must behave the same (it is built on `target`).
 */
export interface ProxyService extends Service {
  target(head: RequestHead): Promise<UpstreamTarget | Response>;
  /** The service's answer when its upstream cannot be reached (PostgREST restarting). */
  unavailable(): Response;
}

export function isProxyService(service: Service): service is ProxyService {
  return typeof (service as Partial<ProxyService>).target === 'function';
}
