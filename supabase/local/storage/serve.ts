// How an object is answered over HTTP, as Supabase Storage does: Cache-Control from the stored value, ETag,
// Last-Modified, Accept-Ranges, 304 for a matching If-None-Match (or an unchanged If-Modified-Since), 206 for one
// byte range and 416 for an unsatisfiable one. The decisions are pure; `objectResponse` streams the file.
import { Readable } from 'node:stream';
import type { ObjectRow } from './database.ts';
import { ERRORS } from './errors.ts';
import type { ObjectStore } from './object-store.ts';

export type RangeAnswer = { start: number; end: number } | 'unsatisfiable' | null;

/** A single `bytes=` range against `size`; null for no (or an ignorable) Range header, as RFC 9110 allows. */
export function parseRange(header: string | null, size: number): RangeAnswer {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null; // several ranges or garbage: send it all
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** Whether a conditional GET may be answered 304. If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2). */
export function isNotModified(headers: Headers, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = headers.get('if-none-match');
  if (ifNoneMatch) {
    const bare = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => bare(tag) === bare(etag));
  }
  const ifModifiedSince = Date.parse(headers.get('if-modified-since') ?? '');
  // HTTP dates have whole seconds.
  return Number.isFinite(ifModifiedSince) && Math.floor(lastModified.getTime() / 1000) * 1000 <= ifModifiedSince;
}

/** Never let stored HTML render as a page from the API's origin (Supabase Storage does the same). */
export function safeContentType(mimetype: string | undefined): string {
  const type = mimetype || 'application/octet-stream';
  return type.toLowerCase().includes('text/html') ? 'text/plain' : type;
}

export interface RenderOptions {
  method: string;
  /** `Expires` instead of Cache-Control (signed URLs). */
  expires?: Date;
  /** `?download` / `?download=name.png`. */
  download?: string | null;
}

export function objectHeaders(row: ObjectRow, options: RenderOptions): Headers {
  const metadata = row.metadata;
  const headers = new Headers({
    'accept-ranges': 'bytes',
    'content-type': safeContentType(metadata?.mimetype),
    etag: metadata?.eTag ?? '',
    'last-modified': new Date(metadata?.lastModified ?? row.updated_at).toUTCString(),
    'x-robots-tag': 'none',
    'x-content-type-options': 'nosniff',
  });
  if (options.expires) headers.set('expires', options.expires.toUTCString());
  else headers.set('cache-control', metadata?.cacheControl || 'no-cache');
  if (options.download !== undefined && options.download !== null) {
    const name = encodeURIComponent(options.download);
    headers.set('content-disposition', options.download === '' ? 'attachment;' : `attachment; filename=${name}; filename*=UTF-8''${name}`);
  }
  return headers;
}

/** The object's bytes (or 304/206/416) for GET, its headers alone for HEAD. Null when the file vanished meanwhile. */
export async function objectResponse(store: ObjectStore, row: ObjectRow, request: Request, options: RenderOptions): Promise<Response | null> {
  const headers = objectHeaders(row, options);
  const size = Number(row.metadata?.size ?? 0);
  const lastModified = new Date(headers.get('last-modified')!);
  if (isNotModified(request.headers, headers.get('etag')!, lastModified)) return new Response(null, { status: 304, headers });
  if (!row.version || !(await store.exists(row.version))) return null;
  if (options.method === 'HEAD') {
    headers.set('content-length', String(size));
    return new Response(null, { status: 200, headers });
  }
  const range = parseRange(request.headers.get('range'), size);
  if (range === 'unsatisfiable') throw ERRORS.invalidRange(size);
  const file = await store.read(row.version, range ?? undefined);
  if (!file) return null;
  const body = Readable.toWeb(file.stream) as ReadableStream<Uint8Array>;
  if (range) {
    headers.set('content-range', `bytes ${range.start}-${range.end}/${file.size}`);
    headers.set('content-length', String(range.end - range.start + 1));
    return new Response(body, { status: 206, headers });
  }
  headers.set('content-length', String(file.size));
  return new Response(body, { status: 200, headers });
}
