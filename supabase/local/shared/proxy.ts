// A streaming reverse proxy, bytes passed through as they are (no decompression, no buffering): in the service
// contract's terms (`proxyRequest`: Request in, Response out; Edge Function workers), and in Node's own terms for
// the gateway's busiest path (`forwardRequest`: IncomingMessage in, ServerResponse out; PostgREST).
import { Agent, request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { findPayloadTooLarge, PayloadTooLargeError } from './body.ts';

/**
 * A pooled connection idle this long is closed by us. PostgREST (Warp) closes idle connections after 30–60 s; a
 * connection it closes just as we reuse it loses that request, so ours must give up first.
 */
const IDLE_SOCKET_MS = 15_000;

// `timeout` ends idle pooled sockets only; a slow answer on a busy socket is not cut by it.
const keepAlive = new Agent({ keepAlive: true, maxSockets: 256, timeout: IDLE_SOCKET_MS });

/**
 * Methods whose request, sent without a body, is sent again once when a reused keep-alive connection turns out to
 * have been closed by the upstream (RFC 9110 §9.2.2: safe or idempotent; Go's and undici's rule too). POSTs are
 * not: the upstream may have acted on them.
 */
const RETRYABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);

/** The error of a request written into a pooled connection the upstream had already closed. */
function isStaleConnection(upstream: ClientRequest, error: NodeJS.ErrnoException): boolean {
  return upstream.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
}

/** The upstream could not be reached or failed before answering (not a body that was too large). */
export class UpstreamUnavailableError extends Error {}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host']);

function outgoingHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) out[name] = value;
  });
  return out;
}

function incomingHeaders(headers: IncomingHttpHeaders): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) out.append(name, item);
  }
  return out;
}

const NO_BODY_STATUS = new Set([101, 204, 205, 304]);

/**
 * Sends `request` to `origin` + `path` and resolves with the upstream's answer as it streams in. Rejects with
 * UpstreamUnavailableError when the upstream cannot be reached, or with the body's own error (for example a
 * PayloadTooLargeError from the gateway's limit) when the request body fails.
 */
export function proxyRequest(request: Request, origin: string, path: string, options: { timeoutMs?: number } = {}): Promise<Response> {
  const target = new URL(path, origin);
  const send = (mayRetry: boolean) =>
    new Promise<Response>((resolve, reject) => {
      const upstream = httpRequest(
        {
          hostname: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: request.method,
          headers: outgoingHeaders(request.headers),
          agent: keepAlive,
        },
        (answer) => {
          const status = answer.statusCode ?? 502;
          const body = NO_BODY_STATUS.has(status) || request.method === 'HEAD' ? null : (Readable.toWeb(answer) as ReadableStream<Uint8Array>);
          if (body === null) answer.resume();
          resolve(new Response(body, { status, statusText: answer.statusMessage, headers: incomingHeaders(answer.headers) }));
        },
      );
      if (options.timeoutMs) upstream.setTimeout(options.timeoutMs, () => upstream.destroy(new UpstreamUnavailableError('upstream timed out')));
      let bodyFailure: unknown;
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (mayRetry && isStaleConnection(upstream, error) && !request.signal.aborted) return resolve(send(false));
        // The upstream may notice the broken body (a reset) before the body's own error arrives: wait for it a moment.
        setImmediate(() => {
          const tooLarge = findPayloadTooLarge(error) ?? findPayloadTooLarge(bodyFailure);
          reject(tooLarge ?? (error instanceof UpstreamUnavailableError ? error : new UpstreamUnavailableError(error.message, { cause: error })));
        });
      });
      const abort = () => upstream.destroy(new UpstreamUnavailableError('client went away'));
      request.signal.addEventListener('abort', abort, { once: true });
      upstream.once('close', () => request.signal.removeEventListener('abort', abort));
      if (!request.body) {
        upstream.end();
        return;
      }
      // pipeline destroys `upstream` with the body's error, which the 'error' handler above reports.
      pipeline(Readable.fromWeb(request.body as never), upstream).catch((error) => {
        bodyFailure = error;
      });
    });
  return send(!request.body && RETRYABLE_METHODS.has(request.method));
}

/** How `forwardRequest` changes the request's headers and the answer's, and how much request body it lets through. */
export interface ForwardOptions {
  /** Request headers (lower case) the upstream must not see; hop-by-hop ones are dropped anyway. */
  omitHeaders: ReadonlySet<string>;
  /** Request headers set for the upstream, replacing the client's. */
  setHeaders: Record<string, string>;
  bodyLimit: number;
  /** Set on the answer unless the upstream set them itself. */
  answerHeaders: Record<string, string>;
}

