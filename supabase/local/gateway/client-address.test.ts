import { describe, expect, it } from 'vitest';
import { PROXY_SECRET_HEADER, resolveClientAddress } from './client-address.ts';

const SECRET = 'the-stack-secret';
const headers = (values: Record<string, string>) => new Headers(values);

describe('resolveClientAddress', () => {
  it('is the TCP peer, whatever the client wrote into X-Forwarded-For', () => {
    expect(resolveClientAddress(headers({ 'x-forwarded-for': '6.6.6.6' }), '192.168.1.23', SECRET)).toEqual({
      address: '192.168.1.23',
      forwardedFor: '6.6.6.6, 192.168.1.23',
    });
    expect(resolveClientAddress(headers({}), '::ffff:192.168.1.23', SECRET)).toEqual({ address: '192.168.1.23', forwardedFor: '192.168.1.23' });
  });

  it('does not trust a loopback peer that only claims to forward', () => {
    expect(resolveClientAddress(headers({ 'x-forwarded-for': '10.9.8.7' }), '127.0.0.1', SECRET).address).toBe('127.0.0.1');
    expect(resolveClientAddress(headers({ 'x-forwarded-for': '10.9.8.7', [PROXY_SECRET_HEADER]: 'guessed' }), '127.0.0.1', SECRET).address).toBe('127.0.0.1');
  });

  it('trusts the browser address our own app server names with the proxy secret', () => {
    const resolved = resolveClientAddress(headers({ 'x-forwarded-for': '192.168.1.40', [PROXY_SECRET_HEADER]: SECRET }), '127.0.0.1', SECRET);
    expect(resolved).toEqual({ address: '192.168.1.40', forwardedFor: '192.168.1.40' });
  });

  it('falls back to the peer when the vouched entry is not an address, or no secret is configured', () => {
    expect(resolveClientAddress(headers({ 'x-forwarded-for': 'garbage', [PROXY_SECRET_HEADER]: SECRET }), '127.0.0.1', SECRET).address).toBe('127.0.0.1');
    expect(resolveClientAddress(headers({ 'x-forwarded-for': '192.168.1.40', [PROXY_SECRET_HEADER]: '' }), '127.0.0.1', '').address).toBe('127.0.0.1');
  });
});
