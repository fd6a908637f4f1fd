// Storage's input rules, pure: object keys and bucket names (Supabase Storage's S3-safe character sets, plus no
// `.`/`..` segments and a length bound), allowed MIME types with `type/*` wildcards, and size strings.
import { ERRORS } from './errors.ts';

// Supabase Storage (src/storage/limits.ts) allows exactly these characters; everything else is InvalidKey.
const VALID_KEY = /^[A-Za-z0-9_/!.*'() &$=@;:+,?-]+$/;
const VALID_BUCKET = /^[A-Za-z0-9_!.*'() &$=@;:+,?-]+$/;
const MAX_KEY_BYTES = 1024;

export function isValidKey(key: string): boolean {
  if (!VALID_KEY.test(key) || Buffer.byteLength(key) > MAX_KEY_BYTES) return false;
  // Names are never paths on disk here, but a `..` segment means something else to every other tool: refuse it.
  return !key.split('/').some((segment) => segment === '.' || segment === '..');
}

export function assertValidKey(key: string): void {
  if (!isValidKey(key)) throw ERRORS.invalidKey(key.replace(/[^\x20-\x7e]/g, '?').slice(0, 200));
}

export function assertValidBucketName(name: string): void {
  if (name.length === 0 || name.length > 100 || !VALID_BUCKET.test(name) || name === '.' || name === '..') throw ERRORS.invalidBucketName();
}

/** Whether `mimeType` (parameters ignored) is allowed; `image/*` allows every image type. Empty list = anything. */
export function isAllowedMimeType(mimeType: string, allowed: string[] | null | undefined): boolean {
  if (!allowed || allowed.length === 0) return true;
  const [type, subtype] = mimeType.split(';')[0]!.trim().toLowerCase().split('/');
  if (!type || !subtype) return false;
  return allowed.some((entry) => {
    const [allowedType, allowedSubtype] = entry.trim().toLowerCase().split('/');
    return allowedType === type && (allowedSubtype === '*' || allowedSubtype === subtype);
  });
}

/** `5MB`, `10MiB`, `300KB`, `12B` or a plain byte count → bytes. Supabase Storage's units (KB = 1000 B, KiB = 1024 B). */
export function parseSize(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw ERRORS.invalidRequest('Invalid file size limit');
    return value;
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$/i.exec(value);
  if (!match) throw ERRORS.invalidRequest('Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B');
  const factors: Record<string, number> = { b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3 };
  return Math.floor(Number(match[1]) * factors[(match[2] ?? 'b').toLowerCase()]!);
}
