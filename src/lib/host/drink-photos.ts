// A drink's photo, for every feature that sets one: add or replace (`savePhoto`) and remove (`removePhoto`).
// The browser makes three WebP (or JPEG) sizes, uploads them under a new version prefix with progress, points
// `drinks.image_path` at it, and only then deletes the previous version — a failure at any step deletes what this
// attempt uploaded and leaves the drink as it was. The rules (file checks, progress, paths) are pure and tested.
import type { SupabaseClient } from '@supabase/supabase-js';
import { decode, encodeVariants, type EncodedPhoto } from '$lib/images/encode';
import { newPhotoVersion, parsePhotoPrefix, PHOTO_BUCKET, PHOTO_WIDTHS, photoPrefix, variantPath, type PhotoFormat } from '$lib/images/photo-paths';
import { uploadWithProgress } from '$lib/images/upload';
import { supabaseAnonKey, supabaseUrl } from '$lib/supabase/config';

export type PhotoProblem = 'heic' | 'not_image' | 'too_small' | 'too_big' | 'unreadable' | 'upload_failed' | 'save_failed';

/** A problem with a stable code, for the page to say in the host's language (i18n `photo.problem.<code>`). */
export class PhotoError extends Error {
  constructor(
    readonly problem: PhotoProblem,
    detail: string = problem,
  ) {
    super(detail);
  }
}

/** Photos straight from a phone are 2–15 MB; anything far beyond is not a photo we should decode in a tab. */
export const MAX_SOURCE_BYTES = 40 * 1024 * 1024;
/** The smallest square side we accept: the menu's thumbnail is 320 px wide. */
export const MIN_SIDE = 320;
/** Versioned paths never change content: browsers and the service worker may keep them for a year. */
export const PHOTO_CACHE_CONTROL = 'max-age=31536000, immutable';

const IMAGE_EXTENSIONS = /\.(jpe?g|png|webp|avif|gif|bmp|tiff?)$/i;
const HEIC = /\.(heic|heif)$/i;

/** What the chosen file is, by its type and name, before decoding it. */
export function classifyFile(file: { name: string; type: string; size: number }): 'image' | 'heic' | 'not_image' | 'too_big' {
  if (/^image\/hei[cf]/i.test(file.type) || HEIC.test(file.name)) return 'heic';
  if (!/^image\//i.test(file.type) && !IMAGE_EXTENSIONS.test(file.name)) return 'not_image';
  if (file.size > MAX_SOURCE_BYTES) return 'too_big';
  return 'image';
}

/** The files of one photo version, smallest first. */
export function uploadPlan(drinkId: string, version: string, format: PhotoFormat): Array<{ width: number; path: string }> {
  const prefix = photoPrefix(drinkId, version);
  return PHOTO_WIDTHS.map((width) => ({ width, path: variantPath(prefix, width, format) }));
}

/** The stored files of an image_path (nothing for a path the app did not write). */
export function filesOf(imagePath: string | null | undefined): string[] {
  const parsed = parsePhotoPrefix(imagePath);
  return parsed ? PHOTO_WIDTHS.map((width) => variantPath(parsed.prefix, width, parsed.format)) : [];
}

/** Overall progress 0…1 from the bytes sent per file. */
export function overallProgress(sent: number[], sizes: number[]): number {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total === 0) return 0;
  return Math.min(1, sent.reduce((sum, bytes, index) => sum + Math.min(bytes, sizes[index] ?? 0), 0) / total);
}

export interface PreparedPhoto extends EncodedPhoto {
  /** An object URL of the middle size, for a preview; revoke it with `discardPhoto`. */
  preview: string;
}

/** Checks and converts a chosen file. Throws PhotoError with `heic`, `not_image`, `too_big`, `too_small` or `unreadable`. */
export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  const kind = classifyFile(file);
  if (kind === 'not_image' || kind === 'too_big') throw new PhotoError(kind);
  const bitmap = await decode(file);
  // Safari decodes HEIC; elsewhere it fails, and the host needs to hear why.
  if (!bitmap) throw new PhotoError(kind === 'heic' ? 'heic' : 'unreadable');
  try {
    if (Math.min(bitmap.width, bitmap.height) < MIN_SIDE) throw new PhotoError('too_small');
    const encoded = await encodeVariants(bitmap);
    return { ...encoded, preview: URL.createObjectURL(encoded.variants[1]!.blob) };
  } finally {
    bitmap.close();
  }
}

export function discardPhoto(photo: PreparedPhoto | null): void {
  if (photo) URL.revokeObjectURL(photo.preview);
}

async function accessToken(client: SupabaseClient): Promise<string> {
  const { data } = await client.auth.getSession();
  if (!data.session) throw new PhotoError('upload_failed', 'Your host session ended: sign in again.');
  return data.session.access_token;
}

/** Best effort: a leftover file costs disk space, never correctness (no row points at it). */
async function removeFiles(client: SupabaseClient, paths: string[]): Promise<void> {
  if (paths.length)
    await client.storage
      .from(PHOTO_BUCKET)
      .remove(paths)
      .catch(() => undefined);
}

/**
 * Uploads `photo` as the drink's new photo and returns the new image_path. `onProgress` gets 0…1 while the files go
 * up. On any failure the drink keeps its previous photo and nothing of this attempt stays in Storage.
 */
export async function savePhoto(
  client: SupabaseClient,
  drink: { id: string; image_path: string | null },
  photo: EncodedPhoto,
  onProgress: (progress: number) => void = () => {},
): Promise<string> {
  const version = newPhotoVersion(photo.format);
  const plan = uploadPlan(drink.id, version, photo.format);
  const sizes = photo.variants.map((variant) => variant.blob.size);
  const sent = sizes.map(() => 0);
  const uploaded: string[] = [];
  const token = await accessToken(client);
  const base = supabaseUrl(location.hostname);
  try {
    for (const [index, file] of plan.entries()) {
      await uploadWithProgress({
        supabaseUrl: base,
        anonKey: supabaseAnonKey(),
        accessToken: token,
        bucket: PHOTO_BUCKET,
        path: file.path,
        blob: photo.variants[index]!.blob,
        cacheControl: PHOTO_CACHE_CONTROL,
        onProgress: (bytes) => {
          sent[index] = bytes;
          onProgress(overallProgress(sent, sizes));
        },
      });
      uploaded.push(file.path);
    }
  } catch (error) {
    await removeFiles(client, uploaded);
    throw new PhotoError('upload_failed', (error as Error).message);
  }
  const prefix = photoPrefix(drink.id, version);
  const { data, error } = await client.from('drinks').update({ image_path: prefix }).eq('id', drink.id).select('id');
  if (error || !data?.length) {
    await removeFiles(client, uploaded);
    throw new PhotoError('save_failed', error?.message ?? 'The drink was not found.');
  }
  // The drink shows the new version now; the old one is unreachable and goes.
  await removeFiles(client, filesOf(drink.image_path));
  return prefix;
}

/** Takes the photo off the drink (it shows its illustration again), then deletes the files. */
export async function removePhoto(client: SupabaseClient, drink: { id: string; image_path: string | null }): Promise<void> {
  const { data, error } = await client.from('drinks').update({ image_path: null }).eq('id', drink.id).select('id');
  if (error || !data?.length) throw new PhotoError('save_failed', error?.message ?? 'The drink was not found.');
  await removeFiles(client, filesOf(drink.image_path));
}
