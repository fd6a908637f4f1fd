// Expected Auth errors in Supabase Auth's (GoTrue's) wire shape, so auth-js raises `AuthApiError` with the right
// `.code` and `.status`. See supabase/auth internal/api/errors.go (HandleResponseError).

/** The only API version GoTrue knows besides the initial one; auth-js sends it on every request. */
export const API_VERSION_2024_01_01 = '2024-01-01';
export const API_VERSION_HEADER = 'x-supabase-api-version';

export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** `weak_password` carries the reasons auth-js exposes as `AuthWeakPasswordError.reasons`. */
    readonly weakPasswordReasons?: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string) => new AuthError(400, code, message);
export const forbidden = (code: string, message: string) => new AuthError(403, code, message);
export const notFound = (code: string, message: string) => new AuthError(404, code, message);
export const unprocessable = (code: string, message: string) => new AuthError(422, code, message);

/**
 * The API version a request asked for: `2024-01-01` when the header names that day or a later one
 * (GoTrue picks the closest known version), otherwise undefined (the initial version).
 */
export function requestedApiVersion(header: string | null): string | undefined {
  if (!header || !/^\d{4}-\d{2}-\d{2}$/.test(header)) return undefined;
  const day = Date.parse(`${header}T00:00:00Z`);
  if (Number.isNaN(day)) return undefined;
  return day >= Date.parse(`${API_VERSION_2024_01_01}T00:00:00Z`) ? API_VERSION_2024_01_01 : undefined;
}

/** The JSON body GoTrue sends for an error: `{code, message}` from 2024-01-01 on, `{code: status, error_code, msg}` before. */
export function errorBody(error: AuthError, apiVersion: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> =
    apiVersion === API_VERSION_2024_01_01 ? { code: error.code, message: error.message } : { code: error.status, error_code: error.code, msg: error.message };
  if (error.weakPasswordReasons) body.weak_password = { reasons: error.weakPasswordReasons };
  return body;
}

export function errorResponse(error: AuthError, apiVersion: string | undefined): Response {
  const headers: Record<string, string> = { ...error.headers };
  if (apiVersion) headers[API_VERSION_HEADER] = apiVersion;
  return Response.json(errorBody(error, apiVersion), { status: error.status, headers });
}
