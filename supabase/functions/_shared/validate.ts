// Input rules of the guest-identity functions (CONTRACT §3), pure so they are unit-tested beside this file.
// The database holds the same username rule (private.is_valid_username).
import { normaliseInviteCode } from './invite-code.ts';

export const USERNAME_MIN = 2;
export const USERNAME_MAX = 50;
const MAX_BODY_BYTES = 4096;

// Letters and digits of any script (with their combining marks, so "José" typed decomposed, Devanagari
// or Thai names pass), spaces and - _ . ' (also the typographic apostrophe phones insert).
const USERNAME_PATTERN = /^[\p{L}\p{M}\p{N} \-_.'\u2019]+$/u;
// What a name must not hide (security finding F11): code points that render as nothing (Default_Ignorable,
// which covers the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, zero-width and bidi controls).
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
// Emoji, flags, skin tones and keycaps: refused (the contract's set is letters and digits), but said so (B21).
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u20e3]/u;
// Real scripts put up to 3 marks on one letter (Tibetan stacks, Vietnamese); "Zalgo" text piles up dozens.
const MAX_MARKS_PER_LETTER = 4;
const STACKED_MARKS = new RegExp(`\\p{M}{${MAX_MARKS_PER_LETTER + 1},}`, 'u');
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;
const REFRESH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type Result<T> = { ok: true; value: T } | { ok: false; code: string; message: string; reason?: string };

const fail = (code: string, message: string, reason?: string) => ({ ok: false, code, message, ...(reason ? { reason } : {}) }) as const;

/** Why a username is refused, as a stable word the app can translate. */
export type UsernameProblem = 'missing' | 'too_short' | 'too_long' | 'emoji' | 'invisible' | 'characters' | 'stacked_marks' | 'too_few_letters';

const nameProblem = (reason: UsernameProblem, message: string) => fail('invalid_username', message, reason);

/**
 * Trimmed, NFC-normalised username, or why it is refused (code `invalid_username`, `reason` a UsernameProblem).
 * The database holds the same rule (private.is_valid_username), for every other way a name is written.
 */
export function validateUsername(input: unknown): Result<string> {
  if (typeof input !== 'string') return nameProblem('missing', 'Please tell us your name.');
  const username = input.normalize('NFC').trim();
  const length = [...username].length;
  if (length < USERNAME_MIN) return nameProblem('too_short', `Your name needs at least ${USERNAME_MIN} characters.`);
  if (length > USERNAME_MAX) return nameProblem('too_long', `Your name can have at most ${USERNAME_MAX} characters.`);
  if (EMOJI.test(username)) return nameProblem('emoji', "Emoji can't be part of a name. Use letters, digits, spaces and - _ . ' only.");
  if (INVISIBLE.test(username)) return nameProblem('invisible', 'Your name contains invisible characters. Type it again without them.');
  if (!USERNAME_PATTERN.test(username)) return nameProblem('characters', "Use letters, digits, spaces and - _ . ' only.");
  if (STACKED_MARKS.test(username)) return nameProblem('stacked_marks', 'Too many accents on one letter.');
  if ((username.match(LETTER_OR_DIGIT)?.length ?? 0) < USERNAME_MIN) {
    return nameProblem('too_few_letters', `Your name needs at least ${USERNAME_MIN} letters or digits.`);
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
