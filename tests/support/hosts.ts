// Host accounts for tests: a Supabase Auth user (admin API, service role) listed in public.hosts, signed in with
// a real supabase-js client exactly as the PWA does.
import { randomUUID } from 'node:crypto';
import { createClient, type Session, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { adminSql, serviceClient, stackInfo } from './clients.ts';
import { fetchFrom } from './loopback-address.ts';

export interface TestAccount {
  id: string;
  email: string;
  password: string;
}

/** A confirmed email + password user; `host: true` also adds it to public.hosts. */
export async function createAccount(options: { host?: boolean; stack?: ReturnType<typeof stackInfo> } = {}): Promise<TestAccount> {
  const stack = options.stack ?? stackInfo();
  const email = `host-${randomUUID()}@barkeep.test`;
  const password = `pw-${randomUUID()}`;
  const { data, error } = await serviceClient(stack).auth.admin.createUser({ email, password, email_confirm: true });
  if (error || !data.user) throw error ?? new Error('createUser returned no user');
  if (options.host) {
    const sql = adminSql(stack);
    try {
      await sql`insert into public.hosts (user_id) values (${data.user.id})`;
    } finally {
      await sql.end();
    }
  }
  return { id: data.user.id, email, password };
}

/**
 * A fresh client with its own in-memory session (supabase.auth.* works on it, unlike tokenClient), connecting
 * from its own loopback address like a device of its own (`address` to choose it).
 */
export function authClient(stack = stackInfo(), address?: string): SupabaseClient {
  return createClient(stack.apiUrl, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    global: { fetch: fetchFrom(address) },
  });
}

export async function signIn(account: Pick<TestAccount, 'email' | 'password'>, stack = stackInfo()): Promise<{ client: SupabaseClient; session: Session }> {
  const client = authClient(stack);
  const { data, error } = await client.auth.signInWithPassword({ email: account.email, password: account.password });
  if (error || !data.session) throw error ?? new Error('signInWithPassword returned no session');
  return { client, session: data.session };
}
