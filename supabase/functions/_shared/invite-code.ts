// Invite codes as people type them (CONTRACT §3): the UUID from the QR link, or its short typed form —
// 10 characters of Crockford's base32 shown as K7QM-3XPD-R2. Pure, shared by the register function and
// the app's /join page. Crockford's reading rules forgive what people confuse: I and L read as 1, O as 0,
// case, spaces and dashes do not matter.
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHORT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SHORT_CODE_LENGTH = 10;

/** The code in its canonical form (lower-case UUID, or the short form in capitals without dashes), or undefined. */
export function normaliseInviteCode(input: string | null | undefined): string | undefined {
  const text = input?.trim() ?? '';
  if (UUID_PATTERN.test(text)) return text.toLowerCase();
  if (text.length > 20) return undefined;
  const short = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return short.length === SHORT_CODE_LENGTH && [...short].every((char) => SHORT_ALPHABET.includes(char)) ? short : undefined;
}

/** K7QM3XPDR2 → K7QM-3XPD-R2, for showing and printing. */
export function formatShortCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}
