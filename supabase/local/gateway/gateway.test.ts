// The gateway in-process, over stub services: one error handler, body limits, forwarded addresses and hidden keys.
import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../shared/body.ts';
import type { Logger } from '../shared/log.ts';
import type { Service } from '../shared/service.ts';
import { PROXY_SECRET_HEADER } from './client-address.ts';
import { createGateway, REQUEST_ID_HEADER, type Gateway } from './index.ts';
import type { Route } from './routes.ts';
import { chunkedPost } from '../../../tests/support/chunked-post.ts';

const KEY = 'the-anon-key';
const SECRET = 'the-proxy-secret';
const logged: string[] = [];
const log: Logger = { info: () => {}, warn: () => {}, error: (service, message) => logged.push(`[${service}] ${message}`) };

/** Answers with what it saw: the URL, the headers and the body (read with a generous bound). */
const echo: Service = {
  async handle(request) {
    const body = await readBody(request, 64 * 1024 * 1024);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    return Response.json({ url: request.url, headers, bytes: body.length });
  },
  close: async () => {},
};
const failing: Service = {
  async handle() {
    throw new Error('database on fire');
  },
  close: async () => {},
};

let gateway: Gateway;
let base: string;

beforeAll(async () => {
  const routes: Route[] = [
    { prefix: '/rest/v1', service: echo, apiKey: 'required', hideApiKey: true, cors: 'gateway' },
    { prefix: '/auth/v1', service: echo, apiKey: 'required', cors: 'gateway' },
    { prefix: '/boom/v1', service: failing, apiKey: 'none', cors: 'gateway' },
    {
      prefix: '/shaped/v1',
      service: failing,
      apiKey: 'none',
      cors: 'gateway',
      internalError: (id) => Response.json({ code: 'unexpected_failure', id }, { status: 500 }),
    },
    { prefix: '/upload/v1', service: echo, apiKey: 'none', cors: 'service', bodyLimit: () => 3 * 1024 * 1024 },
  ];
  gateway = createGateway({ routes, apiKeys: [KEY], proxySecret: SECRET, defaultBodyLimit: 1024 * 1024, log });
  await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
});

afterAll(() => gateway.close(0));

async function seen(path: string, init: RequestInit = {}) {
  const response = await fetch(`${base}${path}`, init);
  return { status: response.status, body: (await response.json()) as { url: string; headers: Record<string, string>; bytes: number } };
}

describe('the one error handler', () => {
  it('answers a failing service with a JSON 500 naming a request id, and logs that id', async () => {
    const response = await fetch(`${base}/boom/v1/x`);
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toMatchObject({ request_id: response.headers.get(REQUEST_ID_HEADER), message: expect.stringContaining('stack log') });
    expect(logged.some((line) => line.includes(`request ${body.request_id} GET /boom/v1/x failed`))).toBe(true);
  });

  it("uses a service's own wire shape when the route has one", async () => {
    const response = await fetch(`${base}/shaped/v1/x`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ code: 'unexpected_failure', id: response.headers.get(REQUEST_ID_HEADER) });
  });
});

describe('body limits', () => {
  it('refuses a declared Content-Length over the limit with 413 before the service reads anything', async () => {
    const response = await fetch(`${base}/auth/v1/token`, { method: 'POST', headers: { apikey: KEY }, body: 'x'.repeat(1024 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'Request size limit exceeded', hint: 'Request bodies may be up to 1 MB here.' });
  });

  it('refuses a chunked body once the stream passes the limit', async () => {
    const status = await chunkedPost(`${base}/auth/v1/token`, 4 * 1024 * 1024, { apikey: KEY });
    expect(status).toBe(413);
  });

  it('lets a route allow more (Storage uploads) and passes bodies under the limit', async () => {
    expect((await seen('/upload/v1/object/b/a.webp', { method: 'POST', body: Buffer.alloc(2 * 1024 * 1024) })).body.bytes).toBe(2 * 1024 * 1024);
    expect((await fetch(`${base}/upload/v1/object/b/a.webp`, { method: 'POST', body: Buffer.alloc(3 * 1024 * 1024 + 1) })).status).toBe(413);
  });
});

describe('forwarded addresses and keys', () => {
  it('hides the apikey from PostgREST (header and query), as Kong does', async () => {
    const { body } = await seen(`/rest/v1/drinks?select=name&apikey=${KEY}`);
    expect(new URL(body.url).search).toBe('?select=name');
    expect(body.headers.apikey).toBeUndefined();
    const withHeader = await seen('/rest/v1/drinks', { headers: { apikey: KEY } });
    expect(withHeader.body.headers.apikey).toBeUndefined();
    expect((await seen('/auth/v1/settings', { headers: { apikey: KEY } })).body.headers.apikey).toBe(KEY);
  });

  it('appends the TCP peer to X-Forwarded-For and never passes the proxy secret on', async () => {
    const { body } = await seen('/auth/v1/token', { headers: { apikey: KEY, 'x-forwarded-for': '6.6.6.6', [PROXY_SECRET_HEADER]: 'a guess' } });
    expect(body.headers['x-forwarded-for']).toBe('6.6.6.6, 127.0.0.1');
    expect(body.headers[PROXY_SECRET_HEADER]).toBeUndefined();
  });

  it('takes the browser address from our app server, proven by the proxy secret', async () => {
    const { body } = await seen('/auth/v1/token', { headers: { apikey: KEY, 'x-forwarded-for': '192.168.1.40', [PROXY_SECRET_HEADER]: SECRET } });
    expect(body.headers['x-forwarded-for']).toBe('192.168.1.40');
    expect(body.headers[PROXY_SECRET_HEADER]).toBeUndefined();
  });
});

describe('keep-alive', () => {
  it('tells clients it keeps idle connections a minute, not Node’s 5 s (a phone pauses longer between orders)', async () => {
    const hint = await new Promise<string | undefined>((resolve, reject) => {
      const url = new URL(`${base}/auth/v1/settings`);
      httpRequest({ hostname: url.hostname, port: url.port, path: url.pathname, headers: { apikey: KEY, connection: 'keep-alive' } }, (answer) => {
        answer.resume();
        resolve(answer.headers['keep-alive']?.toString());
      })
        .on('error', reject)
        .end();
    });
    expect(hint).toBe('timeout=65');
  });
});
