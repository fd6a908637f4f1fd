import { describe, expect, it } from 'vitest';
import { isRequested, parseReauthorizeRequest } from './reauthorize.ts';

const channel = (name: string, sub: string | undefined, isPrivate = true) => ({ name, isPrivate, claims: { role: 'authenticated', exp: 0, sub } });

describe('re-authorization requests from the database', () => {
  it('name a subject, a topic or both', () => {
    expect(parseReauthorizeRequest('{"sub":"u1"}')).toEqual({ sub: 'u1' });
    expect(parseReauthorizeRequest('{"topic":"orders:u1"}')).toEqual({ topic: 'orders:u1' });
    expect(parseReauthorizeRequest('{"sub":"u1","topic":"bar:settings","other":1}')).toEqual({ sub: 'u1', topic: 'bar:settings' });
  });

  it('anything else is ignored rather than re-checking every channel', () => {
    for (const text of [
      '',
      'nope',
      '[]',
      'null',
      '"u1"',
      '{}',
      '{"sub":""}',
      '{"sub":42}',
      '{"topic":null}',
      `{"sub":"${'x'.repeat(256)}"}`,
      '{"sub":"u1","topic":7}',
    ]) {
      expect(parseReauthorizeRequest(text), text).toBeUndefined();
    }
  });

  it('match private channels by the token’s subject and the topic; public channels have nothing to re-check', () => {
    expect(isRequested(channel('orders:u1', 'u1'), { sub: 'u1' })).toBe(true);
    expect(isRequested(channel('bar:settings', 'u1'), { sub: 'u1' })).toBe(true);
    expect(isRequested(channel('orders:u2', 'u2'), { sub: 'u1' })).toBe(false);
    expect(isRequested(channel('bar:settings', 'u2'), { topic: 'bar:settings' })).toBe(true);
    expect(isRequested(channel('bar:settings', 'u2'), { topic: 'bar:settings', sub: 'u1' })).toBe(false);
    expect(isRequested(channel('lobby', 'u1', false), { sub: 'u1' })).toBe(false);
    expect(isRequested(channel('orders:u1', undefined), { sub: 'u1' })).toBe(false);
  });
});
