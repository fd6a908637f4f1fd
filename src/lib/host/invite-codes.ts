// Invite code rules the host screen needs, pure: status, join URL, the join address the host typed, and the
// validity the database accepts.
import type { Tables } from '$lib/database.types';

export type InviteCode = Pick<
  Tables<'registration_codes'>,
  'code' | 'short_code' | 'created_at' | 'expires_at' | 'max_uses' | 'use_count' | 'notes' | 'revoked_at'
>;
export const CODE_COLUMNS = 'code, short_code, created_at, expires_at, max_uses, use_count, notes, revoked_at';

export type CodeStatus = 'active' | 'used' | 'expired' | 'revoked';

export function codeStatus(code: InviteCode, now: number): CodeStatus {
  if (code.revoked_at) return 'revoked';
  if (code.use_count >= code.max_uses) return 'used';
  if (Date.parse(code.expires_at) <= now) return 'expired';
  return 'active';
}

/**
 * The join address as the host may type it (B5): "bar.local", "192.168.1.5:5173" or a full URL, to the origin
 * phones will open; null when it cannot be one. Never throws, so a bad value can never break the page.
 */
export function normaliseJoinBase(input: string | null | undefined): string | null {
  const text = (input ?? '').trim();
  if (!text || /\s/.test(text)) return null;
  try {
    const url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `http://${text}`);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || url.username || url.password) return null;
    if (!/^(\[[\da-f:.]+\]|[\p{L}\d-]+(\.[\p{L}\d-]+)*)$/iu.test(url.hostname)) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The link in the QR code: a plain URL, so the phone camera opens the app. */
export function joinUrl(base: string, code: string): string {
  const url = new URL('/join', normaliseJoinBase(base) ?? 'http://localhost');
  url.searchParams.set('code', code);
  return url.toString();
}

/** Hours are clamped to 1–168 (the table's check allows 1 hour to 7 days). */
export function expiryFor(hours: number, now: number): string {
  const clamped = Math.min(168, Math.max(1, Math.round(Number.isFinite(hours) ? hours : 24)));
  return new Date(now + clamped * 3_600_000).toISOString();
}
