// POST /functions/v1/bartender/image (hosts): a drink photo from an OpenAI-compatible images API
// (`POST {BARTENDER_IMAGES_URL}/images/generations`, response_format b64_json). The app puts the answer
// through the same resize-and-upload path as a photo the host picked, so nothing is stored here.
import type { ImageSettings } from './settings.ts';
import { readBody, type Checked } from './request.ts';

export const MAX_PROMPT_CHARS = 2000;
/** A 1024² PNG is 1–3 MB, as base64 a third more; past 12 MB it is not a drink photo (storage keeps 5 MB). */
export const MAX_ANSWER_BYTES = 12 * 1024 * 1024;

export class ImageError extends Error {}

export function parseImageRequest(body: unknown): Checked<{ prompt: string }> {
  const prompt = (body as { prompt?: unknown } | null)?.prompt;
  const text = typeof prompt === 'string' ? prompt.trim() : '';
  if (!text || [...text].length > MAX_PROMPT_CHARS) return { ok: false, message: `Send {"prompt": "…"} with 1–${MAX_PROMPT_CHARS} characters.` };
  return { ok: true, value: { prompt: text } };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The image type from its first bytes; anything else is not a picture the drink-images bucket takes. */
export function imageMime(b64: string): string | null {
  let head: string;
  try {
    head = atob(b64.slice(0, 16));
  } catch {
    return null;
  }
  const bytes = [...head].map((char) => char.charCodeAt(0));
  const starts = (...magic: number[]) => magic.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x52, 0x49, 0x46, 0x46) && head.slice(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** One picture for `prompt`; every failure (HTTP error, timeout, garbage, too large) is an ImageError. */
export async function generateImage(settings: ImageSettings, prompt: string, signal: AbortSignal): Promise<{ b64_json: string; mime: string }> {
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  let answer: unknown;
  try {
    const response = await fetch(`${settings.baseUrl}/images/generations`, {
      method: 'POST',
      signal: AbortSignal.any([signal, timeout]),
      headers: { 'content-type': 'application/json', ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
      body: JSON.stringify({ model: settings.model, prompt, n: 1, size: '1024x1024', response_format: 'b64_json' }),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new ImageError(`The images server answered ${response.status}.`);
    }
    const body = await readBody(response, MAX_ANSWER_BYTES);
    if (!body.ok && timeout.aborted) throw new ImageError(`The images server did not answer within ${settings.timeoutMs / 1000} s.`);
    if (!body.ok) throw new ImageError('The images server sent something that is not a JSON answer of at most 12 MB.');
    answer = body.value;
  } catch (error) {
    if (error instanceof ImageError) throw error;
    if (timeout.aborted) throw new ImageError(`The images server did not answer within ${settings.timeoutMs / 1000} s.`);
    if (signal.aborted) throw error;
    throw new ImageError(`The images server could not be reached: ${(error as Error).message}`);
  }
  const b64 = (answer as { data?: Array<{ b64_json?: unknown }> } | null)?.data?.[0]?.b64_json;
  if (typeof b64 !== 'string' || !BASE64.test(b64)) throw new ImageError('The images server sent no base64 picture (b64_json).');
  const mime = imageMime(b64);
  if (!mime) throw new ImageError('The images server sent something that is not a PNG, JPEG or WebP picture.');
  return { b64_json: b64, mime };
}
