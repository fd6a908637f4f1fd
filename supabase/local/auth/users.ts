// auth.users in GoTrue's shapes: reading, creating, changing the password, deleting, and the JSON auth-js expects.
import { randomUUID } from 'node:crypto';
import type { ISql } from 'postgres';
import { badRequest } from './errors.ts';

/** A pool or a transaction. */
export type Db = ISql;

export interface AuthUser {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  phone: string | null;
  confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  banned_until: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  is_anonymous: boolean;
  deleted_at: Date | null;
}

interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  last_sign_in_at: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  email: string | null;
}

const USER_COLUMNS = `id, aud, role, email, encrypted_password, email_confirmed_at, phone, confirmed_at, last_sign_in_at,
  raw_app_meta_data, raw_user_meta_data, banned_until, created_at, updated_at, is_anonymous, deleted_at`;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The format GoTrue accepts (its validateEmail uses badoux/checkmail's ValidateFormat), at most 255 characters. */
const EMAIL_FORMAT = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export function isEmailAddress(email: string): boolean {
  return email.length <= 255 && EMAIL_FORMAT.test(email);
}

/** GoTrue's validateEmail: the same checks, messages and codes, and the address lower-cased. */
export function validateEmail(email: string): string {
  if (email === '') throw badRequest('validation_failed', 'An email address is required');
  if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long');
  if (!EMAIL_FORMAT.test(email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  return email.toLowerCase();
}

export async function findUserByEmail(sql: Db, email: string): Promise<AuthUser | undefined> {
  const [user] = await sql.unsafe<AuthUser[]>(`select ${USER_COLUMNS} from auth.users where email = $1 and is_sso_user = false and deleted_at is null`, [
    normalizeEmail(email),
  ]);
  return user;
}

export async function findUserById(sql: Db, id: string): Promise<AuthUser | undefined> {
  const [user] = await sql.unsafe<AuthUser[]>(`select ${USER_COLUMNS} from auth.users where id = $1 and deleted_at is null`, [id]);
  return user;
}

export interface NewUser {
  email: string;
  passwordHash: string | null;
  emailConfirmed: boolean;
  userMetadata?: Record<string, unknown>;
  appMetadata?: Record<string, unknown>;
}

/** Inserts the user and its `email` identity, as GoTrue's admin create does. */
export async function insertUser(sql: Db, input: NewUser): Promise<AuthUser> {
  const id = randomUUID();
  const email = normalizeEmail(input.email);
  const appMetadata = { provider: 'email', providers: ['email'], ...input.appMetadata };
  await sql`
    insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
    values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated', ${email}, ${input.passwordHash},
      ${input.emailConfirmed ? sql`now()` : null}, ${sql.json(appMetadata as never)}, ${sql.json((input.userMetadata ?? {}) as never)}, now(), now(), false)`;
  await sql`
    insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
    values (${id}, ${id}, ${sql.json({ sub: id, email, email_verified: input.emailConfirmed, phone_verified: false })}, 'email', now(), now())`;
  return (await findUserById(sql, id))!;
}

export async function setPassword(sql: Db, userId: string, passwordHash: string): Promise<void> {
  await sql`update auth.users set encrypted_password = ${passwordHash}, updated_at = now() where id = ${userId}`;
}

/** An admin's e-mail change, as GoTrue's adminUserUpdate: the user and its `email` identity get the new address. */
export async function setEmail(sql: Db, userId: string, email: string, confirmed: boolean): Promise<void> {
  await sql`update auth.users set email = ${email}, updated_at = now() where id = ${userId}`;
  const identity = { email, email_verified: confirmed };
  const updated = await sql`
    update auth.identities set identity_data = identity_data || ${sql.json(identity)}, updated_at = now()
    where user_id = ${userId} and provider = 'email' returning id`;
  if (updated.length === 0) {
    await sql`
      insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
      values (${userId}, ${userId}, ${sql.json({ sub: userId, ...identity, phone_verified: false })}, 'email', now(), now())`;
  }
}

export async function confirmEmail(sql: Db, userId: string): Promise<void> {
  await sql`update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now() where id = ${userId}`;
}

export async function updateMetadata(sql: Db, userId: string, changes: { user?: Record<string, unknown>; app?: Record<string, unknown> }): Promise<void> {
  if (changes.user)
    await sql`update auth.users set raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || ${sql.json(changes.user as never)}, updated_at = now() where id = ${userId}`;
  if (changes.app)
    await sql`update auth.users set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || ${sql.json(changes.app as never)}, updated_at = now() where id = ${userId}`;
}

export async function recordSignIn(sql: Db, userId: string): Promise<void> {
  await sql`update auth.users set last_sign_in_at = now(), updated_at = now() where id = ${userId}`;
  await sql`update auth.identities set last_sign_in_at = now(), updated_at = now() where user_id = ${userId} and provider = 'email'`;
}

/** Hard delete: sessions, refresh tokens (via sessions), identities and `public.hosts` rows cascade. */
export async function deleteUser(sql: Db, userId: string): Promise<boolean> {
  const deleted = await sql`delete from auth.users where id = ${userId} returning id`;
  return deleted.length > 0;
}

export async function listUsers(sql: Db, page: number, perPage: number): Promise<{ users: AuthUser[]; total: number }> {
  const [{ total }] = await sql<[{ total: number }]>`select count(*)::int as total from auth.users where deleted_at is null`;
  const users = await sql.unsafe<AuthUser[]>(
    `select ${USER_COLUMNS} from auth.users where deleted_at is null order by created_at desc, id limit $1 offset $2`,
    [perPage, (page - 1) * perPage],
  );
  return { users, total };
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : undefined);

/** The user object GoTrue returns (models.User as JSON), identities included. */
export async function userJson(sql: Db, user: AuthUser): Promise<Record<string, unknown>> {
  const identities = await sql<IdentityRow[]>`
    select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
    from auth.identities where user_id = ${user.id} order by created_at`;
  return {
    id: user.id,
    aud: user.aud ?? 'authenticated',
    role: user.role ?? 'authenticated',
    email: user.email ?? '',
    email_confirmed_at: iso(user.email_confirmed_at),
    phone: user.phone ?? '',
    confirmed_at: iso(user.confirmed_at),
    last_sign_in_at: iso(user.last_sign_in_at),
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: identities.map((identity) => ({
      identity_id: identity.id,
      id: identity.provider_id,
      user_id: identity.user_id,
      identity_data: identity.identity_data,
      provider: identity.provider,
      last_sign_in_at: iso(identity.last_sign_in_at),
      created_at: iso(identity.created_at),
      updated_at: iso(identity.updated_at),
      email: identity.email ?? undefined,
    })),
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
    banned_until: iso(user.banned_until),
    is_anonymous: user.is_anonymous,
  };
}

export function isBanned(user: AuthUser): boolean {
  return user.banned_until !== null && user.banned_until.getTime() > Date.now();
}
