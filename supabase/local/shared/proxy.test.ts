// proxyRequest (the contract-level proxy the functions runner uses) against a real upstream that, like PostgREST
// or a worker closing an idle connection, drops a request that arrives on a pooled connection it has given up.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyRequest, UpstreamUnavailableError } from './proxy.ts';

let upstream: Server;
let origin: string;
let dropNext: string | undefined;
const answered: string[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    if (req.method === dropNext) {
      dropNext = undefined;
      return void req.socket.destroy();
    }
    req.resume();
    req.on('end', () => {
      answered.push(`${req.method} ${req.url}`);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

describe('proxyRequest on a pooled connection the upstream had closed', () => {
  it('sends a GET again once', async () => {
    answered.length = 0;
    expect(await (await proxyRequest(new Request(`${origin}/warm`), origin, '/warm')).text()).toBe('ok');
    dropNext = 'GET';
    const response = await proxyRequest(new Request(`${origin}/again`), origin, '/again');
    expect(await response.text()).toBe('ok');
    expect(answered).toEqual(['GET /warm', 'GET /again']);
  });

  it('does not send a POST twice', async () => {
    answered.length = 0;
    expect(await (await proxyRequest(new Request(`${origin}/warm`), origin, '/warm')).text()).toBe('ok');
    dropNext = 'POST';
    const sent = proxyRequest(new Request(`${origin}/order`, { method: 'POST', body: '{}' }), origin, '/order');
    await expect(sent).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(answered).toEqual(['GET /warm']);
  });
});
