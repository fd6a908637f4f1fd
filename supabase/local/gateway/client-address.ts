// Who is calling. The TCP peer is the caller — unless the peer is our own app server, which proves it with the
// stack's proxy secret and names the browser it acts for (host sign-in happens on the server). A header any
// local process can write proves nothing, so loopback alone is never trusted.
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** Set by the app server (with the secret it got from `barkeep start`); never passed on to a service. */
export const PROXY_SECRET_HEADER = 'x-barkeep-proxy-secret';

function normalize(address: string): string {
  return address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

function sameSecret(presented: string | null, secret: string): boolean {
  if (!presented || !secret) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface ClientAddress {
  /** The caller's address, as rate limits should count it. */
  address: string;
  /** `X-Forwarded-For` for the services: earlier hops as received, the caller's address last. */
  forwardedFor: string;
}

export function resolveClientAddress(headers: Pick<Headers, 'get'>, socketAddress: string | undefined, proxySecret: string): ClientAddress {
  const received = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const peer = normalize(socketAddress ?? '') || 'unknown';
  if (sameSecret(headers.get(PROXY_SECRET_HEADER), proxySecret)) {
    const vouched = normalize(received.at(-1) ?? '');
    if (isIP(vouched)) return { address: vouched, forwardedFor: [...received.slice(0, -1), vouched].join(', ') };
  }
  return { address: peer, forwardedFor: [...received, peer].join(', ') };
}
