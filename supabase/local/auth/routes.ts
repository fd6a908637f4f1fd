// Which handler answers a method and path under /auth/v1 — the part of GoTrue's API Barkeep uses.
import { createUser, deleteUserById, getUserById, listAllUsers, updateUserById } from './handlers/admin.ts';
import type { AuthHandler } from './handlers/context.ts';
import { logout } from './handlers/logout.ts';
import { disabledFeature, health, jwks, settings, signup } from './handlers/meta.ts';
import { token } from './handlers/token.ts';
import { getUser, updateUser } from './handlers/user.ts';

type Methods = Partial<Record<string, AuthHandler>>;

const EXACT: Record<string, Methods> = {
  '/.well-known/jwks.json': { GET: jwks },
  '/health': { GET: health },
  '/settings': { GET: settings },
  '/signup': { POST: signup },
  '/token': { POST: token },
  '/user': { GET: getUser, PUT: updateUser },
  '/logout': { POST: logout },
  '/admin/users': { GET: listAllUsers, POST: createUser },
};

const ADMIN_USER: Methods = { GET: getUserById, PUT: updateUserById, DELETE: deleteUserById };

const noMail = disabledFeature(
  404,
  'feature_disabled',
  'Sending email is disabled in the embedded stack (links, codes, invitations, recovery): sign in with a password.',
  { email: true },
);
const oauthServer = disabledFeature(404, 'feature_disabled', 'OAuth server is disabled');
const saml = disabledFeature(404, 'saml_provider_disabled', 'SAML 2.0 is disabled');

/** GoTrue features that do not exist here, answered (any method) with GoTrue's own refusal for a disabled feature. */
const DISABLED: Array<[RegExp, AuthHandler]> = [
  [/^\/(otp|magiclink|recover|resend|invite|admin\/generate_link)$/, noMail],
  // No link or code is ever issued here, so every one presented is GoTrue's "expired or invalid".
  [/^\/verify$/, disabledFeature(403, 'otp_expired', 'Token has expired or is invalid')],
  [/^\/reauthenticate$/, disabledFeature(404, 'feature_disabled', 'Reauthentication needs an email the embedded stack cannot send.', { signedIn: true })],
  [/^\/authorize$/, disabledFeature(400, 'validation_failed', 'Unsupported provider: provider is not enabled')],
  [/^\/callback$/, disabledFeature(404, 'feature_disabled', 'External providers are disabled')],
  [/^\/factors$/, disabledFeature(422, 'mfa_totp_enroll_not_enabled', 'MFA enroll is disabled for TOTP', { signedIn: true })],
  [
    /^\/factors\/[^/]+(\/(challenge|verify))?$/,
    disabledFeature(422, 'mfa_totp_verify_not_enabled', 'MFA verification is disabled for TOTP', { signedIn: true }),
  ],
  [/^\/admin\/users\/[^/]+\/factors(\/[^/]+)?$/, disabledFeature(404, 'feature_disabled', 'MFA is disabled')],
  [/^\/user\/identities(\/.*)?$/, disabledFeature(404, 'manual_linking_disabled', 'Manual linking is disabled', { signedIn: true })],
  [/^\/passkeys(\/.*)?$/, disabledFeature(404, 'passkey_disabled', 'Passkeys are disabled')],
  [/^\/(sso|sso\/saml\/(metadata|acs)|admin\/sso\/providers(\/[^/]+)?)$/, saml],
  [/^\/(oauth\/.+|user\/oauth\/grants|admin\/oauth\/clients(\/.*)?)$/, oauthServer],
];

export type RouteMatch = { handler: AuthHandler; userId?: string } | { status: 404 | 405 };

/** `path` is the part after `/auth/v1`. */
export function matchAuthRoute(method: string, path: string): RouteMatch {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  let methods = EXACT[normalized];
  let userId: string | undefined;
  const adminUser = /^\/admin\/users\/([^/]+)$/.exec(normalized);
  if (!methods && adminUser) {
    methods = ADMIN_USER;
    userId = decodeURIComponent(adminUser[1]!);
  }
  if (!methods) {
    const disabled = DISABLED.find(([pattern]) => pattern.test(normalized));
    return disabled ? { handler: disabled[1] } : { status: 404 };
  }
  const handler = methods[method === 'HEAD' ? 'GET' : method];
  return handler ? { handler, userId } : { status: 405 };
}
