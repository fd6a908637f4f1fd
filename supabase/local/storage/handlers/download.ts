// Reading objects: public URLs (no token; the bucket must be public), authenticated downloads (a public bucket
// serves anyone, a private one asks RLS), signed URLs (the token is the permission), HEAD and `info`.
import { type StorageContext, type StorageHandler } from '../context.ts';
import type { Caller, ObjectRow } from '../database.ts';
import { ERRORS } from '../errors.ts';
import { objectHeaders, objectResponse, type RenderOptions } from '../serve.ts';
import { assertValidKey } from '../rules.ts';

/** The row a caller may read: any row of a public bucket; in a private one, what RLS shows a signed-in caller. */
async function readableRow(context: StorageContext, caller: Caller | null, bucketId: string, key: string): Promise<ObjectRow> {
  assertValidKey(key);
  const bucket = await context.db.bucket(bucketId).catch(() => null);
  if (!bucket || (!bucket.public && (!caller || !caller.authenticated))) throw ERRORS.noSuchBucket();
  return bucket.public ? context.db.object(bucketId, key) : context.db.objectAsCaller(caller!, 'storage.object.get', bucketId, key);
}

/** Streams the row's file; if an upsert replaced it between lookup and open, looks it up once more. */
async function render(context: StorageContext, request: Request, lookup: () => Promise<ObjectRow>, options: RenderOptions): Promise<Response> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const response = await objectResponse(context.store, await lookup(), request, options);
    if (response) return response;
  }
  throw ERRORS.noSuchKey();
}

const optionsOf = (request: Request, url: URL): RenderOptions => ({ method: request.method, download: url.searchParams.get('download') });

export const download: StorageHandler = (context, { request, url, route, caller }) =>
  render(context, request, () => readableRow(context, caller, route.bucket!, route.key!), optionsOf(request, url));

export const publicDownload: StorageHandler = async (context, { request, url, route }) => {
  const bucket = await context.db.bucket(route.bucket!);
  if (!bucket.public) throw ERRORS.noSuchBucket();
  assertValidKey(route.key!);
  return render(context, request, () => context.db.object(route.bucket!, route.key!), optionsOf(request, url));
};

export const signedDownload: StorageHandler = async (context, { request, url, route }) => {
  const token = url.searchParams.get('token');
  if (!token) throw ERRORS.invalidRequest("querystring must have required property 'token'");
  const signed = await context.signer.verify(token, 'download', `${route.bucket}/${route.key}`);
  return render(context, request, () => context.db.object(route.bucket!, route.key!), { ...optionsOf(request, url), expires: new Date(signed.exp * 1000) });
};

function infoBody(row: ObjectRow) {
  const metadata = row.metadata;
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    bucket_id: row.bucket_id,
    size: metadata?.size ?? null,
    content_type: metadata?.mimetype ?? null,
    cache_control: metadata?.cacheControl ?? null,
    etag: metadata?.eTag ?? null,
    metadata: row.user_metadata,
    last_modified: row.updated_at,
    created_at: row.created_at,
  };
}

function infoResponse(row: ObjectRow): Response {
  const headers = objectHeaders(row, { method: 'GET' });
  return Response.json(infoBody(row), {
    headers: { etag: headers.get('etag')!, 'last-modified': headers.get('last-modified')!, 'cache-control': headers.get('cache-control')! },
  });
}

export const info: StorageHandler = async (context, { route, caller }) => infoResponse(await readableRow(context, caller, route.bucket!, route.key!));

export const publicInfo: StorageHandler = async (context, { route }) => {
  const bucket = await context.db.bucket(route.bucket!);
  if (!bucket.public) throw ERRORS.noSuchBucket();
  assertValidKey(route.key!);
  return infoResponse(await context.db.object(route.bucket!, route.key!));
};

/** HEAD answers with the object's headers and no body; missing objects are a bare 400, as HEAD has no body. */
export const head: StorageHandler = (context, { request, route, caller }) =>
  render(context, request, () => readableRow(context, caller, route.bucket!, route.key!), { method: 'HEAD' });

export const publicHead: StorageHandler = async (context, { request, route }) => {
  const bucket = await context.db.bucket(route.bucket!);
  if (!bucket.public) throw ERRORS.noSuchBucket();
  return render(context, request, () => context.db.object(route.bucket!, route.key!), { method: 'HEAD' });
};
