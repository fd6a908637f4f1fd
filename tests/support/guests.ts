// Guest-identity helpers for tests: invite codes (service role), hosts, and the register/refresh/logout
// Edge Functions called over HTTP through the gateway, exactly as the PWA calls them.
import type { SupabaseClient } from '@supabase/supabase-js';
import { adminSql, serviceClient, stackInfo } from './clients.ts';
import { createAccount, signIn } from './hosts.ts';
import type { StackInfo } from './stack-process.ts';

export interface CodeOptions {
  maxUses?: number;
  expiresInHours?: number;
  notes?: string;
  /** Back-dates the code so it is already expired. */
  expired?: boolean;
  revoked?: boolean;
}

/** Inserts an invite code with the service role and returns it. */
export async function createCode(options: CodeOptions = {}, stack = stackInfo()): Promise<string> {
  const now = Date.now();
  const createdAt = options.expired ? new Date(now - 3 * 3600_000) : new Date(now);
  const expiresAt = options.expired ? new Date(now - 3600_000) : new Date(now + (options.expiresInHours ?? 4) * 3600_000);
  const { data, error } = await serviceClient(stack)
    .from('registration_codes')
    .insert({
      max_uses: options.maxUses ?? 10,
      created_at: createdAt.toISOString(),
      expires_at: expiresAt.toISOString(),
      notes: options.notes ?? null,
      revoked_at: options.revoked ? new Date(now).toISOString() : null,
    })
    .select('code')
    .single();
  if (error) throw new Error(`could not create a code: ${error.message}`);
  return data.code as string;
}

export interface CallResult<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

async function call<T>(stack: StackInfo, name: string, init: { body?: string; headers?: Record<string, string> }): Promise<CallResult<T>> {
  const response = await fetch(`${stack.apiUrl}/functions/v1/${name}`, {
    method: 'POST',
    headers: { apikey: stack.anonKey, authorization: `Bearer ${stack.anonKey}`, 'content-type': 'application/json', ...init.headers },
    body: init.body,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

export interface Session {
  user: { user_key: string; username: string };
  access_token: string;
  refresh_token: string;
  expires_at: number;
}

export function register(code: string | undefined, body: unknown, stack = stackInfo(), headers: Record<string, string> = {}) {
  return call<Session & { error?: { code: string; message: string } }>(stack, 'register', {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { ...(code === undefined ? {} : { 'x-registration-code': code }), ...headers },
  });
}

/** Registers a guest and fails the test unless it works. */
export async function registeredGuest(username = 'Sam', stack = stackInfo()): Promise<Session> {
  const code = await createCode({}, stack);
  const result = await register(code, { username }, stack);
  if (result.status !== 201) throw new Error(`register answered ${result.status}: ${JSON.stringify(result.body)}`);
  return result.body;
}

export function refresh(refreshToken: unknown, stack = stackInfo()) {
  return call<Omit<Session, 'user'> & { error?: { code: string } }>(stack, 'refresh', { body: JSON.stringify({ refresh_token: refreshToken }) });
}

export function logout(accessToken: string | undefined, refreshToken: unknown, stack = stackInfo()) {
  return call<{ error?: { code: string } } | null>(stack, 'logout', {
    body: JSON.stringify({ refresh_token: refreshToken }),
    headers: accessToken ? { authorization: `Bearer ${accessToken}` } : { authorization: '' },
  });
}

/** A host signed in through Supabase Auth with a real supabase-js client, as the host pages are. */
export async function hostClient(stack = stackInfo()): Promise<SupabaseClient> {
  const account = await createAccount({ host: true, stack });
  return (await signIn(account, stack)).client;
}

/**
 * What registration stored for `code` (or under `username`, for codes that do not exist): guests, their
 * refresh tokens and the code's use count. Scoped, because other test files register in parallel.
 */
export async function storedFor(code: string | null, username: string | null = null, stack = stackInfo()) {
  const sql = adminSql(stack);
  try {
    const [row] = await sql<{ guests: number; tokens: number; use_count: number | null }[]>`
      with mine as (
        select user_key from public.guests
         where registration_code = ${code}::uuid or username = ${username}
      )
      select (select count(*)::int from mine) as guests,
             (select count(*)::int from private.refresh_tokens t join mine using (user_key)) as tokens,
             (select use_count from public.registration_codes where code = ${code}::uuid) as use_count`;
    return row;
  } finally {
    await sql.end();
  }
}
