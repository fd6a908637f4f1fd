// The guest's light client (src/lib/supabase/data-client.ts: postgrest-js, realtime-js and functions-js without the
// rest of supabase-js) against the real stack: it sends what supabase-js sends — apikey, the guest's own token as
// Bearer, X-Client-Info — so PostgREST, Realtime and the functions see the same guest as before.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLIENT_INFO, createDataClient, type DataClient } from '../../src/lib/supabase/data-client.ts';
import { joinPrivate } from '../support/channels.ts';
import { stackInfo, tokenClient } from '../support/clients.ts';
import { registeredGuest } from '../support/guests.ts';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** Every request the code under test makes through the global fetch, with the headers it put on the wire. */
function recordRequests(): { url: string; headers: Headers }[] {
  const seen: { url: string; headers: Headers }[] = [];
  globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    seen.push({ url: request.url, headers: request.headers });
    return realFetch(request);
  };
  return seen;
}

function guestDataClient(token: string | null): DataClient {
  const stack = stackInfo();
  return createDataClient(stack.apiUrl, stack.anonKey, { accessToken: async () => token, realtime: { transport: WebSocket as never } });
}

describe('the guest client', () => {
  it('reads through PostgREST as the guest: apikey, the guest token as Bearer, X-Client-Info — the headers supabase-js sends', async () => {
    const sam = await registeredGuest('Sam');
    const seen = recordRequests();
    const client = guestDataClient(sam.access_token);
    const own = await client.from('guests').select('user_key, username');
    expect(own.error).toBeNull();
    expect(own.data).toEqual([{ user_key: sam.user.user_key, username: 'Sam' }]);
    const positions = await client.rpc('queue_positions');
    expect(positions.error).toBeNull();

    await tokenClient(sam.access_token).from('guests').select('user_key, username');
    const [light, rpc, full] = seen;
    expect(light.url).toBe(full.url);
    for (const name of ['apikey', 'authorization', 'accept-profile']) expect(light.headers.get(name), name).toBe(full.headers.get(name));
    expect(light.headers.get('apikey')).toBe(stackInfo().anonKey);
    expect(light.headers.get('authorization')).toBe(`Bearer ${sam.access_token}`);
    expect(light.headers.get('x-client-info')).toBe(CLIENT_INFO);
    expect(rpc.headers.get('authorization')).toBe(`Bearer ${sam.access_token}`);
  });

  it('signed out it acts as anon, as supabase-js does: the anon key as Bearer', async () => {
    const seen = recordRequests();
    const { error } = await guestDataClient(null).from('drinks').select('id').limit(1);
    expect(error).toBeNull();
    expect(seen[0].headers.get('authorization')).toBe(`Bearer ${stackInfo().anonKey}`);
  });

  it("joins the guest's private channel with the guest token, and is refused another guest's", async () => {
    const [sam, kim] = await Promise.all([registeredGuest('Sam'), registeredGuest('Kim')]);
    const client = guestDataClient(sam.access_token);
    try {
      const joined = await joinPrivate(client, `orders:${sam.user.user_key}`, ['ORDER_STATUS_CHANGED']);
      expect(joined.channel.state).toBe('joined');
      await expect(joinPrivate(client, `orders:${kim.user.user_key}`, ['ORDER_STATUS_CHANGED'])).rejects.toThrow(
        `Unauthorized: You do not have permissions to read from this Channel topic: orders:${kim.user.user_key}`,
      );
    } finally {
      client.realtime.disconnect();
    }
    const anon = guestDataClient(null);
    try {
      await expect(joinPrivate(anon, `orders:${sam.user.user_key}`, ['ORDER_STATUS_CHANGED'])).rejects.toThrow('Unauthorized');
    } finally {
      anon.realtime.disconnect();
    }
  });

  it('calls an Edge Function with the guest token (logout revokes the refresh token)', async () => {
    const sam = await registeredGuest('Sam');
    const seen = recordRequests();
    const { error } = await guestDataClient(sam.access_token).functions.invoke('logout', { body: { refresh_token: sam.refresh_token } });
    expect(error).toBeNull();
    expect(seen[0].headers.get('authorization')).toBe(`Bearer ${sam.access_token}`);
    expect(seen[0].headers.get('apikey')).toBe(stackInfo().anonKey);
    const again = await realFetch(`${stackInfo().apiUrl}/functions/v1/refresh`, {
      method: 'POST',
      headers: { apikey: stackInfo().anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: sam.refresh_token }),
    });
    expect(again.status).toBe(401);
  });
});
