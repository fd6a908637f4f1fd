// GET /user and PUT /user (password and user_metadata changes) for the signed-in user.
import { requireUser } from '../authenticate.ts';
import { AuthError, unprocessable } from '../errors.ts';
import { jsonResponse, optionalObject, optionalString, readJsonObject } from '../http.ts';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from '../passwords.ts';
import { endSessions } from '../sessions.ts';
import { findUserById, normalizeEmail, setPassword, updateMetadata, userJson } from '../users.ts';
import type { AuthHandler } from './context.ts';

export const getUser: AuthHandler = async (context, input) => {
  const { user } = await requireUser(input.request, context.sql, context.verify);
  return jsonResponse(await userJson(context.sql, user), input.apiVersion);
};

export const updateUser: AuthHandler = async (context, input) => {
  const caller = await requireUser(input.request, context.sql, context.verify);
  const body = await readJsonObject(input.request);
  const password = optionalString(body, 'password');
  const email = optionalString(body, 'email');
  const data = optionalObject(body, 'data');
  if (optionalString(body, 'phone')) throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');
  if (email !== undefined && normalizeEmail(email) !== caller.user.email) {
    // GoTrue confirms a new address by email, which this service cannot send: an admin change works (admin.ts).
    throw new AuthError(
      404,
      'feature_disabled',
      'Changing your email address needs a confirmation email, which the embedded stack cannot send; an admin can change it (auth.admin.updateUserById).',
    );
  }

  if (password !== undefined) {
    assertPasswordAcceptable(password, context.settings.minimumPasswordLength);
    if (await verifyPassword(password, caller.user.encrypted_password)) {
      throw unprocessable('same_password', 'New password should be different from the old password.');
    }
    await context.sql.begin(async (tx) => {
      await setPassword(tx, caller.user.id, await hashPassword(password));
      // As GoTrue: a new password ends every other session of the user.
      await endSessions(tx, caller.user.id, caller.session?.id, caller.session ? 'others' : 'global');
    });
  }
  if (data) await updateMetadata(context.sql, caller.user.id, { user: data });
  const updated = (await findUserById(context.sql, caller.user.id)) ?? caller.user;
  return jsonResponse(await userJson(context.sql, updated), input.apiVersion);
};
