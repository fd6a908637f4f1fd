// The gateway's direct path: a proxying service (as PostgREST's) in front of a real upstream HTTP server, with the
// same checks as the general path — hidden apikey, forwarded addresses, body limits, refusals, errors, CORS.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../shared/log.ts';
import type { ProxyService } from '../shared/service.ts';
import { PROXY_SECRET_HEADER } from './client-address.ts';
import { createGateway, REQUEST_ID_HEADER, type Gateway } from './index.ts';
import { chunkedPost } from '../../../tests/support/chunked-post.ts';

const KEY = 'the-anon-key';
const SECRET = 'the-proxy-secret';
const log: Logger = { info: () => {}, warn: () => {}, error: () => {} };

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bytes: number;
}

let upstream: Server;
let upstreamOrigin: string;
const seen: Seen[] = [];
/** When set, the upstream ends the connection of this request without answering (an idle close that raced). */
let dropNext: ((method: string) => boolean) | undefined;

/**
 * A keep-alive upstream that, like many servers refusing on headers alone, answers `/early` before it has read the
 * body, then expects that body to its end before it takes the next request on the connection (Node's http server
 * would close such a connection instead). Every other request is answered with its body size once read.
 */
let rawUpstream: TcpServer;
let rawOrigin: string;
const rawSeen: string[] = [];

const rawSockets = new Set<import('node:net').Socket>();

function serveRaw(socket: import('node:net').Socket): void {
  rawSockets.add(socket);
  socket.once('close', () => rawSockets.delete(socket));
  let buffer = Buffer.alloc(0);
  let bodyLeft = 0;
  let current: { path: string; length: number } | undefined;
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (current) {
        const take = Math.min(bodyLeft, buffer.length);
        bodyLeft -= take;
        buffer = buffer.subarray(take);
        if (bodyLeft > 0) return;
        rawSeen.push(`${current.path} ${current.length}`);
        if (current.path !== '/early')
          socket.write(
            `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${JSON.stringify({ bytes: current.length }).length}\r\n\r\n${JSON.stringify({ bytes: current.length })}`,
          );
        current = undefined;
      }
      const end = buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const head = buffer.subarray(0, end).toString('latin1');
      buffer = buffer.subarray(end + 4);
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      current = { path: head.split(' ')[1]!, length };
      bodyLeft = length;
      if (current.path === '/early') socket.write('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 14\r\n\r\n{"early":true}');
    }
  });
}

let gateway: Gateway;
let base: string;

/** Like PostgREST behind createRestService: refuses a token it does not like, otherwise names the upstream. */
const service: ProxyService = {
  async target(head) {
    if (head.header('authorization') === 'Bearer forged') return Response.json({ code: 'PGRST301', message: 'JWT invalid' }, { status: 401 });
    if (head.url.pathname === '/rest/v1/throws') throw new Error('service bug');
    const origin = head.url.pathname === '/rest/v1/down' ? 'http://127.0.0.1:9' : head.url.pathname.startsWith('/rest/v1/raw/') ? rawOrigin : upstreamOrigin;
    return { origin, path: head.url.pathname.replace(/^\/rest\/v1(\/raw)?/, '') + head.url.search };
  },
  unavailable: () => Response.json({ code: 'PGRST000', message: 'REST API unavailable' }, { status: 503 }),
  handle: async () => new Response('the general path', { status: 599 }),
  close: async () => {},
};

beforeAll(async () => {
  upstream = createServer((req, res) => {
    if (dropNext?.(req.method!)) {
      dropNext = undefined;
      return void req.socket.destroy();
    }
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, bytes });
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.setHeader('content-range', '0-0/1');
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ bytes }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamOrigin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  rawUpstream = createTcpServer(serveRaw);
  await new Promise<void>((resolve) => rawUpstream.listen(0, '127.0.0.1', resolve));
  rawOrigin = `http://127.0.0.1:${(rawUpstream.address() as AddressInfo).port}`;
  gateway = createGateway({
    routes: [{ prefix: '/rest/v1', service, apiKey: 'required', hideApiKey: true, cors: 'gateway' }],
    apiKeys: [KEY],
    proxySecret: SECRET,
    defaultBodyLimit: 1024 * 1024,
    log,
  });
  await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await gateway.close(0);
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
  for (const socket of rawSockets) socket.destroy();
  await new Promise((resolve) => rawUpstream.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  dropNext = undefined;
});

