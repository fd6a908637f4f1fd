// The gateway on :54321 — the Supabase URL. Routes to PostgREST, Auth, Realtime, Storage and Edge Functions,
// checks the apikey and answers CORS, as Kong does in front of a Supabase project.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { FunctionsRunner } from '../functions/index.ts';
import { proxyHttp, sendJson } from '../shared/http.ts';
import { bearerToken, InvalidJwtError, type VerifyAccessToken } from '../shared/jwt.ts';
import type { Logger } from '../shared/log.ts';
import type { Service, WebSocketService } from '../shared/service.ts';
import { matchRoute } from './routes.ts';

export interface GatewayOptions {
  apiKeys: string[];
  restOrigin: string;
  auth: Service;
  storage: Service;
  realtime: WebSocketService;
  functions: FunctionsRunner;
  verifyAccessToken: VerifyAccessToken;
  log: Logger;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-credentials': 'true',
  'access-control-expose-headers': 'content-range, content-profile, x-supabase-api-version, x-total-count, retry-after',
};

function apiKeyOf(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.apikey;
  return (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('apikey') ?? undefined;
}

function apiKeyProblem(key: string | undefined, apiKeys: string[]) {
  if (!key) return { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' };
  if (!apiKeys.includes(key)) return { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' };
  return undefined;
}

function clientAddress(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  const own = req.socket.remoteAddress ?? '';
  return forwarded ? `${forwarded}, ${own}` : own;
}

export function createGateway(options: GatewayOptions): Server {
  const { log } = options;
  const serve = (service: Service) => getRequestListener((request) => service.handle(request));
  const authListener = serve(options.auth);
  const storageListener = serve(options.storage);
  const realtimeListener = serve(options.realtime);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const target = matchRoute(url.pathname, url.search);
    if (target?.upstream !== 'functions') {
      for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, apikey, content-type, x-client-info',
          'access-control-max-age': '3600',
        });
        res.end();
        return;
      }
    }
    if (!target) {
      sendJson(res, 404, { message: 'no Route matched with those values', hint: 'The API serves /rest/v1, /auth/v1, /realtime/v1, /storage/v1 and /functions/v1.' });
      return;
    }
    if (target.needsApiKey) {
      const problem = apiKeyProblem(apiKeyOf(req, url), options.apiKeys);
      if (problem) {
        sendJson(res, 401, problem);
        return;
      }
    }
    const forwarded = { 'x-forwarded-for': clientAddress(req), 'x-forwarded-proto': 'http', 'x-forwarded-host': req.headers.host ?? '' };
    switch (target.upstream) {
      case 'functions':
        // Functions rate-limit by client address: they must see the gateway's X-Forwarded-For (right-most
        // entry = the address that connected), never only what the client wrote.
        Object.assign(req.headers, forwarded);
        await options.functions.handle(req, res, target.functionName!, target.upstreamPath);
        return;
      case 'rest': {
        // PostgREST 12 accepts a token whose `kid` names another key of the JWKS; the gateway binds the kid first.
        const token = bearerToken(req.headers.authorization);
        if (token) {
          try {
            await options.verifyAccessToken(token);
          } catch (error) {
            const message = error instanceof InvalidJwtError ? error.message : 'JWT invalid';
            sendJson(res, 401, { code: 'PGRST301', details: null, hint: null, message }, { 'www-authenticate': `Bearer error="invalid_token", error_description="${message}"` });
            return;
          }
        }
        proxyHttp(req, res, options.restOrigin, target.upstreamPath, {
          extraHeaders: forwarded,
          onError: () => sendJson(res, 503, { code: 'PGRST000', details: null, hint: 'PostgREST is restarting; try again.', message: 'REST API unavailable' }),
        });
        return;
      }
      case 'auth':
        // As Kong: the service sees the caller's address (rate limits of failed sign-ins), last entry from the socket.
        req.headers['x-forwarded-for'] = forwarded['x-forwarded-for'];
        await authListener(req, res);
        return;
      case 'storage':
        await storageListener(req, res);
        return;
      case 'realtime':
        await realtimeListener(req, res);
        return;
    }
  }

  const server = createServer({ keepAlive: true }, (req, res) => {
    route(req, res).catch((error) => {
      const requestId = randomUUID();
      log.error('gateway', `request ${requestId} ${req.method} ${req.url?.split('?')[0]} failed`, error);
      sendJson(res, 500, { message: 'Internal error in the embedded stack', request_id: requestId });
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const problem = url.pathname === '/realtime/v1/websocket' ? apiKeyProblem(apiKeyOf(req, url), options.apiKeys) : { message: 'no Route matched with those values' };
    if (problem) {
      const body = JSON.stringify(problem);
      const status = url.pathname === '/realtime/v1/websocket' ? '401 Unauthorized' : '404 Not Found';
      socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      return;
    }
    options.realtime.upgrade(req, socket, head);
  });

  return server;
}
