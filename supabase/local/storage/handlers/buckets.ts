// The bucket API under the caller's role: storage.buckets has RLS and no policies of ours, so only the service
// role lists, creates, changes or deletes buckets (as on a Supabase project without bucket policies).
import { json, readJson, stringField, type StorageHandler } from '../context.ts';
import { BUCKET_COLUMNS, type Bucket } from '../database.ts';
import { ERRORS } from '../errors.ts';
import { assertValidBucketName, parseSize } from '../rules.ts';

function settingsOf(body: Record<string, unknown>) {
  const limit = body.file_size_limit;
  const types = body.allowed_mime_types;
  if (
    types !== undefined &&
    types !== null &&
    !(Array.isArray(types) && types.every((type) => typeof type === 'string' && /^[\w.+-]+\/([\w.+-]+|\*)$/.test(type)))
  ) {
    throw ERRORS.invalidRequest('body/allowed_mime_types must be an array of MIME types such as image/png or image/*');
  }
  if (body.public !== undefined && typeof body.public !== 'boolean') throw ERRORS.invalidRequest('body/public must be boolean');
  return {
    public: body.public as boolean | undefined,
    file_size_limit: limit === undefined ? undefined : limit === null || limit === '' ? null : parseSize(limit as string | number),
    allowed_mime_types: types === undefined ? undefined : ((types as string[] | null) ?? null),
  };
}

const normalize = (bucket: Bucket) => ({ ...bucket, file_size_limit: bucket.file_size_limit === null ? null : Number(bucket.file_size_limit) });

export const listBuckets: StorageHandler = async (context, { url, caller }) => {
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 1000) || 1000, 1000);
  const offset = Math.max(Number(url.searchParams.get('offset') ?? 0) || 0, 0);
  const column = ['id', 'name', 'created_at', 'updated_at'].includes(url.searchParams.get('sortColumn') ?? '') ? url.searchParams.get('sortColumn')! : 'name';
  const order = url.searchParams.get('sortOrder')?.toLowerCase() === 'desc' ? 'desc' : 'asc';
  const search = `%${(url.searchParams.get('search') ?? '').replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const rows = await context.db.asCaller(
    caller,
    'storage.bucket.list',
    (tx) => tx<Bucket[]>`
    select ${tx.unsafe(BUCKET_COLUMNS)} from storage.buckets where name ilike ${search}
     order by ${tx.unsafe(`${column} ${order}`)} limit ${limit} offset ${offset}`,
  );
  return json(rows.map(normalize));
};

export const getBucket: StorageHandler = async (context, { route, caller }) => {
  const [bucket] = await context.db.asCaller(
    caller,
    'storage.bucket.get',
    (tx) => tx<Bucket[]>`
    select ${tx.unsafe(BUCKET_COLUMNS)} from storage.buckets where id = ${route.bucket!}`,
  );
  if (!bucket) throw ERRORS.noSuchBucket();
  return json(normalize(bucket));
};

export const createBucket: StorageHandler = async (context, { request, caller }) => {
  const body = await readJson(request);
  const name = stringField(body, 'name')!;
  const id = stringField(body, 'id', false) ?? name;
  assertValidBucketName(id);
  assertValidBucketName(name);
  const settings = settingsOf(body);
  const owner = typeof caller.claims.sub === 'string' && /^[0-9a-f-]{36}$/i.test(caller.claims.sub) ? caller.claims.sub : null;
  await context.db
    .asCaller(
      caller,
      'storage.bucket.create',
      (tx) => tx`
      insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
      values (${id}, ${name}, ${owner}, ${owner}, ${settings.public ?? false}, ${settings.file_size_limit ?? null}, ${settings.allowed_mime_types ?? null})`,
    )
    .catch((error) => {
      throw error?.code === 'ResourceAlreadyExists' ? ERRORS.bucketAlreadyExists() : error;
    });
  return json({ name });
};

export const updateBucket: StorageHandler = async (context, { request, route, caller }) => {
  const settings = settingsOf(await readJson(request));
  const changes = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  const updated = await context.db.asCaller(caller, 'storage.bucket.update', (tx) =>
    Object.keys(changes).length === 0
      ? tx`select id from storage.buckets where id = ${route.bucket!}`
      : tx`update storage.buckets set ${tx(changes)}, updated_at = now() where id = ${route.bucket!} returning id`,
  );
  if (updated.length === 0) throw ERRORS.noSuchBucket();
  return json({ message: 'Successfully updated' });
};

export const emptyBucket: StorageHandler = async (context, { route, caller }) => {
  if (caller.role !== 'service_role') throw ERRORS.accessDenied('Access denied: Invalid role', 403);
  await context.db.bucket(route.bucket!);
  const removed = await context.db.asCaller(
    caller,
    'storage.bucket.empty',
    (tx) => tx<{ version: string | null }[]>`
    delete from storage.objects where bucket_id = ${route.bucket!} returning version`,
  );
  await context.store.remove(removed.map((row) => row.version));
  return json({ message: 'Successfully emptied' });
};

export const deleteBucket: StorageHandler = async (context, { route, caller }) => {
  const deleted = await context.db.asCaller(caller, 'storage.bucket.delete', async (tx) => {
    const [used] = await tx`select 1 from storage.objects where bucket_id = ${route.bucket!} limit 1`;
    if (used) throw ERRORS.bucketNotEmpty();
    return tx`delete from storage.buckets where id = ${route.bucket!} returning id`;
  });
  if (deleted.length === 0) throw ERRORS.noSuchBucket();
  return json({ message: 'Successfully deleted' });
};
