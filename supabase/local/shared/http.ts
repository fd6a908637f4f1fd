// HTTP plumbing shared by the gateway and the services: JSON replies and a streaming reverse proxy.
import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';

const keepAlive = new Agent({ keepAlive: true, maxSockets: 256 });

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

/**
 * Streams `req` to `origin + path` and the answer back. `onError` answers when the upstream cannot be
 * reached (for example a function worker that just died).
 */
export function proxyHttp(
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
  path: string,
  options: { extraHeaders?: Record<string, string>; timeoutMs?: number; onError: (error: Error) => void },
): void {
  const target = new URL(path, origin);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  Object.assign(headers, options.extraHeaders);
  const upstream = request(
    { hostname: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers, agent: keepAlive },
    (answer) => {
      const answerHeaders: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) answerHeaders[name] = value;
      }
      if (res.headersSent) return;
      res.writeHead(answer.statusCode ?? 502, { ...answerHeaders, ...pendingHeaders(res) });
      answer.pipe(res);
    },
  );
  if (options.timeoutMs) upstream.setTimeout(options.timeoutMs, () => upstream.destroy(new Error('upstream timed out')));
  upstream.on('error', options.onError);
  req.pipe(upstream);
}

function pendingHeaders(res: ServerResponse): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of res.getHeaderNames()) {
    const value = res.getHeader(name);
    if (value !== undefined) out[name] = typeof value === 'number' ? String(value) : value;
  }
  return out;
}