describe('the direct path to a proxying service', () => {
  it('streams the request through with the apikey hidden (header and query) and the answer back with CORS and a request id', async () => {
    const response = await fetch(`${base}/rest/v1/orders?select=id,note&apikey=${KEY}`, {
      method: 'POST',
      headers: { apikey: KEY, 'content-type': 'application/json', prefer: 'return=minimal' },
      body: JSON.stringify({ drink_id: 'x' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ bytes: 16 });
    expect(response.headers.get('content-range')).toBe('0-0/1');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const requestId = response.headers.get(REQUEST_ID_HEADER);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const [request] = seen;
    expect(request!.url).toBe('/orders?select=id,note');
    expect(request!.headers.apikey).toBeUndefined();
    expect(request!.headers.prefer).toBe('return=minimal');
    expect(request!.headers[REQUEST_ID_HEADER]).toBe(requestId);
    expect(request!.headers['x-forwarded-host']).toBe(new URL(base).host);
  });

  it('appends the TCP peer to X-Forwarded-For and never passes the proxy secret on', async () => {
    await fetch(`${base}/rest/v1/drinks`, { headers: { apikey: KEY, 'x-forwarded-for': '6.6.6.6', [PROXY_SECRET_HEADER]: 'a guess' } });
    await fetch(`${base}/rest/v1/drinks`, { headers: { apikey: KEY, 'x-forwarded-for': '192.168.1.40', [PROXY_SECRET_HEADER]: SECRET } });
    expect(seen.map((request) => request.headers['x-forwarded-for'])).toEqual(['6.6.6.6, 127.0.0.1', '192.168.1.40']);
    expect(seen.every((request) => request.headers[PROXY_SECRET_HEADER] === undefined)).toBe(true);
  });

  it('leaves a missing or wrong apikey, a preflight and unknown paths to the gateway itself', async () => {
    expect((await fetch(`${base}/rest/v1/drinks`)).status).toBe(401);
    expect((await fetch(`${base}/rest/v1/drinks`, { headers: { apikey: 'guessed' } })).status).toBe(401);
    expect((await fetch(`${base}/rest/v1/drinks`, { method: 'OPTIONS', headers: { 'access-control-request-headers': 'apikey' } })).status).toBe(204);
    expect((await fetch(`${base}/nowhere`, { headers: { apikey: KEY } })).status).toBe(404);
    expect(seen).toEqual([]);
  });

  it("passes the service's own refusal on, with CORS and a request id", async () => {
    const response = await fetch(`${base}/rest/v1/orders`, { headers: { apikey: KEY, authorization: 'Bearer forged' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'PGRST301', message: 'JWT invalid' });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get(REQUEST_ID_HEADER)).toBeTruthy();
    expect(seen).toEqual([]);
  });

  it('refuses a declared or a streamed body over the limit with 413; the upstream never gets the whole body', async () => {
    const declared = await fetch(`${base}/rest/v1/orders`, { method: 'POST', headers: { apikey: KEY }, body: 'x'.repeat(1024 * 1024 + 1) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ message: 'Request size limit exceeded', hint: 'Request bodies may be up to 1 MB here.' });
    const streamed = await chunkedPost(`${base}/rest/v1/orders`, 4 * 1024 * 1024, { apikey: KEY });
    expect(streamed).toBe(413);
    expect(seen).toEqual([]);
  });

  it("answers with the service's 503 when the upstream cannot be reached, and a logged 500 when the service fails", async () => {
    const down = await fetch(`${base}/rest/v1/down`, { headers: { apikey: KEY } });
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ code: 'PGRST000' });
    const failed = await fetch(`${base}/rest/v1/throws`, { headers: { apikey: KEY } });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ request_id: failed.headers.get(REQUEST_ID_HEADER) });
  });

  it('never hands the next request a pooled connection whose body an early answer cut short', async () => {
    // The second half of the body leaves only after the answer has arrived; the gateway discards it (the client is
    // answered), so that upstream connection still waits for 32 KB and must not carry another request.
    const early = await new Promise<{ status: number; body: string }>((resolve) => {
      const url = new URL(`${base}/rest/v1/raw/early`);
      const half = Buffer.alloc(32 * 1024, 'z');
      const outgoing = httpRequest(
        {
          agent: false,
          hostname: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { apikey: KEY, 'content-length': 2 * half.length },
        },
        (answer) => {
          let body = '';
          answer.setEncoding('utf8').on('data', (text: string) => (body += text));
          answer.on('end', () => {
            outgoing.end(half);
            resolve({ status: answer.statusCode ?? 0, body });
          });
        },
      );
      // The gateway ends this connection once it has read the rest (its lingering close).
      outgoing.on('error', () => {});
      outgoing.write(half);
    });
    expect(early).toEqual({ status: 400, body: '{"early":true}' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await Promise.race([
      fetch(`${base}/rest/v1/raw/orders`, { method: 'POST', headers: { apikey: KEY }, body: '{"n":1}' }).then((response) => response.json()),
      new Promise((resolve) => setTimeout(() => resolve('no answer'), 3000)),
    ]);
    expect(next).toEqual({ bytes: 7 });
    expect(rawSeen.at(-1)).toBe('/orders 7');
  });

  it('sends a GET again once when the pooled upstream connection it went out on had been closed', async () => {
    expect((await fetch(`${base}/rest/v1/drinks`, { headers: { apikey: KEY } })).status).toBe(200);
    dropNext = (method) => method === 'GET';
    const response = await fetch(`${base}/rest/v1/drinks?select=name`, { headers: { apikey: KEY } });
    expect(response.status).toBe(200);
    expect(seen.map((request) => request.url)).toEqual(['/drinks', '/drinks?select=name']);
  });

  it('does not send a POST twice: the upstream may have acted on it', async () => {
    expect((await fetch(`${base}/rest/v1/drinks`, { headers: { apikey: KEY } })).status).toBe(200);
    dropNext = (method) => method === 'POST';
    const response = await fetch(`${base}/rest/v1/orders`, { method: 'POST', headers: { apikey: KEY }, body: '{}' });
    expect(response.status).toBe(503);
    expect(seen.map((request) => request.method)).toEqual(['GET']);
  });
});
