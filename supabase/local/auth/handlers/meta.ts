// GET /health, /settings and /.well-known/jwks.json, and the refusal of sign-ups (hosts are added by the CLI).
import { unprocessable } from '../errors.ts';
import { jsonResponse } from '../http.ts';
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

/** Guests register through the `register` Edge Function and hosts with `npx barkeep host add`: no self sign-up. */
export const signup: AuthHandler = async (context) => {
  if (!context.settings.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  throw unprocessable('signup_disabled', 'Sign-up by email is not available in the embedded stack; add hosts with `npx barkeep host add`.');
};
