// /admin/users — create, list, read, update and delete users with the service-role key (GoTrue's admin API).
import type { PostgresError } from 'postgres';
import { isUuid, requireAdmin } from '../authenticate.ts';
import { badRequest, notFound, unprocessable } from '../errors.ts';
import { jsonResponse, optionalObject, optionalString, readJsonObject, type JsonObject } from '../http.ts';
import { assertPasswordAcceptable, hashPassword } from '../passwords.ts';
import { endSessions } from '../sessions.ts';
import {
  confirmEmail,
  deleteUser,
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  setEmail,
  setPassword,
  updateMetadata,
  userJson,
  validateEmail,
} from '../users.ts';
import type { AuthContext, AuthHandler, AuthRequest } from './context.ts';

const emailExists = () => unprocessable('email_exists', 'A user with this email address has already been registered');

function optionalBoolean(body: JsonObject, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest('validation_failed', `${field} must be a boolean`);
  return value;
}

async function passwordHashOf(context: AuthContext, body: JsonObject): Promise<string | undefined> {
  const password = optionalString(body, 'password');
  if (password === undefined) return undefined;
  assertPasswordAcceptable(password, context.settings.minimumPasswordLength);
  return hashPassword(password);
}

async function targetUser(context: AuthContext, input: AuthRequest) {
  const id = input.userId ?? '';
  if (!isUuid(id)) throw notFound('user_not_found', 'User not found');
  const user = await findUserById(context.sql, id);
  if (!user) throw notFound('user_not_found', 'User not found');
  return user;
}

export const createUser: AuthHandler = async (context, input) => {
  await requireAdmin(input.request, context.verify);
  const body = await readJsonObject(input.request);
  const given = optionalString(body, 'email')?.trim();
  if (optionalString(body, 'phone')) throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
  if (!given) throw badRequest('validation_failed', 'Cannot create a user without either an email or phone');
  const email = validateEmail(given);
  const passwordHash = await passwordHashOf(context, body);
  if (await findUserByEmail(context.sql, email)) throw emailExists();
  try {
    const fields = {
      email,
      passwordHash: passwordHash ?? null,
      emailConfirmed: optionalBoolean(body, 'email_confirm') ?? false,
      userMetadata: optionalObject(body, 'user_metadata'),
      appMetadata: optionalObject(body, 'app_metadata'),
    };
    const user = await context.sql.begin((tx) => insertUser(tx, fields));
    return jsonResponse(await userJson(context.sql, user), input.apiVersion);
  } catch (error) {
    if ((error as PostgresError).code === '23505') throw emailExists(); // a concurrent create won the race
    throw error;
  }
};

export const listAllUsers: AuthHandler = async (context, input) => {
  await requireAdmin(input.request, context.verify);
  const parse = (name: string, fallback: number) => {
    const raw = input.url.searchParams.get(name);
    if (raw === null || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw badRequest('validation_failed', 'Bad Pagination Parameters');
    return value;
  };
  const page = parse('page', 1);
  const perPage = Math.min(parse('per_page', 50), 1000);
  const { users, total } = await listUsers(context.sql, page, perPage);
  // Link header as GoTrue's addPaginationHeaders; auth-js reads `rel="next"` and `rel="last"` from it.
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const links = [];
  if (page < lastPage) links.push(`</admin/users?page=${page + 1}&per_page=${perPage}>; rel="next"`);
  links.push(`</admin/users?page=${lastPage}&per_page=${perPage}>; rel="last"`);
  return jsonResponse({ users: await Promise.all(users.map((user) => userJson(context.sql, user))), aud: 'authenticated' }, input.apiVersion, {
    headers: { 'x-total-count': String(total), link: links.join(', ') },
  });
};

export const getUserById: AuthHandler = async (context, input) => {
  await requireAdmin(input.request, context.verify);
  return jsonResponse(await userJson(context.sql, await targetUser(context, input)), input.apiVersion);
};

export const updateUserById: AuthHandler = async (context, input) => {
  await requireAdmin(input.request, context.verify);
  const user = await targetUser(context, input);
  const body = await readJsonObject(input.request);
  const given = optionalString(body, 'email');
  if (optionalString(body, 'phone')) throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
  const email = given ? validateEmail(given.trim()) : undefined;
  const passwordHash = await passwordHashOf(context, body);
  const userMetadata = optionalObject(body, 'user_metadata');
  const appMetadata = optionalObject(body, 'app_metadata');
  const confirm = optionalBoolean(body, 'email_confirm');
  const newEmail = email !== undefined && email !== user.email ? email : undefined;
  if (newEmail) {
    const holder = await findUserByEmail(context.sql, newEmail);
    if (holder && holder.id !== user.id) throw emailExists();
  }
  await context.sql
    .begin(async (tx) => {
      // As GoTrue's adminUserUpdate: the new address replaces the old one on the user and its email identity.
      if (newEmail) await setEmail(tx, user.id, newEmail, confirm === true);
      if (passwordHash) {
        await setPassword(tx, user.id, passwordHash);
        // A reset password ends every session that knew the old one.
        await endSessions(tx, user.id, undefined, 'global');
      }
      if (confirm) await confirmEmail(tx, user.id);
      await updateMetadata(tx, user.id, { user: userMetadata, app: appMetadata });
    })
    .catch((error) => {
      if ((error as PostgresError).code === '23505') throw emailExists(); // a concurrent change took the address
      throw error;
    });
  return jsonResponse(await userJson(context.sql, (await findUserById(context.sql, user.id)) ?? user), input.apiVersion);
};

export const deleteUserById: AuthHandler = async (context, input) => {
  await requireAdmin(input.request, context.verify);
  const user = await targetUser(context, input);
  await deleteUser(context.sql, user.id);
  return jsonResponse({}, input.apiVersion);
};
