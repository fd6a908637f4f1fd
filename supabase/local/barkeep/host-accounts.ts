// Host accounts: a Supabase Auth user (email + bcrypt password, confirmed) listed in public.hosts. Used by
// `npx barkeep host add` and the first-start hint; the same rows the Auth service signs in against.
import type { Sql } from 'postgres';
import { AuthError } from '../auth/errors.ts';
import { assertPasswordAcceptable, hashPassword } from '../auth/passwords.ts';
import { endSessions } from '../auth/sessions.ts';
import { confirmEmail, findUserByEmail, insertUser, isEmailAddress, normalizeEmail, setPassword } from '../auth/users.ts';

export class HostAccountError extends Error {}

export interface HostAccountResult {
  userId: string;
  email: string;
  /** `created` for a new user, `reset` when an existing user got the new password (and became a host if needed). */
  outcome: 'created' | 'reset';
}

/** Validates like the Auth service would; throws HostAccountError with a message for the terminal. */
export function validateHostCredentials(
  email: string | undefined,
  password: string | undefined,
  minimumPasswordLength = 6,
): { email: string; password: string } {
  const trimmed = email?.trim() ?? '';
  if (!trimmed) throw new HostAccountError('--email is required, e.g. --email host@example.com');
  if (!isEmailAddress(trimmed)) throw new HostAccountError(`"${trimmed}" is not an email address.`);
  if (password === undefined || password === '') throw new HostAccountError('--password is required.');
  try {
    assertPasswordAcceptable(password, minimumPasswordLength);
  } catch (error) {
    if (error instanceof AuthError) throw new HostAccountError(error.message);
    throw error;
  }
  return { email: normalizeEmail(trimmed), password };
}

/** Creates the host account, or resets its password (ending its sessions) if the email exists. Idempotent. */
export async function upsertHostAccount(sql: Sql, email: string, password: string): Promise<HostAccountResult> {
  const passwordHash = await hashPassword(password);
  return (await sql.begin(async (tx) => {
    // Serialise concurrent `host add` runs for the same email.
    await tx`select pg_advisory_xact_lock(hashtext(${'barkeep.host-add:' + email}))`;
    const existing = await findUserByEmail(tx, email);
    let userId: string;
    if (existing) {
      userId = existing.id;
      await setPassword(tx, userId, passwordHash);
      await confirmEmail(tx, userId);
      await endSessions(tx, userId, undefined, 'global');
    } else {
      userId = (await insertUser(tx, { email, passwordHash, emailConfirmed: true })).id;
    }
    await tx`insert into public.hosts (user_id) values (${userId}) on conflict (user_id) do nothing`;
    return { userId, email, outcome: existing ? 'reset' : 'created' };
  })) as HostAccountResult;
}

export async function countHosts(sql: Sql): Promise<number> {
  const [{ count }] = await sql<[{ count: number }]>`select count(*)::int as count from public.hosts`;
  return count;
}
