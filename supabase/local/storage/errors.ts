// Expected Storage errors in Supabase Storage's wire shape (supabase/storage src/internal/errors): the body carries
// the real status as a string (`statusCode`), a `code` such as NoSuchKey, an `error` and a `message`; the HTTP status
// is 400 for every such error unless it was raised with an explicit one (or is a 5xx). storage-js reads `statusCode`
// and `code` (StorageApiError), so `exists()` can tell a missing object from any other failure.

export class StorageError extends Error {
  constructor(
    /** The status the body reports (`"404"`); Supabase Storage sends most of them as HTTP 400. */
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly error: string = code,
    /** The HTTP status, when it is not the usual 400. */
    readonly httpStatus?: number,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): number {
    return this.httpStatus ?? (this.statusCode >= 500 ? this.statusCode : 400);
  }
}

export const ERRORS = {
  noSuchBucket: () => new StorageError(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
  noSuchKey: () => new StorageError(404, 'NoSuchKey', 'Object not found', 'not_found'),
  accessDenied: (message = 'Access denied', httpStatus?: number) => new StorageError(403, 'AccessDenied', message, 'Unauthorized', httpStatus),
  rlsDenied: () => new StorageError(403, 'AccessDenied', 'new row violates row-level security policy', 'Unauthorized'),
  alreadyExists: () => new StorageError(409, 'ResourceAlreadyExists', 'The resource already exists', 'Duplicate'),
  bucketAlreadyExists: () => new StorageError(409, 'BucketAlreadyExists', 'The resource already exists', 'Duplicate'),
  bucketNotEmpty: () => new StorageError(409, 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
  invalidMimeType: (mimeType: string) => new StorageError(415, 'InvalidMimeType', `mime type ${mimeType} is not supported`, 'invalid_mime_type'),
  entityTooLarge: () => new StorageError(413, 'EntityTooLarge', 'The object exceeded the maximum allowed size', 'Payload too large'),
  invalidKey: (key: string) => new StorageError(400, 'InvalidKey', `Invalid key: ${key}`),
  invalidBucketName: () => new StorageError(400, 'InvalidBucketName', 'Bucket name invalid', 'Invalid Input'),
  invalidRequest: (message: string) => new StorageError(400, 'InvalidRequest', message),
  invalidJwt: (message = 'Invalid JWT') => new StorageError(400, 'InvalidJWT', message),
  invalidSignature: (message = 'Invalid signature') => new StorageError(400, 'InvalidSignature', message),
  expiredSignature: () => new StorageError(400, 'ExpiredToken', 'The provided token has expired.'),
  noContent: () => new StorageError(400, 'InvalidRequest', 'No content provided'),
  invalidRange: (size: number) => new StorageError(416, 'InvalidRange', 'invalid range provided', 'invalid_range', 416, { 'content-range': `bytes */${size}` }),
  notFound: () => new StorageError(404, 'NotFound', 'Route not found', 'Not Found', 404),
  methodNotAllowed: () => new StorageError(405, 'InvalidRequest', 'Method not allowed', 'Method Not Allowed', 405),
  internal: (requestId: string) =>
    new StorageError(500, 'InternalError', `Internal server error (request ${requestId}); the stack log has the details`, 'Internal'),
};

export function errorResponse(error: StorageError): Response {
  const body = { statusCode: String(error.statusCode), code: error.code, error: error.error, message: error.message };
  return Response.json(body, { status: error.status, headers: { 'cache-control': 'no-store', ...error.headers } });
}

/**
 * Maps a PostgreSQL error from a statement run under the caller's role to Storage's answer: RLS and privilege
 * denials are AccessDenied, a unique violation on (bucket_id, name) is ResourceAlreadyExists. Anything else is
 * unexpected (undefined).
 */
export function fromDatabaseError(error: unknown): StorageError | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === '42501') return ERRORS.rlsDenied();
  if (code === '23505') return ERRORS.alreadyExists();
  if (code === '23503') return ERRORS.noSuchBucket();
  // A policy that calls something the role may not use, or an invalid text value in a filter.
  if (code === '22P02' || code === '22021') return ERRORS.invalidRequest('Invalid input');
  return undefined;
}
