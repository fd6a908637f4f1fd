// THE way a server error reaches the screen: every failure (PostgREST, an Edge Function, Supabase Auth, the
// network) becomes a stable problem code, and each code has one translated message (`problem.<code>` in
// src/lib/i18n). A raw database message never reaches the screen.
//
// To add a code: add it to PROBLEM_CODES, map it below (a `details` reason, an error code or a constraint
// name), and give it a message in en.ts and de.ts.
export const PROBLEM_CODES = [
  // Refused orders (the orders trigger's `details`) and status changes
  'bar_closed',
  'last_call_passed',
  'drink_unavailable',
  'out_of_stock',
  'too_many_open_orders',
  'guest_inactive',
  'invalid_note',
  'not_a_guest',
  'invalid_transition',
  'status_unchanged',
  // Host edits
  'drink_has_orders',
  'section_not_empty',
  'name_required',
  'name_taken',
  'value_required',
  'value_out_of_range',
  'invalid_value',
  'recipe_invalid',
  'not_allowed',
  // Guest identity (the register and refresh functions)
  'invalid_code',
  'missing_code',
  'rate_limited',
  'invalid_username',
  'session_ended',
  // The bartender (its function's error codes, see bartenderProblem)
  'assistant_off',
  'assistant_busy',
  'assistant_invalid_request',
  'images_off',
  'images_failed',
  // Host sign-in (Supabase Auth)
  'invalid_credentials',
  'over_request_rate_limit',
  'email_not_confirmed',
  'user_banned',
  'sign_in_unavailable',
  'sign_in_failed',
  'not_a_host',
  'missing_credentials',
  // Anything
  'disk_full',
  'offline',
  'unknown',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface Problem {
  code: ProblemCode;
  /** Seconds to wait, for `rate_limited`. */
  retryAfterSeconds?: number;
}

/** The shapes errors arrive in: PostgREST's `{code, message, details, hint}`, a function's `{error: {code}}`, auth-js's AuthError. */
export interface ServerError {
  status?: number;
  code?: string | null;
  message?: string | null;
  details?: string | null;
  retryAfterSeconds?: number;
}

const isCode = (value: unknown): value is ProblemCode => typeof value === 'string' && (PROBLEM_CODES as readonly string[]).includes(value);

/** Constraints the migrations name, by what they mean to the person who tripped them. */
const CONSTRAINTS: Record<string, ProblemCode> = {
  orders_drink_id_fkey: 'drink_has_orders',
  drinks_section_id_fkey: 'section_not_empty',
  drinks_name_check: 'name_required',
  sections_name_check: 'name_required',
  sections_name_unique: 'name_taken',
  recipe_is_structured: 'recipe_invalid',
  bar_settings_max_open_orders_per_guest_check: 'value_out_of_range',
  registration_codes_max_uses_check: 'value_out_of_range',
  validity_between_1_hour_and_7_days: 'value_out_of_range',
};

/** PostgreSQL SQLSTATEs and PostgREST codes that mean the same thing whatever the table. */
const SQLSTATES: Record<string, ProblemCode> = {
  '23502': 'value_required',
  '23505': 'name_taken',
  '23514': 'invalid_value',
  '22P02': 'invalid_value',
  '22001': 'value_out_of_range',
  '22003': 'value_out_of_range',
  '42501': 'not_allowed',
  // No space left on the database's disk: nothing the guest can fix, and no retry helps until the host frees space.
  '53100': 'disk_full',
  PGRST301: 'not_allowed',
};

/** Auth's error codes (auth-js `AuthError.code`). */
const AUTH_CODES: Record<string, ProblemCode> = {
  invalid_credentials: 'invalid_credentials',
  over_request_rate_limit: 'over_request_rate_limit',
  email_not_confirmed: 'email_not_confirmed',
  user_banned: 'user_banned',
  invalid_refresh_token: 'session_ended',
};

/** True when no answer came from the server (or a gateway said the service is down): worth retrying. */
export function isUnreachable(error: ServerError): boolean {
  const status = error.status ?? 0;
  return status === 0 || status === 502 || status === 503 || status === 504;
}

export function problemFrom(error: ServerError | null | undefined): Problem | null {
  if (!error) return null;
  if (isCode(error.details)) return { code: error.details };
  if (error.code === 'rate_limited' || error.status === 429)
    return { code: error.code === 'over_request_rate_limit' ? 'over_request_rate_limit' : 'rate_limited', retryAfterSeconds: error.retryAfterSeconds };
  if (isCode(error.code) && error.code !== 'unknown') return { code: error.code };
  if (error.code && AUTH_CODES[error.code]) return { code: AUTH_CODES[error.code] };
  const constraint = /constraint "([^"]+)"/.exec(error.message ?? '')?.[1];
  if (constraint && CONSTRAINTS[constraint]) return { code: CONSTRAINTS[constraint] };
  if (error.code && SQLSTATES[error.code]) return { code: SQLSTATES[error.code] };
  if (isUnreachable(error)) return { code: 'offline' };
  if (error.status === 401 || error.status === 403) return { code: 'not_allowed' };
  return { code: 'unknown' };
}

/**
 * The bartender function's refusals (CONTRACT §7) and a failed connection, as problems. Its codes get words of
 * their own: "rate_limited" from the bartender means "ask again shortly", not "many guests are arriving".
 */
export function bartenderProblem(error: { code: string; retryAfterSeconds?: number }): Problem {
  switch (error.code) {
    case 'assistant_off':
      return { code: 'assistant_off' };
    case 'rate_limited':
      return { code: 'assistant_busy', retryAfterSeconds: error.retryAfterSeconds };
    case 'invalid_request':
      return { code: 'assistant_invalid_request' };
    case 'images_off':
    case 'images_failed':
      return { code: error.code };
    case 'unauthorized':
      return { code: 'session_ended' };
    case 'offline':
      return { code: 'offline' };
    default:
      return { code: 'unknown' };
  }
}
