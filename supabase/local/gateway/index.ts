// The gateway on :54321 — the Supabase URL. A table of path prefixes (routes.ts) over one service contract, with
// what Kong does in front of a Supabase project: CORS, the apikey, body limits, forwarded addresses, and ONE error
// handler that logs a request id, so no service's failure turns into an empty 500.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { declaredLength, findPayloadTooLarge, formatBytes, limitBody } from '../shared/body.ts';
import type { Logger } from '../shared/log.ts';
import { forwardRequest, UpstreamUnavailableError } from '../shared/proxy.ts';
import { isProxyService, type ProxyService, type WebSocketService } from '../shared/service.ts';
import { PROXY_SECRET_HEADER, resolveClientAddress } from './client-address.ts';
import { matchRoute, needsApiKey, type Route } from './routes.ts';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const REQUEST_ID_HEADER = 'sb-request-id';
/** Receiving one request (headers and body) may take this long; answers may stream for longer. */
const REQUEST_TIMEOUT_MS = 120_000;
/**
 * An idle keep-alive connection stays open this long (Kong's nginx: 60 s). Node's default of 5 s is shorter than
 * the pauses of a phone between two orders: a connection closed just as the client reuses it loses that request
 * ("fetch failed"). Clients read the `Keep-Alive: timeout=` we send and give up first.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Above the keep-alive timeout, so an idle connection is never mistaken for slow headers. */
const HEADERS_TIMEOUT_MS = 66_000;
/** Request headers a service never sees: the proxy secret, and the apikey where the route hides it. */
const HIDDEN: ReadonlySet<string> = new Set([PROXY_SECRET_HEADER]);
const HIDDEN_WITH_API_KEY: ReadonlySet<string> = new Set([PROXY_SECRET_HEADER, 'apikey']);
/** Methods a proxying service receives straight from Node's request; anything else takes the general path. */
const DIRECT_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** A Host header of name or address and port only; anything else is for the general path (Hono validates it). */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

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

function apiKeyOf(header: string | null | undefined, url: URL): string | undefined {
  return header ?? url.searchParams.get('apikey') ?? undefined;
}

/** A header of Node's request as `Headers.get` gives it (repeated values joined). */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function payloadTooLarge(limitBytes: number): Response {
  return json(413, { message: 'Request size limit exceeded', hint: `Request bodies may be up to ${formatBytes(limitBytes)} here.` });
}

/** Writes a (small) answer of the gateway or a service onto Node's response: refusals and errors of the direct path. */
async function writeAnswer(res: ServerResponse, response: Response): Promise<void> {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  const headers: string[] = [];
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie' && name !== 'content-length') headers.push(name, value);
  });
  for (const cookie of response.headers.getSetCookie()) headers.push('set-cookie', cookie);
  if (body) headers.push('content-length', String(body.length));
  res.writeHead(response.status, response.statusText || undefined, headers);
  res.end(body);
}

