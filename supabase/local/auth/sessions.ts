// Sessions and rotating refresh tokens in auth.sessions / auth.refresh_tokens, following GoTrue's refresh grant
// (internal/api/token_refresh.go): a refresh revokes the presented token and issues its child; presenting a revoked
// token within the reuse interval returns the session's active token (a client that lost the answer); later it is
// treated as theft and the whole session is revoked.
import type { Sql } from 'postgres';
import { AuthError, badRequest } from './errors.ts';
import { newRefreshToken } from './tokens.ts';
import type { Db } from './users.ts';

export interface AuthSession {
  id: string;
  user_id: string;
  created_at: Date;
  not_after: Date | null;
}

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
}

export async function createSession(sql: Sql, userId: string, client: ClientInfo): Promise<{ session: AuthSession; refreshToken: string }> {
  return sql.begin(async (tx) => {
    const [session] = await tx<AuthSession[]>`
      insert into auth.sessions (id, user_id, created_at, updated_at, aal, refreshed_at, user_agent, ip)
      values (gen_random_uuid(), ${userId}, now(), now(), 'aal1', now() at time zone 'utc', ${client.userAgent}, ${client.ip}::inet)
      returning id, user_id, created_at, not_after`;
    const refreshToken = newRefreshToken();
    await tx`
      insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
      values ('00000000-0000-0000-0000-000000000000', ${refreshToken}, ${userId}, false, now(), now(), null, ${session!.id})`;
    return { session: session!, refreshToken };
  }) as Promise<{ session: AuthSession; refreshToken: string }>;
}

export async function findSession(sql: Db, sessionId: string): Promise<AuthSession | undefined> {
  const [session] = await sql<AuthSession[]>`select id, user_id, created_at, not_after from auth.sessions where id = ${sessionId}`;
  return session;
}

const notFound = () => badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');

interface TokenRow {
  id: string;
  token: string;
  revoked: boolean;
  updated_at: Date;
  session_id: string | null;
  user_id: string;
}

export interface RefreshOptions {
  rotation: boolean;
  reuseIntervalSeconds: number;
  client: ClientInfo;
}

/** Exchanges a refresh token. Returns the session and the refresh token the client must keep. */
export async function refreshSession(sql: Sql, presented: string, options: RefreshOptions): Promise<{ session: AuthSession; refreshToken: string }> {
  const outcome = (await sql.begin(async (tx) => {
    const [row] = await tx<TokenRow[]>`
      select id, token, revoked, updated_at, session_id, user_id from auth.refresh_tokens where token = ${presented} for update`;
    if (!row?.session_id) return { error: notFound() };
    const [session] = await tx<AuthSession[]>`
      select id, user_id, created_at, not_after from auth.sessions where id = ${row.session_id} for update`;
    if (!session) return { error: notFound() };
    if (session.not_after && session.not_after.getTime() <= Date.now()) {
      return { error: badRequest('session_expired', 'Invalid Refresh Token: Session Expired') };
    }

    let refreshToken: string;
    if (row.revoked) {
      const [{ within }] = await tx<[{ within: boolean }]>`
        select now() <= ${row.updated_at}::timestamptz + make_interval(secs => ${options.reuseIntervalSeconds}) as within`;
      const [active] = await tx<TokenRow[]>`
        select id, token, revoked, updated_at, session_id, user_id from auth.refresh_tokens
        where session_id = ${session.id} and revoked = false order by id desc limit 1`;
      if (!within || !active) {
        // Possible theft: a rotated token came back too late. End the whole login; everyone holding it signs in again.
        await tx`delete from auth.sessions where id = ${session.id}`;
        return { error: badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used'), commit: true };
      }
      refreshToken = active.token;
    } else if (options.rotation) {
      refreshToken = newRefreshToken();
      await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${row.id}`;
      await tx`
        insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
        values ('00000000-0000-0000-0000-000000000000', ${refreshToken}, ${row.user_id}, false, now(), now(), ${row.token}, ${session.id})`;
    } else {
      refreshToken = row.token;
    }
    await tx`
      update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now(),
        user_agent = ${options.client.userAgent}, ip = ${options.client.ip}::inet
      where id = ${session.id}`;
    return { session, refreshToken };
  })) as { error: AuthError; commit?: boolean } | { session: AuthSession; refreshToken: string };
  if ('error' in outcome) throw outcome.error;
  return outcome;
}

export type LogoutScope = 'global' | 'local' | 'others';

/** Ends sessions as GoTrue's /logout does: this one (local), all but this one (others) or all of the user's (global). */
export async function endSessions(sql: Db, userId: string, sessionId: string | undefined, scope: LogoutScope): Promise<void> {
  switch (scope) {
    case 'local':
      if (sessionId) await sql`delete from auth.sessions where id = ${sessionId}`;
      return;
    case 'others':
      if (sessionId) await sql`delete from auth.sessions where user_id = ${userId} and id <> ${sessionId}`;
      return;
    case 'global':
      await sql`delete from auth.sessions where user_id = ${userId}`;
      return;
  }
}
