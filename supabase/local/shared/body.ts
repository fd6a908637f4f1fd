// Request bodies with a bound: nothing in the stack reads more than it allows, and nothing buffers before it checks.
// The gateway limits every body once (Content-Length and the stream itself); services that parse bodies read
// them through `readBody` with their own, smaller bound.

/** Thrown (or set as the cause) when a body is larger than allowed; the gateway answers 413 for it. */
export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Request body is larger than ${formatBytes(limitBytes)}`);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** True when `error` or any error in its `cause` chain is a PayloadTooLargeError (fetch and streams wrap errors). */
export function findPayloadTooLarge(error: unknown): PayloadTooLargeError | undefined {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    if (current instanceof PayloadTooLargeError) return current;
  }
  return undefined;
}

/** The declared Content-Length, or undefined when the body is chunked or absent. */
export function declaredLength(request: Request): number | undefined {
  const header = request.headers.get('content-length');
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header);
}

/**
 * A stream that passes bytes through until more than `maxBytes` went by, then errors with PayloadTooLargeError.
 * It never cancels its source: cancelling the request body would destroy the connection before the 413 (or a
 * service's own answer) is written. The unread rest is drained, bounded, by the server after it answered.
 */
export function limitStream(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let seen = 0;
  let released = false;
  const release = () => {
    if (!released) reader.releaseLock();
    released = true;
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        release();
        controller.close();
        return;
      }
      seen += value.byteLength;
      if (seen > maxBytes) {
        release();
        controller.error(new PayloadTooLargeError(maxBytes));
        return;
      }
      controller.enqueue(value);
    },
    cancel: release,
  });
}

/** The same request with a body that cannot grow past `maxBytes` (checked by Content-Length first). */
export function limitBody(request: Request, maxBytes: number): Request {
  const length = declaredLength(request);
  if (length !== undefined && length > maxBytes) throw new PayloadTooLargeError(maxBytes);
  if (!request.body) return request;
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: limitStream(request.body, maxBytes),
    signal: request.signal,
    duplex: 'half',
  } as RequestInit);
}

/** Reads the whole body, refusing (PayloadTooLargeError) as soon as it passes `maxBytes`. */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const length = declaredLength(request);
  if (length !== undefined && length > maxBytes) throw new PayloadTooLargeError(maxBytes);
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw new PayloadTooLargeError(maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    const tooLarge = findPayloadTooLarge(error);
    throw tooLarge ?? error;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

const utf8 = new TextDecoder('utf-8');

export async function readText(request: Request, maxBytes: number): Promise<string> {
  return utf8.decode(await readBody(request, maxBytes));
}
