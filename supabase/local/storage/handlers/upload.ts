// Uploads: POST (create, or upsert with `x-upsert: true`), PUT (update = upsert), signed upload URLs and uploads to
// them. Order as Supabase Storage: bucket limits and the caller's permission first (a rolled-back insert under
// RLS), then the file is streamed to disk with the size limit enforced while it arrives, then the row is written
// under the caller's role — only after the file is in place, and the file is removed again if the row is refused.
import { randomUUID } from 'node:crypto';
import type { TransactionSql } from 'postgres';
import { json, readJson, serviceCaller, type StorageContext, type StorageHandler } from '../context.ts';
import { writeObject, type Caller, type NewObject, type ObjectMetadata } from '../database.ts';
import { ERRORS } from '../errors.ts';
import { assertValidKey, isAllowedMimeType } from '../rules.ts';
import { readUploadBody } from '../upload-body.ts';

/** Signed upload URLs last two hours, as on Supabase. */
const SIGNED_UPLOAD_SECONDS = 2 * 3600;

interface Target {
  bucketId: string;
  key: string;
  upsert: boolean;
  /** Who writes the row: the caller (RLS decides) or, for a signed upload URL, the service. */
  writer: Caller;
  owner: string | null;
}

const ownerOf = (caller: Caller) => (typeof caller.claims.sub === 'string' ? caller.claims.sub : null);

/** Would `writer` be allowed to write this row? Rolled back; the same statement as the real write. */
async function assertMayWrite(context: StorageContext, target: Target, mimeType: string | undefined): Promise<void> {
  const probe: NewObject = {
    id: randomUUID(),
    bucketId: target.bucketId,
    name: target.key,
    owner: target.owner,
    version: randomUUID(),
    metadata: { mimetype: mimeType ?? 'application/octet-stream' } as ObjectMetadata,
    userMetadata: null,
  };
  await context.db.testAsCaller(target.writer, 'storage.object.upload', (tx) => writeObject(tx, probe, target.upsert));
}

async function store(context: StorageContext, request: Request, target: Target): Promise<Response> {
  assertValidKey(target.key);
  const bucket = await context.db.bucket(target.bucketId);
  const limit = Math.min(bucket.file_size_limit ?? Infinity, context.fileSizeLimit);
  const body = await readUploadBody(request);
  if (!isAllowedMimeType(body.mimeType, bucket.allowed_mime_types)) throw ERRORS.invalidMimeType(body.mimeType);
  if (body.declaredLength !== null && body.declaredLength > limit) throw ERRORS.entityTooLarge();
  await assertMayWrite(context, target, body.mimeType);

  const file = await context.store.write(body.bytes, limit);
  const metadata: ObjectMetadata = {
    eTag: `"${file.md5}"`,
    size: file.size,
    mimetype: body.mimeType,
    cacheControl: body.cacheControl,
    lastModified: new Date().toISOString(),
    contentLength: file.size,
    httpStatusCode: 200,
  };
  let written: { id: string; replaced: string | null };
  try {
    written = await context.db.asCaller(target.writer, 'storage.object.upload', (tx: TransactionSql) =>
      writeObject(
        tx,
        {
          id: randomUUID(),
          bucketId: target.bucketId,
          name: target.key,
          owner: target.owner,
          version: file.version,
          metadata,
          userMetadata: body.userMetadata,
        },
        target.upsert,
      ),
    );
  } catch (error) {
    await context.store.remove([file.version]);
    throw error;
  }
  // The row points at the new file now; the replaced one is no longer reachable.
  await context.store.remove([written.replaced]);
  return json({ Id: written.id, Key: `${target.bucketId}/${target.key}` });
}

export const upload: StorageHandler = (context, { request, route, caller }) =>
  store(context, request, {
    bucketId: route.bucket!,
    key: route.key!,
    upsert: request.headers.get('x-upsert') === 'true',
    writer: caller,
    owner: ownerOf(caller),
  });

export const update: StorageHandler = (context, { request, route, caller }) =>
  store(context, request, { bucketId: route.bucket!, key: route.key!, upsert: true, writer: caller, owner: ownerOf(caller) });

/** POST /object/upload/sign/<bucket>/<key>: checks the caller may upload there, then hands out a token for it. */
export const signUpload: StorageHandler = async (context, { request, route, caller }) => {
  assertValidKey(route.key!);
  await readJson(request);
  await context.db.bucket(route.bucket!);
  const upsert = request.headers.get('x-upsert') === 'true';
  const owner = ownerOf(caller);
  await assertMayWrite(context, { bucketId: route.bucket!, key: route.key!, upsert, writer: caller, owner }, request.headers.get('content-type') ?? undefined);
  const url = `${route.bucket}/${route.key}`;
  const token = await context.signer.sign({ url, scope: 'upload', upsert, ...(owner ? { owner } : {}) }, SIGNED_UPLOAD_SECONDS);
  return json({ url: `/object/upload/sign/${url}?token=${token}`, token });
};

/** PUT /object/upload/sign/<bucket>/<key>?token=…: the token is the permission; the service writes the row. */
export const signedUpload: StorageHandler = async (context, { request, url, route }) => {
  const token = url.searchParams.get('token');
  if (!token) throw ERRORS.invalidRequest("querystring must have required property 'token'");
  const signed = await context.signer.verify(token, 'upload', `${route.bucket}/${route.key}`);
  const response = await store(context, request, {
    bucketId: route.bucket!,
    key: route.key!,
    upsert: signed.upsert === true,
    writer: serviceCaller(),
    owner: typeof signed.owner === 'string' ? signed.owner : null,
  });
  const { Key } = (await response.json()) as { Key: string };
  return json({ Key });
};
