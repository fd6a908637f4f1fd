import { describe, expect, it } from 'vitest';
import { friendlyMessage, GuestIdentityError, registerRequest } from './identity-api.ts';

describe('guest identity errors', () => {
  it('explains every error a guest can meet in plain words', () => {
    expect(friendlyMessage('invalid_code')).toMatch(/Ask your host/);
    expect(friendlyMessage('rate_limited', undefined, 12)).toMatch(/12 seconds/);
    expect(friendlyMessage('invalid_username', 'Your name needs at least 2 characters.')).toBe('Your name needs at least 2 characters.');
    expect(friendlyMessage('network')).toMatch(/Wi-Fi/);
    expect(friendlyMessage('something_new')).toMatch(/try again/);
  });

  it('turns a failed call into a GuestIdentityError with code, status and Retry-After', async () => {
    const endpoint = {
      supabaseUrl: 'http://bar',
      anonKey: 'anon',
      fetch: async () => Response.json({ error: { code: 'rate_limited', message: 'Too many' } }, { status: 429, headers: { 'retry-after': '7' } }),
    };
    const error = await registerRequest(endpoint, 'code', 'Sam').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuestIdentityError);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 7 });
  });

  it('an unreachable server is a network error', async () => {
    const endpoint = { supabaseUrl: 'http://bar', anonKey: 'anon', fetch: async () => Promise.reject(new TypeError('fetch failed')) };
    await expect(registerRequest(endpoint, 'code', 'Sam')).rejects.toMatchObject({ code: 'network' });
  });
});
