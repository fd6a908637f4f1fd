// The username rules the register function applies (CONTRACT §3), reused so the join form says what is
// wrong before sending — in the guest's language, and naming emoji when that is the problem (B21).
import type { MessageKey } from '$lib/i18n/en';
import { USERNAME_MAX, USERNAME_MIN, validateUsername } from '../../../supabase/functions/_shared/validate.ts';

export { USERNAME_MAX };

export type UsernameCheck = { ok: true; value: string } | { ok: false; message: MessageKey; count?: number };

export function checkUsername(input: string): UsernameCheck {
  const result = validateUsername(input);
  if (result.ok) return result;
  const name = input.normalize('NFC').trim();
  const length = [...name].length;
  if (length === 0) return { ok: false, message: 'name.required' };
  if (length < USERNAME_MIN) return { ok: false, message: 'name.tooShort', count: USERNAME_MIN };
  if (length > USERNAME_MAX) return { ok: false, message: 'name.tooLong', count: USERNAME_MAX };
  if (/\p{Extended_Pictographic}/u.test(name)) return { ok: false, message: 'name.emoji' };
  return { ok: false, message: 'name.characters' };
}
