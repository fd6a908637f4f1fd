// A local stand-in for a browser vendor's push service (RFC 8030), so the push chain runs offline. It checks
// the VAPID JWT (RFC 8292) like FCM and Mozilla do, and decrypts the RFC 8291 aes128gcm body with the
// subscription's private key, which a test generated in place of a browser.
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ece from 'http_ece';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';

/** How the fake service answers pushes to one endpoint; `hang` reads the push and never answers. */
export type EndpointBehaviour = 'accept' | 'gone' | 'fail' | 'hang';

export interface BrowserSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface ReceivedPush {
  endpoint: string;
  payload: unknown;
  ttl: string | undefined;
  urgency: string | undefined;
  topic: string | undefined;
}

interface Endpoint {
  behaviour: EndpointBehaviour;
  keys: ECDH;
  authSecret: Buffer;
  requests: number;
}

const STATUS: Record<Exclude<EndpointBehaviour, 'hang'>, number> = { accept: 201, gone: 410, fail: 500 };

/** The application server key the stack signs with: raw P-256 point, base64url. */
async function verifyVapid(authorization: string | undefined, audience: string, expectedKey: string): Promise<string | undefined> {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) return 'missing vapid authorization';
  const [, token, key] = match;
  if (key !== expectedKey) return 'unexpected application server key';
  const point = Buffer.from(key, 'base64url');
  if (point.length !== 65 || point[0] !== 4) return 'k is not an uncompressed P-256 point';
  if (decodeProtectedHeader(token).alg !== 'ES256') return 'vapid JWT must be ES256';
  const publicKey = await importJWK(
    { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
    'ES256',
  );
  try {
    const { payload } = await jwtVerify(token, publicKey, { audience });
    if (typeof payload.exp !== 'number' || payload.exp > Date.now() / 1000 + 24 * 3600) return 'exp missing or more than 24 h ahead';
    if (typeof payload.sub !== 'string' || !/^(mailto:|https:)/.test(payload.sub)) return 'sub must be mailto: or https:';
  } catch (error) {
    return `invalid vapid JWT: ${(error as Error).message}`;
  }
  return undefined;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startFakePushService(options: { vapidPublicKey: string }) {
  const endpoints = new Map<string, Endpoint>();
  const received: ReceivedPush[] = [];
  const rejected: string[] = [];
  let origin = '';
  let hanging = 0;

  const server: Server = createServer(async (request, response) => {
    const endpoint = endpoints.get(`${origin}${request.url}`);
    const body = await readBody(request);
    if (request.method !== 'POST' || !endpoint) {
      response.writeHead(404).end();
      return;
    }
    endpoint.requests++;
    const problem = await verifyVapid(request.headers.authorization, origin, options.vapidPublicKey);
    if (problem) {
      rejected.push(problem);
      response.writeHead(403).end(problem);
      return;
    }
    if (request.headers['content-encoding'] !== 'aes128gcm') {
      rejected.push(`content-encoding ${request.headers['content-encoding']}`);
      response.writeHead(415).end();
      return;
    }
    if (endpoint.behaviour === 'hang') {
      hanging++;
      return;
    }
    if (endpoint.behaviour === 'accept') {
      try {
        const plaintext = ece.decrypt(body, { version: 'aes128gcm', privateKey: endpoint.keys, authSecret: endpoint.authSecret.toString('base64url') });
        received.push({
          endpoint: `${origin}${request.url}`,
          payload: JSON.parse(plaintext.toString('utf8')),
          ttl: request.headers.ttl as string | undefined,
          urgency: request.headers.urgency as string | undefined,
          topic: request.headers.topic as string | undefined,
        });
      } catch (error) {
        rejected.push(`could not decrypt: ${(error as Error).message}`);
        response.writeHead(400).end();
        return;
      }
    }
    response.writeHead(STATUS[endpoint.behaviour]).end();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    received,
    /** Requests refused for a bad VAPID signature or undecryptable body: a correct dispatcher causes none. */
    rejected,
    /** A new browser-side subscription: fresh P-256 key pair and auth secret, as PushManager.subscribe() makes. */
    subscribe(behaviour: EndpointBehaviour = 'accept'): BrowserSubscription {
      const keys = createECDH('prime256v1');
      keys.generateKeys();
      const authSecret = randomBytes(16);
      const endpoint = `${origin}/push/${randomBytes(12).toString('base64url')}`;
      endpoints.set(endpoint, { behaviour, keys, authSecret, requests: 0 });
      return { endpoint, p256dh: keys.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') };
    },
    /** From now on, answer pushes to `endpoint` this way. */
    setBehaviour(endpoint: string, behaviour: EndpointBehaviour): void {
      const known = endpoints.get(endpoint);
      if (!known) throw new Error(`unknown endpoint ${endpoint}`);
      known.behaviour = behaviour;
    },
    /** How many pushes were received and never answered (`hang`). */
    get hanging(): number {
      return hanging;
    },
    /** How many push requests an endpoint got, accepted or not. */
    requestCount(endpoint: string): number {
      return endpoints.get(endpoint)?.requests ?? 0;
    },
    messagesFor(endpoint: string): ReceivedPush[] {
      return received.filter((push) => push.endpoint === endpoint);
    },
    stop(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export type FakePushService = Awaited<ReturnType<typeof startFakePushService>>;
