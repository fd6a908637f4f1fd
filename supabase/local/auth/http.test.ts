import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError } from '../shared/body.ts';
import { AUTH_BODY_LIMIT, clientIp, readJsonObject } from './http.ts';

const request = (forwardedFor?: string) => new Request('http://auth/auth/v1/token', { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

describe('clientIp', () => {
  it('is the last entry, the one the gateway wrote; what a client claimed before it is ignored', () => {
    expect(clientIp(request('6.6.6.6, 192.168.1.23'))).toBe('192.168.1.23');
    expect(clientIp(request('192.168.1.23'))).toBe('192.168.1.23');
  });

  it('never trusts the entry before a loopback address (any local process can write it)', () => {
    expect(clientIp(request('192.168.1.40, 127.0.0.1'))).toBe('127.0.0.1');
    expect(clientIp(request('192.168.1.40, ::1'))).toBe('::1');
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

  it.each(['{"email":"a\\u0000b@example.com"}', '{"data":{"nested":["x\\u0000"]}}', '{"a\\u0000":1}'])(
    'refuses NUL characters in %s as validation_failed',
    async (text) => {
      await expect(readJsonObject(body(text))).rejects.toMatchObject({ status: 400, code: 'validation_failed' });
    },
  );

  it('reads no more than its bound', async () => {
    await expect(readJsonObject(body(`{"email":"${'x'.repeat(AUTH_BODY_LIMIT)}"}`))).rejects.toBeInstanceOf(PayloadTooLargeError);
  });
});
