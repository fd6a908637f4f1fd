// The gateway on :54321 — the Supabase URL. A table of path prefixes (routes.ts) over one service contract, with
// what Kong does in front of a Supabase project: CORS, the apikey, body limits, forwarded addresses, and ONE error
// handler that logs a request id, so no service's failure turns into an empty 500.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { findPayloadTooLarge, formatBytes, limitBody } from '../shared/body.ts';
import type { Logger } from '../shared/log.ts';
import type { WebSocketService } from '../shared/service.ts';
import { PROXY_SECRET_HEADER, resolveClientAddress } from './client-address.ts';
import { matchRoute, needsApiKey, type Route } from './routes.ts';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const REQUEST_ID_HEADER = 'sb-request-id';
/** Receiving one request (headers and body) may take this long; answers may stream for longer. */
const REQUEST_TIMEOUT_MS = 120_000;

export interface GatewayOptions {
  routes: Route[];
  apiKeys: string[];
  /** Proves a request comes from our own app server (see client-address.ts). */
  proxySecret: string;
  defaultBodyLimit?: number;
  log: Logger;
}

export interface Gateway {
  server: Server;
  /** Stops accepting, ends idle keep-alive connections at once and busy ones after `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-credentials': 'true',
  'access-control-expose-headers': `content-range, content-profile, x-supabase-api-version, x-total-count, retry-after, ${REQUEST_ID_HEADER}`,
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

function apiKeyOf(request: Request, url: URL): string | undefined {
  return request.headers.get('apikey') ?? url.searchParams.get('apikey') ?? undefined;
}

function apiKeyProblem(key: string | undefined, apiKeys: string[]) {
  if (!key) return { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' };
  if (!apiKeys.includes(key)) return { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' };
  return undefined;
}

function preflight(request: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? 'authorization, apikey, content-type, x-client-info',
      'access-control-max-age': '3600',
    },
  });
}

/** A response with extra headers; services may hand back responses whose headers are immutable. */
function withHeaders(response: Response, extra: Record<string, string>): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(extra)) if (!headers.has(name)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** What the service sees: forwarded headers set by us, the proxy secret gone, the apikey hidden where Kong hides it. */
function forwardedRequest(request: Request, url: URL, route: Route, forwardedFor: string, requestId: string): Request {
  const headers = new Headers(request.headers);
  headers.delete(PROXY_SECRET_HEADER);
  headers.set('x-forwarded-for', forwardedFor);
  headers.set('x-forwarded-proto', 'http');
  headers.set('x-forwarded-host', request.headers.get('host') ?? '');
  headers.set(REQUEST_ID_HEADER, requestId);
  let target = request.url;
  if (route.hideApiKey) {
    headers.delete('apikey');
    if (url.searchParams.has('apikey')) {
      const clean = new URL(url);
      clean.searchParams.delete('apikey');
      target = clean.href;
    }
  }
  return new Request(target, { method: request.method, headers, body: request.body, signal: request.signal, duplex: 'half' } as RequestInit);
}

/** How long a connection whose answer came before its body ended keeps reading (and discarding) that body. */
const LINGER_MS = 5000;

/**
 * An answer given before the body was all sent (a 413, a refused apikey). Node closes such a connection as soon as
 * the answer is written; bytes the client is still sending then meet a closed socket, the client's kernel gets a
 * reset, and a client on a busy machine loses the answer it had not read yet. So, as web servers do ("lingering
 * close"), the rest of the body is read and thrown away until the client is done or LINGER_MS have passed.
 */
function lingerAfterEarlyAnswer(req: IncomingMessage): void {
  const socket = req.socket;
  // Node has already called socket.destroySoon(): it ends the socket and destroys it once that is flushed.
  if (socket.destroyed || !socket.listeners('finish').includes(socket.destroy)) return;
  socket.removeListener('finish', socket.destroy);
  req.removeAllListeners('data');
  req.resume();
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  req.once('end', () => socket.destroy());
}

export function createGateway(options: GatewayOptions): Gateway {
  const { log, routes } = options;
  const defaultBodyLimit = options.defaultBodyLimit ?? DEFAULT_BODY_LIMIT;

  async function handle(request: Request, peer: string | undefined): Promise<Response> {
    const requestId = randomUUID();
    const url = new URL(request.url);
    const route = matchRoute(routes, url.pathname);
    const extra: Record<string, string> = { [REQUEST_ID_HEADER]: requestId, ...(route?.cors === 'service' ? {} : CORS_HEADERS) };
    let response: Response;
    try {
      if (!route) {
        response = json(404, {
          message: 'no Route matched with those values',
          hint: 'The API serves /rest/v1, /auth/v1, /realtime/v1, /storage/v1 and /functions/v1.',
        });
      } else if (route.cors === 'gateway' && request.method === 'OPTIONS') {
        response = preflight(request);
      } else if (needsApiKey(route, url.pathname) && apiKeyProblem(apiKeyOf(request, url), options.apiKeys)) {
        response = json(401, apiKeyProblem(apiKeyOf(request, url), options.apiKeys));
      } else {
        const limit = route.bodyLimit?.(url.pathname, request.method) ?? defaultBodyLimit;
        const { forwardedFor } = resolveClientAddress(request.headers, peer, options.proxySecret);
        response = await route.service.handle(forwardedRequest(limitBody(request, limit), url, route, forwardedFor, requestId));
      }
    } catch (error) {
      if (findPayloadTooLarge(error)) {
        response = json(413, {
          message: 'Request size limit exceeded',
          hint: `Request bodies may be up to ${formatBytes(findPayloadTooLarge(error)!.limitBytes)} here.`,
        });
      } else {
        log.error('gateway', `request ${requestId} ${request.method} ${url.pathname} failed`, error);
        response =
          route?.internalError?.(requestId, request) ??
          json(500, { message: 'Internal error in the embedded stack; the stack log has the details.', request_id: requestId });
      }
    }
    return withHeaders(response, extra);
  }

  // What a client still sends after its answer (a 413 included) is read and discarded below, so the client reads
  // the answer and may reuse the connection; Hono's own clean-up would reset it after 500 ms, dropping the answer
  // on a busy machine. A body that never ends is cut by the server's request timeout.
  const listener = getRequestListener((request, env) => handle(request, env.incoming.socket.remoteAddress), { autoCleanupIncoming: false });
  const server = createServer({ keepAlive: true, requestTimeout: REQUEST_TIMEOUT_MS }, (req: IncomingMessage, res: ServerResponse) => {
    // An answer that starts before the body was all read ends the connection afterwards, so it says
    // `Connection: close`: a client that pooled it would send its next request into the closing socket.
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      if (!req.complete) res.shouldKeepAlive = false;
      return writeHead.apply(this, args);
    } as ServerResponse['writeHead'];
    res.once('finish', () => {
      if (!req.complete) lingerAfterEarlyAnswer(req);
    });
    void listener(req, res);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const route = matchRoute(routes, url.pathname);
    const service = route?.service as Partial<WebSocketService> | undefined;
    const reject = (status: string, body: unknown) => {
      const text = JSON.stringify(body);
      socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
    };
    if (!route || typeof service?.upgrade !== 'function') return reject('404 Not Found', { message: 'no Route matched with those values' });
    const header = req.headers.apikey;
    const key = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('apikey') ?? undefined;
    const problem = needsApiKey(route, url.pathname) ? apiKeyProblem(key, options.apiKeys) : undefined;
    if (problem) return reject('401 Unauthorized', problem);
    service.upgrade(req, socket, head);
  });

  return {
    server,
    close(graceMs = 1000) {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests still running get a moment to finish; then their connections end too.
        setTimeout(() => server.closeAllConnections(), graceMs).unref();
      });
    },
  };
}
