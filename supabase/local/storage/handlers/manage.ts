// Listing, moving, copying, removing and signing objects — every one decided by RLS on storage.objects under the
// caller's role: list and sign need SELECT, move UPDATE, copy SELECT + INSERT, remove SELECT + DELETE.
import { randomUUID } from 'node:crypto';
import { json, readJson, stringField, type StorageHandler } from '../context.ts';
import { lockKey, OBJECT_COLUMNS, writeObject, type ObjectRow } from '../database.ts';
import { ERRORS } from '../errors.ts';
import { assertValidBucketName, assertValidKey } from '../rules.ts';
import { parseExpiresIn } from '../signed-urls.ts';

const SORT_COLUMNS = new Set(['name', 'updated_at', 'created_at', 'last_accessed_at']);
const MAX_KEYS_PER_REQUEST = 1000;

function count(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw ERRORS.invalidRequest(`body/${name} must be a non-negative integer`);
  return Math.min(value, max);
}

export const list: StorageHandler = async (context, { request, route, caller }) => {
  const body = await readJson(request);
  const prefix = stringField(body, 'prefix') ?? '';
  const search = stringField(body, 'search', false) ?? '';
  const sortBy = (body.sortBy ?? {}) as { column?: unknown; order?: unknown };
  const column = typeof sortBy.column === 'string' ? sortBy.column : 'name';
  const order = typeof sortBy.order === 'string' ? sortBy.order.toLowerCase() : 'asc';
  if (!SORT_COLUMNS.has(column)) throw ERRORS.invalidRequest('body/sortBy/column must be equal to one of the allowed values');
  if (order !== 'asc' && order !== 'desc') throw ERRORS.invalidRequest('body/sortBy/order must be equal to one of the allowed values');
  const limit = count(body.limit, 'limit', 100, 1000);
  const offset = count(body.offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
  const rows = await context.db.asCaller(
    caller,
    'storage.object.list',
    (tx) => tx`
    select * from storage.search(${prefix}, ${route.bucket!}, ${limit}, 1, ${offset}, ${search}, ${column}, ${order})`,
  );
  return json(rows);
};

function keysOf(body: Record<string, unknown>, field: string): string[] {
  const value = body[field];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw ERRORS.invalidRequest(`body/${field} must be an array of strings`);
  if (value.length === 0) throw ERRORS.invalidRequest(`body/${field} must NOT have fewer than 1 items`);
  if (value.length > MAX_KEYS_PER_REQUEST) throw ERRORS.invalidRequest(`Bulk object requests are limited to ${MAX_KEYS_PER_REQUEST} objects per request.`);
  return value as string[];
}

export const removeMany: StorageHandler = async (context, { request, route, caller }) => {
  const prefixes = keysOf(await readJson(request), 'prefixes');
  const removed = await context.db.asCaller(
    caller,
    'storage.object.delete',
    (tx) => tx<ObjectRow[]>`
    delete from storage.objects where bucket_id = ${route.bucket!} and name = any(${prefixes}::text[])
    returning ${tx.unsafe(OBJECT_COLUMNS)}`,
  );
  await context.store.remove(removed.map((row) => row.version));
  return json(removed);
};

export const remove: StorageHandler = async (context, { route, caller }) => {
  assertValidKey(route.key!);
  await context.db.object(route.bucket!, route.key!);
  const removed = await context.db.asCaller(
    caller,
    'storage.object.delete',
    (tx) => tx<ObjectRow[]>`
    delete from storage.objects where bucket_id = ${route.bucket!} and name = ${route.key!} returning version`,
  );
  if (removed.length === 0) throw ERRORS.accessDenied('Access denied');
  await context.store.remove(removed.map((row) => row.version));
  return json({ message: 'Successfully deleted' });
};

interface Transfer {
  bucketId: string;
  sourceKey: string;
  destinationBucket: string;
  destinationKey: string;
}

function transferOf(body: Record<string, unknown>): Transfer {
  const bucketId = stringField(body, 'bucketId')!;
  const transfer = {
    bucketId,
    sourceKey: stringField(body, 'sourceKey')!,
    destinationBucket: stringField(body, 'destinationBucket', false) || bucketId,
    destinationKey: stringField(body, 'destinationKey')!,
  };
  assertValidBucketName(transfer.bucketId);
  assertValidBucketName(transfer.destinationBucket);
  assertValidKey(transfer.sourceKey);
  assertValidKey(transfer.destinationKey);
  return transfer;
}

/** Renames the row: the file (named by version) stays where it is. */
export const move: StorageHandler = async (context, { request, caller }) => {
  const transfer = transferOf(await readJson(request));
  await context.db.bucket(transfer.destinationBucket);
  const [moved] = await context.db.asCaller(caller, 'storage.object.move', async (tx) => {
    await lockKey(tx, transfer.destinationBucket, transfer.destinationKey);
    const [source] = await tx`select id from storage.objects where bucket_id = ${transfer.bucketId} and name = ${transfer.sourceKey}`;
    if (!source) throw ERRORS.noSuchKey();
    return tx<{ id: string; name: string }[]>`
      update storage.objects set bucket_id = ${transfer.destinationBucket}, name = ${transfer.destinationKey}, last_accessed_at = now()
       where bucket_id = ${transfer.bucketId} and name = ${transfer.sourceKey} returning id, name`;
  });
  if (!moved) throw ERRORS.accessDenied('Access denied');
  return json({ message: 'Successfully moved', Id: moved.id, Key: moved.name });
};

/** A new row for a new name of the same bytes (a hard link: files never change). */
export const copy: StorageHandler = async (context, { request, caller }) => {
  const body = await readJson(request);
  const transfer = transferOf(body);
  const upsert = request.headers.get('x-upsert') === 'true';
  await context.db.bucket(transfer.destinationBucket);
  const source = await context.db.objectAsCaller(caller, 'storage.object.copy', transfer.bucketId, transfer.sourceKey);
  if (!source.version) throw ERRORS.noSuchKey();
  const version = await context.store.duplicate(source.version).catch(() => {
    throw ERRORS.noSuchKey();
  });
  const metadata = { ...source.metadata!, lastModified: new Date().toISOString() };
  const userMetadata = body.copyMetadata === false && typeof body.metadata === 'object' ? null : source.user_metadata;
  const owner = typeof caller.claims.sub === 'string' ? caller.claims.sub : null;
  let written: { id: string; replaced: string | null };
  try {
    written = await context.db.asCaller(caller, 'storage.object.copy', (tx) =>
      writeObject(
        tx,
        { id: randomUUID(), bucketId: transfer.destinationBucket, name: transfer.destinationKey, owner, version, metadata, userMetadata },
        upsert,
      ),
    );
  } catch (error) {
    await context.store.remove([version]);
    throw error;
  }
  await context.store.remove([written.replaced]);
  return json({
    Id: written.id,
    Key: `${transfer.destinationBucket}/${transfer.destinationKey}`,
    name: transfer.destinationKey,
    bucket_id: transfer.destinationBucket,
    version,
    metadata,
  });
};

export const sign: StorageHandler = async (context, { request, route, caller }) => {
  const expiresIn = parseExpiresIn((await readJson(request)).expiresIn);
  assertValidKey(route.key!);
  await context.db.objectAsCaller(caller, 'storage.object.sign', route.bucket!, route.key!);
  const url = `${route.bucket}/${route.key}`;
  const token = await context.signer.sign({ url, scope: 'download' }, expiresIn);
  return json({ signedURL: `/object/sign/${url}?token=${token}` });
};

export const signMany: StorageHandler = async (context, { request, route, caller }) => {
  const body = await readJson(request);
  const expiresIn = parseExpiresIn(body.expiresIn);
  const paths = keysOf(body, 'paths');
  const visible = await context.db.asCaller(
    caller,
    'storage.object.sign',
    (tx) => tx<{ name: string }[]>`
    select name from storage.objects where bucket_id = ${route.bucket!} and name = any(${paths}::text[])`,
  );
  const names = new Set(visible.map((row) => row.name));
  const signed = await Promise.all(
    paths.map(async (path) => {
      if (!names.has(path)) return { error: 'Either the object does not exist or you do not have access to it', path, signedURL: null };
      const url = `${route.bucket}/${path}`;
      return { error: null, path, signedURL: `/object/sign/${url}?token=${await context.signer.sign({ url, scope: 'download' }, expiresIn)}` };
    }),
  );
  return json(signed);
};
