// Forged, expired and unbound tokens are refused with 401 at the REST API; the apikey is checked like Kong.
import { describe, expect, it } from 'vitest';
import { stackInfo, stackKeys } from '../support/clients.ts';
import { forgedTokens } from '../support/forged-tokens.ts';

describe('JWT checks at the gateway', async () => {
  const stack = stackInfo();
  const tokens = await forgedTokens(await stackKeys());

  it.each(Object.keys(tokens))('REST refuses a token with %s', async (name) => {
    const response = await fetch(`${stack.apiUrl}/rest/v1/`, { headers: { apikey: stack.anonKey, authorization: `Bearer ${tokens[name]}` } });
    expect(response.status).toBe(401);
    expect((await response.json()).code).toBe('PGRST301');
  });

  it("REST refuses a missing or unknown apikey with Kong's messages", async () => {
    const missing = await fetch(`${stack.apiUrl}/rest/v1/`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ message: 'No API key found in request' });
    const unknown = await fetch(`${stack.apiUrl}/rest/v1/`, { headers: { apikey: tokens['edited payload'] } });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ message: 'Invalid API key' });
  });

  it('the JWKS is public and lists the guest key', async () => {
    const keys = await stackKeys();
    const response = await fetch(`${stack.apiUrl}/auth/v1/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    const jwks = await response.json();
    expect(jwks.keys.map((key: { kid: string }) => key.kid)).toEqual(expect.arrayContaining([keys.guestKey.kid, keys.signingKey.kid]));
    expect(JSON.stringify(jwks)).not.toMatch(/"d"\s*:/);
  });

  it('unknown routes get a JSON 404', async () => {
    const response = await fetch(`${stack.apiUrl}/nope/v1/x`, { headers: { apikey: stack.anonKey } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ message: 'no Route matched with those values' });
  });

  it('CORS preflight is answered for browser clients', async () => {
    const response = await fetch(`${stack.apiUrl}/rest/v1/drinks`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://192.168.1.20:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'apikey, authorization, content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('apikey');
  });
});
