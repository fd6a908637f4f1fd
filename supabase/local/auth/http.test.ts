import { describe, expect, it } from 'vitest';
import { clientIp, readJsonObject } from './http.ts';

const request = (forwardedFor?: string) => new Request('http://auth/auth/v1/token', { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

describe('clientIp', () => {
  it('uses the address the gateway appended from the socket, not what the client claimed', () => {
    expect(clientIp(request('6.6.6.6, 192.168.1.23'))).toBe('192.168.1.23');
    expect(clientIp(request('192.168.1.23'))).toBe('192.168.1.23');
  });

  it('trusts the entry before a loopback socket: the app server names the browser it signs in for', () => {
    expect(clientIp(request('192.168.1.40, 127.0.0.1'))).toBe('192.168.1.40');
    expect(clientIp(request('192.168.1.40, ::ffff:127.0.0.1'))).toBe('192.168.1.40');
    expect(clientIp(request('127.0.0.1'))).toBe('127.0.0.1');
    expect(clientIp(request('not-an-ip, 127.0.0.1'))).toBe('127.0.0.1');
  });

  it('is null without a usable address', () => {
    expect(clientIp(request())).toBeNull();
    expect(clientIp(request('garbage'))).toBeNull();
  });
});

describe('readJsonObject', () => {
  const body = (text: string) => new Request('http://auth/x', { method: 'POST', body: text });

  it('parses an object; an empty body is {}', async () => {
    await expect(readJsonObject(body('{"email":"a@b.c"}'))).resolves.toEqual({ email: 'a@b.c' });
    await expect(readJsonObject(body(''))).resolves.toEqual({});
  });

  it.each(['{"email":', '[1,2]', '"text"', 'null'])('refuses %s as bad_json', async (text) => {
    await expect(readJsonObject(body(text))).rejects.toMatchObject({ status: 400, code: 'bad_json' });
  });
});
