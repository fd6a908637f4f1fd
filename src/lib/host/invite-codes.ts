// Invite code rules the host screen needs, pure: status, join URL, and the validity the database accepts.
export interface InviteCode {
  code: string;
  created_at: string;
  expires_at: string;
  max_uses: number;
  use_count: number;
  notes: string | null;
  revoked_at: string | null;
}

export type CodeStatus = 'active' | 'used' | 'expired' | 'revoked';

export function codeStatus(code: InviteCode, now: number): CodeStatus {
  if (code.revoked_at) return 'revoked';
  if (code.use_count >= code.max_uses) return 'used';
  if (Date.parse(code.expires_at) <= now) return 'expired';
  return 'active';
}

/** The link in the QR code: a plain URL, so the phone camera opens the app. */
export function joinUrl(base: string, code: string): string {
  const url = new URL('/join', base);
  url.searchParams.set('code', code);
  return url.toString();
}

/** Hours are clamped to 1–168 (the table's check allows 1 hour to 7 days). */
export function expiryFor(hours: number, now: number): string {
  const clamped = Math.min(168, Math.max(1, Math.round(hours)));
  return new Date(now + clamped * 3_600_000).toISOString();
}
