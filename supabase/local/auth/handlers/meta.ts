// GET /health, /settings and /.well-known/jwks.json; the refusal of sign-ups (hosts are added by the CLI, guests
// register through an Edge Function) and of everything GoTrue offers that this service does not.
import { AuthError, unprocessable } from '../errors.ts';
import { requireUser } from '../authenticate.ts';
import { jsonResponse, optionalString, readJsonObject } from '../http.ts';
import { validateEmail } from '../users.ts';
import type { AuthHandler } from './context.ts';

export const health: AuthHandler = async (_context, input) =>
  jsonResponse({ version: 'barkeep-embedded', name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' }, input.apiVersion);

export const settings: AuthHandler = async (context, input) =>
  jsonResponse(
    {
      external: { anonymous_users: false, email: true, phone: false },
      disable_signup: !context.settings.enableSignup,
      mailer_autoconfirm: false,
      phone_autoconfirm: false,
      sms_provider: '',
      saml_enabled: false,
    },
    input.apiVersion,
  );

export const jwks: AuthHandler = async (context, input) =>
  jsonResponse(context.jwks, input.apiVersion, { headers: { 'cache-control': 'public, max-age=600' } });

/**
 * POST /signup, in GoTrue's order: without an email or phone it is an anonymous sign-in (off here), otherwise a
 * sign-up (off: hosts are added with `npx barkeep host add`).
 */
export const signup: AuthHandler = async (context, input) => {
  const body = await readJsonObject(input.request);
  if (!optionalString(body, 'email') && !optionalString(body, 'phone')) {
    throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
  }
  if (!context.settings.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  throw unprocessable('signup_disabled', 'Sign-up by email is not available in the embedded stack; add hosts with `npx barkeep host add`.');
};

/**
 * GoTrue's own answer when one of its features is switched off; these features do not exist in the embedded stack.
 * What GoTrue checks before it gets that far is checked here too: the caller's session (`signedIn`), and the
 * format of an e-mail address in the body (`email`).
 */
export function disabledFeature(status: number, code: string, message: string, checks: { signedIn?: boolean; email?: boolean } = {}): AuthHandler {
  return async (context, input) => {
    if (checks.signedIn) await requireUser(input.request, context.sql, context.verify);
    if (checks.email && input.request.method !== 'GET') {
      const email = optionalString(await readJsonObject(input.request), 'email');
      if (email !== undefined) validateEmail(email.trim());
    }
    throw new AuthError(status, code, message);
  };
}
