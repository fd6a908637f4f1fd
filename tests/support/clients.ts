// Real supabase-js clients for tests, in the roles a party has: anonymous, guest (own token), service role.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import { inject } from 'vitest';
import postgres from 'postgres';
import { signWithKey, type StackKeys } from '../../supabase/local/shared/keys.ts';
import type { StackInfo } from './stack-process.ts';

export function stackInfo(): StackInfo {
  return inject('stack');
}

const nodeOptions = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: WebSocket as never } };

export function anonClient(stack = stackInfo()): SupabaseClient {
  return createClient(stack.apiUrl, stack.anonKey, nodeOptions);
}

export function serviceClient(stack = stackInfo()): SupabaseClient {
  return createClient(stack.apiUrl, stack.serviceRoleKey, nodeOptions);
}

/** A client that sends `token` on every call, as the guest PWA does with supabase-js's `accessToken` option. */
export function tokenClient(token: string, stack = stackInfo()): SupabaseClient {
  return createClient(stack.apiUrl, stack.anonKey, { ...nodeOptions, accessToken: async () => token });
}

export async function stackKeys(stack = stackInfo()): Promise<StackKeys> {
  return JSON.parse(await readFile(join(stack.dataDir, 'keys.json'), 'utf8')) as StackKeys;
}

/** A user token signed with the guest key (RS256, `kid` in the header), like the register function mints. */
export async function guestToken(sub: string, claims: Record<string, unknown> = {}, stack = stackInfo()): Promise<string> {
  const keys = await stackKeys(stack);
  return signWithKey({ sub, role: 'authenticated', aud: 'authenticated', ...claims }, keys.guestKey, 3600);
}

/** Superuser SQL for arranging test data. Close it with `await sql.end()`. */
export function adminSql(stack = stackInfo()) {
  return postgres(stack.dbUrl, { max: 2, onnotice: () => {} });
}

/**
 * Tells PostgREST to reload its schema cache and waits until `table` is in it. Reads of a new table work
 * before that; writes answer 404 until the reload finished.
 */
export async function reloadSchemaCache(sql: ReturnType<typeof adminSql>, table: string, stack = stackInfo()): Promise<void> {
  await sql`notify pgrst, 'reload schema'`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(`${stack.apiUrl}/rest/v1/`, { headers: { apikey: stack.serviceRoleKey } });
    const paths = Object.keys(((await response.json()) as { paths?: object }).paths ?? {});
    if (paths.includes(`/${table}`)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`PostgREST did not pick up table ${table}`);
}
