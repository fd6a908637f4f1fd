// Turns a photo from the host's camera roll into the sizes the menu shows, in the browser: decoded (with its EXIF
// orientation), cropped to a centred square, resized and encoded as WebP — or JPEG where the browser's canvas
// cannot encode WebP (Safari silently hands back PNG: the blob's type tells).
import { PHOTO_WIDTHS, type PhotoFormat, type PhotoWidth } from './photo-paths';

export interface EncodedPhoto {
  format: PhotoFormat;
  variants: Array<{ width: PhotoWidth; blob: Blob }>;
}

/** The centred square of a width × height image. */
export function centredSquare(width: number, height: number): { x: number; y: number; side: number } {
  const side = Math.min(width, height);
  return { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), side };
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

function draw(source: ImageBitmap, crop: { x: number; y: number; side: number }, width: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = width;
  const context = canvas.getContext('2d')!;
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, crop.x, crop.y, crop.side, crop.side, 0, 0, width, width);
  return canvas;
}

/** Decodes the file; null when this browser cannot read it (HEIC outside Safari, a broken or non-image file). */
export async function decode(file: Blob): Promise<ImageBitmap | null> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
}

export async function encodeVariants(bitmap: ImageBitmap): Promise<EncodedPhoto> {
  const crop = centredSquare(bitmap.width, bitmap.height);
  let format: PhotoFormat = 'webp';
  const variants: EncodedPhoto['variants'] = [];
  for (const width of PHOTO_WIDTHS) {
    const canvas = draw(bitmap, crop, width);
    let blob = format === 'webp' ? await toBlob(canvas, 'image/webp', 0.82) : null;
    if (!blob || blob.type !== 'image/webp') {
      // No WebP encoder here: every size in JPEG, so one version has one format.
      if (format === 'webp' && variants.length > 0) return encodeAsJpeg(bitmap, crop);
      format = 'jpeg';
      blob = await toBlob(canvas, 'image/jpeg', 0.85);
    }
    if (!blob) throw new Error('This browser could not encode the photo.');
    variants.push({ width, blob });
  }
  return { format, variants };
}

async function encodeAsJpeg(bitmap: ImageBitmap, crop: { x: number; y: number; side: number }): Promise<EncodedPhoto> {
  const variants: EncodedPhoto['variants'] = [];
  for (const width of PHOTO_WIDTHS) {
    const blob = await toBlob(draw(bitmap, crop, width), 'image/jpeg', 0.85);
    if (!blob) throw new Error('This browser could not encode the photo.');
    variants.push({ width, blob });
  }
  return { format: 'jpeg', variants };
}
