// The file of an upload request, streamed, never buffered whole: a multipart form (what storage-js sends for a
// Blob/File: fields `cacheControl`, `metadata`, optional `contentType`, then the file) parsed by busboy, or a raw
// body with `content-type`, `cache-control` and base64 JSON `x-metadata` headers.
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { ERRORS, StorageError } from './errors.ts';

export interface UploadBody {
  mimeType: string;
  cacheControl: string;
  userMetadata: Record<string, unknown> | null;
  /** Content-Length of a raw body (a multipart body's length includes the form's framing). */
  declaredLength: number | null;
  /** The file's bytes; errors when the client disconnects mid-body. (What is left unread after an early answer is
   * drained by @hono/node-server, so the client still reads that answer.) */
  bytes: AsyncIterable<Uint8Array>;
}

const MAX_METADATA_BYTES = 64 * 1024;

function parseMetadata(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  if (Buffer.byteLength(text) > MAX_METADATA_BYTES)
    throw new StorageError(413, 'EntityTooLarge', 'The user_metadata exceeded the maximum allowed size', 'Payload too large');
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null; // as Supabase Storage: unreadable metadata is ignored, not an error
  }
}

export async function readUploadBody(request: Request): Promise<UploadBody> {
  if (!request.body) throw ERRORS.noContent();
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    const length = Number(request.headers.get('content-length'));
    return {
      mimeType: contentType || 'application/octet-stream',
      cacheControl: request.headers.get('cache-control') ?? 'no-cache',
      userMetadata: parseMetadata(decodeBase64(request.headers.get('x-metadata'))),
      declaredLength: Number.isFinite(length) && request.headers.has('content-length') ? length : null,
      bytes: Readable.fromWeb(request.body as never),
    };
  }
  return readMultipart(request.body, contentType);
}

function decodeBase64(value: string | null): string | undefined {
  return value ? Buffer.from(value, 'base64').toString('utf8') : undefined;
}

/** Resolves at the form's first file, with the fields that came before it (storage-js sends them first). */
function readMultipart(body: ReadableStream<Uint8Array>, contentType: string): Promise<UploadBody> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { fields: 10, files: 1, fieldSize: MAX_METADATA_BYTES, parts: 12 } });
    } catch {
      reject(ERRORS.invalidRequest('Malformed multipart/form-data body'));
      return;
    }
    const source = Readable.fromWeb(body as never);
    const fields: Record<string, string> = {};
    let settled = false;
    let current: Readable | undefined;
    const fail = (error: unknown) => {
      // Mid-file (a cut connection, a broken form): the reader of the file must see it fail, not wait forever.
      current?.destroy(error instanceof Error ? error : new Error('upload body failed'));
      if (settled) return;
      settled = true;
      source.destroy();
      reject(error instanceof StorageError ? error : ERRORS.invalidRequest('Malformed multipart/form-data body'));
    };
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (_name, file, info) => {
      if (settled) {
        file.resume();
        return;
      }
      settled = true;
      current = file;
      file.once('end', () => (current = undefined));
      try {
        resolve({
          mimeType: fields.contentType || info.mimeType || 'application/octet-stream',
          cacheControl: fields.cacheControl ? `max-age=${fields.cacheControl}` : 'no-cache',
          userMetadata: parseMetadata(fields.metadata ?? fields.userMetadata),
          declaredLength: null,
          bytes: file,
        });
      } catch (error) {
        source.destroy();
        reject(error);
      }
    });
    parser.on('error', fail);
    parser.on('close', () => {
      // The form ended without a file.
      if (!settled) fail(ERRORS.noContent());
    });
    source.on('error', fail);
    source.pipe(parser);
  });
}
