// Guest tokens minted by the real `register` function verify at Realtime through their `kid`, open exactly
// the guest's own private channel under the app's policies, and forged tokens open nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { stackKeys } from '../support/clients.ts';
import { forgedTokens } from '../support/forged-tokens.ts';
import { registeredGuest } from '../support/guests.ts';
import { realtimeClient, subscribe, type RealtimeTestClient } from '../integration/realtime-support.ts';

const UNAUTHORIZED = 'Unauthorized: You do not have permissions to read from this Channel topic:';

describe('guest tokens at Realtime', async () => {
  const alice = await registeredGuest('Alice');
  const bob = await registeredGuest('Bob');
  const clients: RealtimeTestClient[] = [];
  const connect = async (token: string) => {
    const client = await realtimeClient({ token });
    clients.push(client);
    return client;
  };

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
  });

  it('a registered guest joins their own orders channel', async () => {
    const { client } = await connect(alice.access_token);
    const result = await subscribe(client.channel(`orders:${alice.user.user_key}`, { config: { private: true } }));
    expect(result.status).toBe('SUBSCRIBED');
  });

  it.each([
    ['another guest’s orders', () => `orders:${bob.user.user_key}`],
    ['the host feed', () => 'admin:orders'],
  ])('is refused %s', async (_name, topic) => {
    const { client } = await connect(alice.access_token);
    const result = await subscribe(client.channel(topic(), { config: { private: true } }));
    expect(result.status).toBe('CHANNEL_ERROR');
    expect(result.error?.message).toBe(`${UNAUTHORIZED} ${topic()}`);
  });

  it('forged guest tokens open no private channel', async () => {
    const forged = await forgedTokens(await stackKeys(), alice.user.user_key);
    for (const [name, token] of Object.entries(forged)) {
      const { client } = await connect(token);
      const result = await subscribe(client.channel(`orders:${alice.user.user_key}`, { config: { private: true } }), 5_000);
      expect(result.status, name).not.toBe('SUBSCRIBED');
    }
  });
});
