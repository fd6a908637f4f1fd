// What a guest may type, paste or scan as an invite: the code itself (UUID or its short typed form
// K7QM-3XPD-R2) or the whole join URL from the QR code. The rules are the register function's own.
import { formatShortCode, normaliseInviteCode } from '../../../supabase/functions/_shared/invite-code.ts';

export { formatShortCode };

/** The invite code inside `text` (lower-case UUID or canonical short code), or null when there is none. */
export function extractInviteCode(text: string | null | undefined): string | null {
  const input = (text ?? '').trim();
  if (!input) return null;
  if (/^https?:\/\//i.test(input)) {
    try {
      return normaliseInviteCode(new URL(input).searchParams.get('code')) ?? null;
    } catch {
      return null;
    }
  }
  return normaliseInviteCode(input) ?? null;
}
