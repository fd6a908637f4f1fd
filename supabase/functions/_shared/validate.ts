// Input rules of the guest-identity functions (CONTRACT §3), pure so they are unit-tested beside this file.
// The database re-checks the username's length, trimming and control characters.
import { normaliseInviteCode } from './invite-code.ts';

export const USERNAME_MIN = 2;
export const USERNAME_MAX = 50;
const MAX_BODY_BYTES = 4096;

// Letters and digits of any script (with their combining marks, so "José" typed decomposed, Devanagari
// or Thai names pass), spaces and - _ . ' (also the typographic apostrophe phones insert).
const USERNAME_PATTERN = /^[\p{L}\p{M}\p{N} \-_.'\u2019]+$/u;
const REFRESH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type Result<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

const fail = (code: string, message: string) => ({ ok: false, code, message }) as const;

/** Trimmed, NFC-normalised username, or why it is refused (code `invalid_username`). */
export function validateUsername(input: unknown): Result<string> {
  if (typeof input !== 'string') return fail('invalid_username', 'Please tell us your name.');
  const username = input.normalize('NFC').trim();
  const length = [...username].length;
  if (length < USERNAME_MIN) return fail('invalid_username', `Your name needs at least ${USERNAME_MIN} characters.`);
  if (length > USERNAME_MAX) return fail('invalid_username', `Your name can have at most ${USERNAME_MAX} characters.`);
  if (!USERNAME_PATTERN.test(username)) {
    return fail('invalid_username', "Use letters, digits, spaces and - _ . ' only.");
  }
  return { ok: true, value: username };
}

/** An invite code (lower-case UUID, or its short typed form normalised), or undefined for anything that cannot be one. */
export function parseRegistrationCode(input: string | null): string | undefined {
  return normaliseInviteCode(input);
}

/** Whether `token` has the shape of a refresh token this service issues (32 random bytes, base64url). */
export function isRefreshTokenShaped(token: string): boolean {
  return REFRESH_TOKEN_PATTERN.test(token);
}

/** Reads a small JSON object body; anything else is `invalid_request`. */
export async function readJsonObject(request: Request): Promise<Result<Record<string, unknown>>> {
  const text = await request.text().catch(() => undefined);
  if (text === undefined) return fail('invalid_request', 'The request body could not be read.');
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) return fail('invalid_request', 'The request body is too large.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail('invalid_request', 'The request body must be JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail('invalid_request', 'The request body must be a JSON object.');
  return { ok: true, value: body as Record<string, unknown> };
}

/** The `refresh_token` field of a body, or `invalid_request` when it is missing or not a string. */
export function refreshTokenField(body: Record<string, unknown>): Result<string> {
  const token = body.refresh_token;
  if (typeof token !== 'string' || token === '') return fail('invalid_request', 'The body needs a "refresh_token" string.');
  return { ok: true, value: token };
}
