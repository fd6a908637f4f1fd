// A streaming reverse proxy in the service contract's terms: Request in, Response out, bytes passed through as
// they are (no decompression, no buffering). PostgREST and the Edge Function workers are reached this way.
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { findPayloadTooLarge } from './body.ts';

const keepAlive = new Agent({ keepAlive: true, maxSockets: 256 });

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
  return new Promise<Response>((resolve, reject) => {
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
    upstream.on('error', (error) => {
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
}