/** The upstream's request headers, built in one pass (no copy-then-delete: this runs for every request). */
function upstreamHeaders(headers: IncomingHttpHeaders, omit: ReadonlySet<string>, set: Record<string, string>): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const name in headers) if (!HOP_BY_HOP.has(name) && !omit.has(name) && !(name in set)) out[name] = headers[name];
  for (const name in set) out[name] = set[name];
  return out;
}

/** The upstream's answer headers as a flat [name, value, …] list (repeated ones such as set-cookie kept apart). */
function answerHeaders(raw: string[], extra: Record<string, string>): string[] {
  const out: string[] = [];
  const present = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name)) continue;
    present.add(name);
    out.push(raw[i]!, raw[i + 1]!);
  }
  for (const name in extra) if (!present.has(name)) out.push(name, extra[name]!);
  return out;
}

/** True when a request of these headers has no body (HTTP/1.1: neither Content-Length nor Transfer-Encoding). */
function isBodyless(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] === undefined && (headers['content-length'] === undefined || headers['content-length'] === '0');
}

/**
 * Streams `incoming` to `origin` + `path` and the upstream's answer to `outgoing`, with Node streams only. Resolves
 * once the answer has begun; rejects — having written nothing — with PayloadTooLargeError when the body passes
 * `bodyLimit`, or UpstreamUnavailableError when the upstream cannot be reached or fails before answering: the
 * caller answers those. A failure after the answer began can only cut the connection, as any proxy does.
 */
export function forwardRequest(incoming: IncomingMessage, outgoing: ServerResponse, origin: string, path: string, options: ForwardOptions): Promise<void> {
  const target = new URL(origin);
  const method = incoming.method ?? 'GET';
  const bodyless = isBodyless(incoming.headers);
  const headers = upstreamHeaders(incoming.headers, options.omitHeaders, options.setHeaders);
  let current: ClientRequest | undefined;
  // A client that goes away takes its upstream request with it.
  outgoing.once('close', () => {
    if (!outgoing.writableFinished) current?.destroy();
  });
  incoming.on('error', () => current?.destroy());

  const send = (mayRetry: boolean) =>
    new Promise<void>((resolve, reject) => {
      let settled = false;
      // Once failed, the upstream request is destroyed (its connection is never reused) and no more body goes out.
      let failed = false;
      const upstream = httpRequest({ hostname: target.hostname, port: target.port, path, method, headers, agent: keepAlive });
      current = upstream;
      const fail = (error: Error) => {
        failed = true;
        upstream.destroy();
        if (settled) return;
        settled = true;
        reject(error);
      };
      upstream.once('response', (answer) => {
        if (settled || outgoing.destroyed) {
          answer.resume();
          return fail(new UpstreamUnavailableError(settled ? 'answered already' : 'client went away'));
        }
        settled = true;
        const status = answer.statusCode ?? 502;
        outgoing.writeHead(status, answer.statusMessage, answerHeaders(answer.rawHeaders, options.answerHeaders));
        if (NO_BODY_STATUS.has(status) || method === 'HEAD') {
          answer.resume();
          outgoing.end();
        } else {
          // An answer cut short by the upstream cannot be finished: the client sees a cut connection, not a short body.
          answer.once('aborted', () => outgoing.destroy());
          answer.once('error', () => outgoing.destroy());
          answer.pipe(outgoing);
        }
        // An answer that came before the whole body (the gateway discards the rest once the client is answered)
        // leaves a connection the upstream still reads a body from: it must not carry another request.
        answer.once('end', () => {
          if (!incoming.complete) upstream.destroy();
        });
        resolve();
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (settled) return;
        if (mayRetry && isStaleConnection(upstream, error) && !outgoing.destroyed) {
          settled = true;
          return resolve(send(false));
        }
        fail(new UpstreamUnavailableError(error.message, { cause: error }));
      });
      if (bodyless) return void upstream.end();
      let seen = 0;
      incoming.on('data', (chunk: Buffer) => {
        if (failed) return;
        seen += chunk.length;
        if (seen > options.bodyLimit) return fail(new PayloadTooLargeError(options.bodyLimit));
        if (!upstream.write(chunk)) {
          incoming.pause();
          upstream.once('drain', () => incoming.resume());
        }
      });
      incoming.once('end', () => {
        if (!failed) upstream.end();
      });
    });
  return send(bodyless && RETRYABLE_METHODS.has(method));
}
