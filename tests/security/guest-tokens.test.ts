// Forged guest tokens (other key, alg none, HS256 with the public key, edited payload, expired, …) are
// refused wherever a guest token is accepted: PostgREST, the logout function and the bartender.
import { describe, expect, it } from 'vitest';
import { stackInfo, stackKeys } from '../support/clients.ts';
import { forgedTokens } from '../support/forged-tokens.ts';
import { askBartender, turn } from '../support/bartender.ts';
import { logout, refresh, registeredGuest } from '../support/guests.ts';

describe('forged guest tokens', async () => {
  const stack = stackInfo();
  const sam = await registeredGuest('Sam');
  const tokens = await forgedTokens(await stackKeys(), sam.user.user_key as ReturnType<typeof crypto.randomUUID>);

  it.each(Object.keys(tokens))('PostgREST refuses a guest token with %s', async (name) => {
    const response = await fetch(`${stack.apiUrl}/rest/v1/guests?select=username`, {
      headers: { apikey: stack.anonKey, authorization: `Bearer ${tokens[name]}` },
    });
    expect(response.status).toBe(401);
  });

  it.each(Object.keys(tokens))('logout refuses a guest token with %s and the login stays', async (name) => {
    const result = await logout(tokens[name], sam.refresh_token);
    expect(result.status).toBe(401);
  });

  it('the real token still works after all those attempts', async () => {
    const response = await fetch(`${stack.apiUrl}/rest/v1/guests?select=username`, {
      headers: { apikey: stack.anonKey, authorization: `Bearer ${sam.access_token}` },
    });
    expect(await response.json()).toEqual([{ username: 'Sam' }]);
    expect((await refresh(sam.refresh_token)).status).toBe(200);
  });
});

describe('forged tokens at the bartender', async () => {
  const stack = stackInfo();
  const tokens = await forgedTokens(await stackKeys());

  // verify_jwt is off for the bartender (as on hosted Supabase): the function itself must refuse them.
  it.each(Object.keys(tokens))('the bartender refuses a token with %s', async (name) => {
    const response = await askBartender(stack, tokens[name], turn('something with gin'));
    expect(response.status).toBe(401);
  });
});
