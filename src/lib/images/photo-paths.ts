// Where a drink's photo lives in Storage (CONTRACT §6): `drinks/<drink_id>/<version>/<width>.<ext>` in the public
// bucket `drink-images`, with `drinks.image_path` = the version prefix. A new photo always gets a new version, so a
// cached URL never changes content. A version ending in `-jpeg` holds JPEG files (browsers without a WebP encoder).
export const PHOTO_BUCKET = 'drink-images';
/** The widths every photo is stored in, smallest first (menu thumbnail, drink sheet, large screens). */
export const PHOTO_WIDTHS = [320, 640, 1200] as const;
export type PhotoWidth = (typeof PHOTO_WIDTHS)[number];
export type PhotoFormat = 'webp' | 'jpeg';

const VERSION = /^[a-z0-9]{6,32}(-jpeg)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A fresh version name: time-ordered, random enough that two hosts never collide. */
export function newPhotoVersion(format: PhotoFormat, now = Date.now(), random = Math.random): string {
  const stamp =
    now.toString(36) +
    Math.floor(random() * 36 ** 6)
      .toString(36)
      .padStart(6, '0');
  return format === 'jpeg' ? `${stamp}-jpeg` : stamp;
}

export function photoPrefix(drinkId: string, version: string): string {
  if (!UUID.test(drinkId)) throw new Error(`not a drink id: ${drinkId}`);
  if (!VERSION.test(version)) throw new Error(`not a photo version: ${version}`);
  return `drinks/${drinkId}/${version}`;
}

/** The prefix's format and whether it is one the app wrote; anything else in image_path is ignored. */
export function parsePhotoPrefix(imagePath: string | null | undefined): { prefix: string; format: PhotoFormat } | null {
  const match = /^drinks\/([0-9a-f-]{36})\/([a-z0-9]{6,32}(-jpeg)?)$/i.exec(imagePath ?? '');
  if (!match || !UUID.test(match[1]!)) return null;
  return { prefix: imagePath!, format: match[3] ? 'jpeg' : 'webp' };
}

export function variantPath(prefix: string, width: PhotoWidth, format: PhotoFormat): string {
  return `${prefix}/${width}.${format === 'jpeg' ? 'jpg' : 'webp'}`;
}

export interface PhotoSources {
  src: string;
  srcset: string;
}

/**
 * `src` (the middle width, for browsers without srcset) and `srcset` of a stored photo, or null when the drink has
 * none. `baseUrl` is the Supabase URL; public objects need no token.
 */
export function photoSources(imagePath: string | null | undefined, baseUrl: string): PhotoSources | null {
  const parsed = parsePhotoPrefix(imagePath);
  if (!parsed) return null;
  const url = (width: PhotoWidth) =>
    `${baseUrl.replace(/\/$/, '')}/storage/v1/object/public/${PHOTO_BUCKET}/${variantPath(parsed.prefix, width, parsed.format)}`;
  return { src: url(640), srcset: PHOTO_WIDTHS.map((width) => `${url(width)} ${width}w`).join(', ') };
}
