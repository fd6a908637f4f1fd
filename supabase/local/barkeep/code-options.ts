// Flags of `barkeep code create` (CONTRACT §1), checked with messages that say how to fix them.
// The limits mirror the registration_codes constraints: valid 1 hour to 7 days, 1–500 uses, notes ≤ 200.

export interface CodeCreateOptions {
  maxUses: number;
  expiresInSeconds: number;
  notes: string | null;
  json: boolean;
}

export class CodeOptionError extends Error {}

const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86400 };
const MIN_SECONDS = 3600;
const MAX_SECONDS = 7 * 86400;

/** "90m", "4h", "2d", "1h30m" → seconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?[mhd])+$/.test(trimmed)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)([mhd])/g)) seconds += Number(amount) * UNIT_SECONDS[unit];
  return Math.round(seconds);
}

export function parseCodeCreateOptions(values: { 'max-uses'?: string; 'expires-in'?: string; notes?: string; json?: boolean }): CodeCreateOptions {
  const rawUses = values['max-uses'];
  if (rawUses === undefined) throw new CodeOptionError('--max-uses is required: how many guests may join with this code (1–500), e.g. --max-uses 30.');
  const maxUses = Number(rawUses);
  if (!/^\d+$/.test(rawUses.trim()) || maxUses < 1 || maxUses > 500) {
    throw new CodeOptionError(`--max-uses ${rawUses} is not allowed: use a whole number from 1 to 500.`);
  }
  const rawExpiry = values['expires-in'];
  if (rawExpiry === undefined) throw new CodeOptionError('--expires-in is required: how long the code works (1h to 7d), e.g. --expires-in 4h.');
  const expiresInSeconds = parseDuration(rawExpiry);
  if (expiresInSeconds === undefined) throw new CodeOptionError(`--expires-in ${rawExpiry} is not a duration: write it like 90m, 4h, 2d or 1h30m.`);
  if (expiresInSeconds < MIN_SECONDS || expiresInSeconds > MAX_SECONDS) {
    throw new CodeOptionError(`--expires-in ${rawExpiry} is out of range: a code is valid from 1h to 7d.`);
  }
  const notes = values.notes?.trim() || null;
  if (notes && [...notes].length > 200) throw new CodeOptionError(`--notes is ${[...notes].length} characters long; keep it to 200.`);
  return { maxUses, expiresInSeconds, notes, json: values.json ?? false };
}

/** The URL inside the QR code: the app's join page on the address phones on the Wi-Fi reach. */
export function joinUrl(appOrigin: string, code: string): string {
  const url = new URL('/join', appOrigin);
  url.searchParams.set('code', code);
  return url.href;
}
