// HTTP calls to the guest-identity Edge Functions (CONTRACT §3) and their errors in words a guest understands.
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

const FRIENDLY: Record<string, string> = {
  invalid_code: "This invite isn't valid any more (it may have expired or been used up). Ask your host for a fresh QR code.",
  missing_code: 'Scan the QR code from your host, or type the code below.',
  network: "We can't reach the bar right now. Are you on the party Wi-Fi? Then try again.",
  invalid_refresh_token: 'Your session has ended. Scan the invite again to rejoin.',
  internal_error: 'Something went wrong at the bar. Please try again in a moment.',
};

export function friendlyMessage(code: string, serverMessage?: string, retryAfterSeconds?: number): string {
  if (code === 'rate_limited') {
    return `Lots of guests are arriving right now. Please try again in ${retryAfterSeconds ?? 30} seconds.`;
  }
  if (code === 'invalid_username' && serverMessage) return serverMessage;
  return FRIENDLY[code] ?? serverMessage ?? FRIENDLY.internal_error;
}

async function post(endpoint: IdentityEndpoint, name: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  try {
    return await (endpoint.fetch ?? fetch)(`${endpoint.supabaseUrl}/functions/v1/${name}`, {
      method: 'POST',
      headers: { apikey: endpoint.anonKey, authorization: `Bearer ${endpoint.anonKey}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  } catch {
    throw new GuestIdentityError('network', friendlyMessage('network'));
  }
}

async function failure(response: Response): Promise<GuestIdentityError> {
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  const code = body.error?.code ?? (response.status >= 500 ? 'internal_error' : 'unknown');
  const retryAfter = Number(response.headers.get('retry-after')) || undefined;
  return new GuestIdentityError(code, friendlyMessage(code, body.error?.message, retryAfter), response.status, retryAfter);
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

