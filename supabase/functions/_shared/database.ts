// The functions' one connection pool (SUPABASE_DB_URL, set by Supabase for every Edge Function) and the
// private SQL functions the guest-identity flows call. Those functions are executable by the service role
// and the database owner only; the API never reaches them.
import postgres from 'postgres';
import type { HitCounter } from './rate-limit.ts';
import type { GuestIdentity } from './tokens.ts';

let pool: postgres.Sql | undefined;

export function database(): postgres.Sql {
  if (!pool) {
    const url = Deno.env.get('SUPABASE_DB_URL');
    if (!url) throw new Error('SUPABASE_DB_URL is not set.');
    // prepare: false — on hosted Supabase SUPABASE_DB_URL is the pooler in transaction mode, where a prepared
    // statement lives on one server connection only and the next transaction may get another one.
    pool = postgres(url, { max: 8, idle_timeout: 30, prepare: false, connection: { application_name: 'barkeep-functions' }, onnotice: () => {} });
  }
  return pool;
}

export function hitCounter(sql: postgres.Sql): HitCounter {
  return async (key, windowSeconds) => {
    const [row] = await sql<{ hits: number; retry_after_seconds: number }[]>`select * from private.hit_rate_limit(${key}, ${windowSeconds})`;
    return { hits: row.hits, retryAfterSeconds: row.retry_after_seconds };
  };
}

export interface DeviceInfo {
  device: string | null;
  userAgent: string | null;
}

/** Redeems `code` (its UUID or short form) and creates the guest in one statement; undefined when it cannot be redeemed. */
export async function registerGuest(
  sql: postgres.Sql,
  input: { code: string; username: string; refreshTokenHash: string; refreshTokenDays: number } & DeviceInfo,
): Promise<GuestIdentity | undefined> {
  const [guest] = await sql<GuestIdentity[]>`
    select user_key, username from private.register_guest(
      private.registration_code_for(${input.code}), ${input.username}, ${input.refreshTokenHash}, make_interval(days => ${input.refreshTokenDays}),
      ${input.device}, ${input.userAgent})`;
  return guest;
}

/** `inactive`: the token is this guest's, and the host deactivated the guest. */
export type RotationOutcome = { outcome: 'rotated'; guest: GuestIdentity } | { outcome: 'reused' | 'invalid' | 'inactive' };

export async function rotateRefreshToken(
  sql: postgres.Sql,
  input: { tokenHash: string; newTokenHash: string; refreshTokenDays: number } & DeviceInfo,
): Promise<RotationOutcome> {
  const [row] = await sql<{ outcome: 'rotated' | 'reused' | 'invalid' | 'inactive'; user_key: string; username: string }[]>`
    select * from private.rotate_refresh_token(
      ${input.tokenHash}, ${input.newTokenHash}, make_interval(days => ${input.refreshTokenDays}), ${input.device}, ${input.userAgent})`;
  return row.outcome === 'rotated' ? { outcome: 'rotated', guest: { user_key: row.user_key, username: row.username } } : { outcome: row.outcome };
}

export async function revokeRefreshToken(sql: postgres.Sql, tokenHash: string, userKey: string): Promise<void> {
  await sql`select private.revoke_refresh_token(${tokenHash}, ${userKey}::uuid)`;
}
