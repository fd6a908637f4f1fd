// The service worker's cache of drink photos: cache-first (a version's URL never changes content), bounded in
// entries and bytes, oldest out first. The eviction rule is pure; `cachedImage` is the worker's handler.
export const IMAGE_CACHE = 'drink-images';
export const IMAGE_CACHE_LIMITS = { maxEntries: 200, maxBytes: 40 * 1024 * 1024 };

const PUBLIC_PHOTO = /\/storage\/v1\/object\/public\/drink-images\//;

export function isDrinkImage(url: URL): boolean {
  return PUBLIC_PHOTO.test(url.pathname);
}

/** Which entries (oldest first in `entries`) to delete so that both limits hold again. */
export function evictions(entries: Array<{ url: string; bytes: number }>, limits = IMAGE_CACHE_LIMITS): string[] {
  let count = entries.length;
  let bytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  const out: string[] = [];
  for (const entry of entries) {
    if (count <= limits.maxEntries && bytes <= limits.maxBytes) break;
    out.push(entry.url);
    count -= 1;
    bytes -= entry.bytes;
  }
  return out;
}

async function trim(cache: Cache): Promise<void> {
  // cache.keys() lists entries in insertion order: the first ones are the oldest.
  const keys = await cache.keys();
  const entries = await Promise.all(
    keys.map(async (key) => ({ url: key.url, bytes: Number((await cache.match(key))?.headers.get('content-length') ?? 0) || 0 })),
  );
  await Promise.all(evictions(entries).map((url) => cache.delete(url)));
}

/** Cache-first for a drink photo. Only whole, readable (CORS) answers are kept; opaque ones have no known size. */
export async function cachedImage(request: Request, waitUntil: (promise: Promise<unknown>) => void): Promise<Response> {
  const cache = await caches.open(IMAGE_CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.status === 200 && response.type !== 'opaque' && !request.headers.has('range')) {
    waitUntil(cache.put(request, response.clone()).then(() => trim(cache)));
  }
  return response;
}
