// Private channel authorization exactly as Supabase Realtime does it (lib/realtime/tenants/authorization.ex):
// probe rows are inserted into realtime.messages, then read (or, for writes, inserted) under the user's role and
// claims with realtime.topic set, and everything is rolled back. RLS policies on realtime.messages decide.
import type { Sql, TransactionSql } from 'postgres';
import type { AccessTokenClaims } from '../shared/jwt.ts';

export type Extension = 'broadcast' | 'presence';

/** What one channel may do; `null` = not evaluated yet (evaluated on first use, cached until a new token). */
export interface Policies {
  broadcastRead: boolean;
  presenceRead: boolean | null;
  broadcastWrite: boolean | null;
  presenceWrite: boolean | null;
}

export interface AuthorizationContext {
  /** The topic as RLS sees it: without the `realtime:` prefix. */
  topic: string;
  claims: AccessTokenClaims;
}

class Rollback extends Error {}

async function asUser(tx: TransactionSql, context: AuthorizationContext): Promise<void> {
  const { claims, topic } = context;
  await tx`
    select set_config('role', ${claims.role}, true),
           set_config('realtime.topic', ${topic}, true),
           set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
           set_config('request.jwt.claim.sub', ${typeof claims.sub === 'string' ? claims.sub : ''}, true),
           set_config('request.jwt.claim.role', ${claims.role}, true)`;
}

/** Runs `probe` in a transaction that is always rolled back. */
async function rolledBack<T>(sql: Sql, probe: (tx: TransactionSql) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await sql.begin(async (tx) => {
      result = await probe(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}

/** A policy error (unknown role, failing policy expression) denies rather than fails, as on hosted. */
function isPolicyError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return typeof code === 'string' && !code.startsWith('08') && !code.startsWith('57');
}

/** Read permission for broadcast and, when presence is on, presence. */
export async function authorizeRead(sql: Sql, context: AuthorizationContext, withPresence: boolean): Promise<Pick<Policies, 'broadcastRead' | 'presenceRead'>> {
  const extensions: Extension[] = withPresence ? ['broadcast', 'presence'] : ['broadcast'];
  try {
    return await rolledBack(sql, async (tx) => {
      const probes = await tx<{ id: string; extension: Extension }[]>`
        insert into realtime.messages (topic, extension, private, payload)
        select ${context.topic}, extension, true, '{}'::jsonb from unnest(${extensions}::text[]) as extension
        returning id, extension`;
      await asUser(tx, context);
      const visible = await tx<{ extension: Extension }[]>`
        select extension from realtime.messages where id = any(${probes.map((row) => row.id)}::uuid[])`;
      const readable = new Set(visible.map((row) => row.extension));
      return { broadcastRead: readable.has('broadcast'), presenceRead: withPresence ? readable.has('presence') : null };
    });
  } catch (error) {
    if (isPolicyError(error)) return { broadcastRead: false, presenceRead: withPresence ? false : null };
    throw error;
  }
}

/** Write permission for one extension: an INSERT of a probe row under the user's role. */
export async function authorizeWrite(sql: Sql, context: AuthorizationContext, extension: Extension): Promise<boolean> {
  try {
    return await rolledBack(sql, async (tx) => {
      await asUser(tx, context);
      await tx`insert into realtime.messages (topic, extension, private, payload) values (${context.topic}, ${extension}, true, '{}'::jsonb)`;
      return true;
    });
  } catch (error) {
    if (isPolicyError(error)) return false;
    throw error;
  }
}
