// POST /logout?scope=global|local|others — 204, as GoTrue's Logout.
import { requireUser } from '../authenticate.ts';
import { badRequest } from '../errors.ts';
import { noContent } from '../http.ts';
import { endSessions, type LogoutScope } from '../sessions.ts';
import type { AuthHandler } from './context.ts';

const SCOPES: Record<string, LogoutScope> = { '': 'global', global: 'global', local: 'local', others: 'others' };

export const logout: AuthHandler = async (context, input) => {
  const requested = input.url.searchParams.get('scope') ?? '';
  const scope = SCOPES[requested];
  if (!scope) throw badRequest('validation_failed', `Unsupported logout scope "${requested}"`);
  const caller = await requireUser(input.request, context.sql, context.verify);
  await endSessions(context.sql, caller.user.id, caller.session?.id, scope);
  return noContent(input.apiVersion);
};
