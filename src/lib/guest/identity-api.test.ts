import { describe, expect, it } from 'vitest';
import { GuestIdentityError, registerRequest } from './identity-api.ts';

describe('guest identity errors', () => {
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
    await expect(registerRequest(endpoint, 'code', 'Sam')).rejects.toMatchObject({ code: 'network', status: 0 });
  });
});
