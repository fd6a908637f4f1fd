// The Edge Functions path of the real project, through supabase-js.
import { describe, expect, it } from 'vitest';
import { anonClient, stackInfo } from '../support/clients.ts';

describe('Edge Functions', () => {
  it('health answers through supabase.functions.invoke', async () => {
    const { data, error } = await anonClient().functions.invoke('health', { method: 'GET' });
    expect(error).toBeNull();
    expect(data).toMatchObject({ status: 'ok' });
  });

  it('an unknown function is a JSON 404', async () => {
    const response = await fetch(`${stackInfo().apiUrl}/functions/v1/no-such-function`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 'NOT_FOUND', message: 'Requested function was not found' });
  });

  it('a function answers its own CORS preflight', async () => {
    const response = await fetch(`${stackInfo().apiUrl}/functions/v1/health`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
