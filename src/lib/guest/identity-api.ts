// HTTP calls to the guest-identity Edge Functions (CONTRACT §3). Failures carry the function's stable error code
// (the words for it come from src/lib/problems); a call that got no answer has status 0.
import type { StoredSession } from './stored-session.ts';

export class GuestIdentityError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface IdentityEndpoint {
  supabaseUrl: string;
  anonKey: string;
  fetch?: typeof fetch;
}

async function post(endpoint: IdentityEndpoint, name: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  try {
    return await (endpoint.fetch ?? fetch)(`${endpoint.supabaseUrl}/functions/v1/${name}`, {
      method: 'POST',
      headers: { apikey: endpoint.anonKey, authorization: `Bearer ${endpoint.anonKey}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  } catch {
    throw new GuestIdentityError('network', 'The bar could not be reached.');
  }
}

async function failure(response: Response): Promise<GuestIdentityError> {
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  const code = body.error?.code ?? (response.status >= 500 ? 'internal_error' : 'unknown');
  const retryAfter = Number(response.headers.get('retry-after')) || undefined;
  return new GuestIdentityError(code, body.error?.message ?? code, response.status, retryAfter);
}

export async function registerRequest(endpoint: IdentityEndpoint, code: string, username: string): Promise<StoredSession> {
  const response = await post(endpoint, 'register', { username }, { 'x-registration-code': code });
  if (response.status !== 201) throw await failure(response);
  return (await response.json()) as StoredSession;
}

export async function refreshRequest(endpoint: IdentityEndpoint, refreshToken: string): Promise<Omit<StoredSession, 'user'>> {
  const response = await post(endpoint, 'refresh', { refresh_token: refreshToken });
  if (response.status !== 200) throw await failure(response);
  return (await response.json()) as Omit<StoredSession, 'user'>;
}

export async function logoutRequest(endpoint: IdentityEndpoint, accessToken: string, refreshToken: string): Promise<void> {
  const response = await post(endpoint, 'logout', { refresh_token: refreshToken }, { authorization: `Bearer ${accessToken}` });
  if (response.status !== 204) throw await failure(response);
}