function apiKeyProblem(key: string | undefined, apiKeys: string[]) {
  if (!key) return { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' };
  if (!apiKeys.includes(key)) return { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' };
  return undefined;
}

function preflight(requestHeaders: string | null): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': requestHeaders ?? 'authorization, apikey, content-type, x-client-info',
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

/**
 * The URL without its `apikey` query parameters, the rest of the query byte for byte: URLSearchParams.delete
 * would re-encode all of it (PostgREST's `select=id,name` as `select=id%2Cname`). A parameter counts as `apikey`
 * exactly when URLSearchParams (which found the key) decodes its name so.
 */
function withoutApiKeyParam(url: URL): URL {
  const clean = new URL(url);
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => !new URLSearchParams(pair).has('apikey'));
  clean.search = kept.length ? `?${kept.join('&')}` : '';
  return clean;
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
    if (url.searchParams.has('apikey')) target = withoutApiKeyParam(url).href;
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

  /** What a request the gateway answers itself (or passes on) is, before a service sees it. */
  type Decision = { response: Response } | { route: Route; bodyLimit: number };

  /** Kong's part, for both paths below: the route, the CORS preflight, the apikey and a declared body size. */
  function decide(method: string, url: URL, apiKey: string | undefined, length: number | undefined, preflightHeaders: () => string | null): Decision {
    const route = matchRoute(routes, url.pathname);
    if (!route) {
      return {
        response: json(404, {
          message: 'no Route matched with those values',
          hint: 'The API serves /rest/v1, /auth/v1, /realtime/v1, /storage/v1 and /functions/v1.',
        }),
      };
    }
    if (route.cors === 'gateway' && method === 'OPTIONS') return { response: preflight(preflightHeaders()) };
    const problem = needsApiKey(route, url.pathname) ? apiKeyProblem(apiKey, options.apiKeys) : undefined;
    if (problem) return { response: json(401, problem) };
    const bodyLimit = route.bodyLimit?.(url.pathname, method) ?? defaultBodyLimit;
    if (length !== undefined && length > bodyLimit) return { response: payloadTooLarge(bodyLimit) };
    return { route, bodyLimit };
  }

  /** The answer to a request that failed: 413 for a body past its limit, else one log line and an opaque 500. */
  function failure(error: unknown, route: Route | undefined, requestId: string, method: string, url: URL, request: () => Request): Response {
    const tooLarge = findPayloadTooLarge(error);
    if (tooLarge) return payloadTooLarge(tooLarge.limitBytes);
    log.error('gateway', `request ${requestId} ${method} ${url.pathname} failed`, error);
    return (
      route?.internalError?.(requestId, request()) ??
      json(500, { message: 'Internal error in the embedded stack; the stack log has the details.', request_id: requestId })
    );
  }

  /** The request id, and CORS where the gateway answers it, on every answer. */
  function answerHeaders(route: Route | undefined, requestId: string): Record<string, string> {
    return route?.cors === 'service' ? { [REQUEST_ID_HEADER]: requestId } : { [REQUEST_ID_HEADER]: requestId, ...CORS_HEADERS };
  }

  /** The general path: any service, in the contract's terms (Request in, Response out). */
  async function handle(request: Request, peer: string | undefined): Promise<Response> {
    const requestId = randomUUID();
    const url = new URL(request.url);
    let route: Route | undefined;
    let response: Response;
    try {
      const decision = decide(request.method, url, apiKeyOf(request.headers.get('apikey'), url), declaredLength(request), () =>
        request.headers.get('access-control-request-headers'),
      );
      if ('response' in decision) {
        route = matchRoute(routes, url.pathname);
        response = decision.response;
      } else {
        route = decision.route;
        const { forwardedFor } = resolveClientAddress(request.headers, peer, options.proxySecret);
        response = await route.service.handle(forwardedRequest(limitBody(request, decision.bodyLimit), url, route, forwardedFor, requestId));
      }
    } catch (error) {
      response = failure(error, route, requestId, request.method, url, () => request);
    }
    return withHeaders(response, answerHeaders(route, requestId));
  }

  /**
   * The direct path, for proxying services (PostgREST): the same decision, then Node's request streamed to the
   * upstream and its answer streamed back — no Request, Response or web stream per request. Whatever the gateway
   * or the service would answer itself (404, preflight, 401, 413) is left to the general path: false.
   */
  function forwardDirectly(req: IncomingMessage, res: ServerResponse): boolean {
    const path = req.url ?? '';
    const host = req.headers.host;
    const method = req.method ?? '';
    if (path.charCodeAt(0) !== 47 || !host || !PLAIN_HOST.test(host) || !DIRECT_METHODS.has(method)) return false;
    let url: URL;
    try {
      url = new URL(`http://${host}${path}`);
    } catch {
      return false;
    }
    const length = headerValue(req.headers['content-length']);
    const decision = decide(
      method,
      url,
      apiKeyOf(headerValue(req.headers.apikey), url),
      length && /^\d+$/.test(length.trim()) ? Number(length) : undefined,
      () => null,
    );
    if ('response' in decision || !isProxyService(decision.route.service)) return false;
    void streamThrough(req, res, decision.route, decision.route.service, url, decision.bodyLimit);
    return true;
  }

  async function streamThrough(
    req: IncomingMessage,
    res: ServerResponse,
    route: Route,
    service: ProxyService,
    requestUrl: URL,
    bodyLimit: number,
  ): Promise<void> {
    const requestId = randomUUID();
    const method = req.method!;
    const extra = answerHeaders(route, requestId);
    const header = (name: string) => headerValue(req.headers[name]);
    let url = requestUrl;
    try {
      // What the service sees, as forwardedRequest makes it for the general path.
      const setHeaders = {
        'x-forwarded-for': resolveClientAddress({ get: (name) => header(name) ?? null }, req.socket.remoteAddress, options.proxySecret).forwardedFor,
        'x-forwarded-proto': 'http',
        'x-forwarded-host': req.headers.host ?? '',
        [REQUEST_ID_HEADER]: requestId,
      };
      if (route.hideApiKey && url.searchParams.has('apikey')) url = withoutApiKeyParam(url);
      const destination = await service.target({ method, url, header });
      if (destination instanceof Response) return await writeAnswer(res, withHeaders(destination, extra));
      const omitHeaders = route.hideApiKey ? HIDDEN_WITH_API_KEY : HIDDEN;
      await forwardRequest(req, res, destination.origin, destination.path, { omitHeaders, setHeaders, bodyLimit, answerHeaders: extra });
    } catch (error) {
      if (res.headersSent || res.destroyed) return void res.destroy();
      const answer =
        error instanceof UpstreamUnavailableError ? service.unavailable() : failure(error, route, requestId, method, url, () => new Request(url, { method }));
      await writeAnswer(res, withHeaders(answer, extra)).catch(() => res.destroy());
    }
  }

  // What a client still sends after its answer (a 413 included) is read and discarded below, so the client reads
  // the answer and may reuse the connection; Hono's own clean-up would reset it after 500 ms, dropping the answer
  // on a busy machine. A body that never ends is cut by the server's request timeout.
  const listener = getRequestListener((request, env) => handle(request, env.incoming.socket.remoteAddress), { autoCleanupIncoming: false });
  const server = createServer(
    { keepAlive: true, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
    (req: IncomingMessage, res: ServerResponse) => {
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
      if (!forwardDirectly(req, res)) void listener(req, res);
    },
  );

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
