// Storage's SQL. Statements about objects run the way Supabase Storage runs them: in a transaction that first sets
// `role`, `request.jwt.claims` & co. from the caller's token (as PostgREST does), so the RLS policies on
// storage.objects decide who may upload, replace, read, list and remove. Bucket settings are read as the service.
import type { Sql, TransactionSql } from 'postgres';
import { ERRORS, fromDatabaseError } from './errors.ts';

/** Who is asking: the verified claims of the bearer token, or anon without one. */
export interface Caller {
  role: 'anon' | 'authenticated' | 'service_role';
  claims: Record<string, unknown>;
  token: string;
  /** A valid user or service token was presented (Supabase Storage's `isAuthenticated`). */
  authenticated: boolean;
}

export interface Bucket {
  id: string;
  name: string;
  owner: string | null;
  public: boolean;
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
  created_at: string;
  updated_at: string;
}

export interface ObjectRow {
  id: string;
  bucket_id: string;
  name: string;
  owner: string | null;
  owner_id: string | null;
  version: string | null;
  metadata: ObjectMetadata | null;
  user_metadata: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
  last_accessed_at: string;
}

/** storage.objects.metadata, as Supabase Storage fills it. */
export interface ObjectMetadata {
  eTag: string;
  size: number;
  mimetype: string;
  cacheControl: string;
  lastModified: string;
  contentLength: number;
  httpStatusCode: number;
}

export const BUCKET_COLUMNS = 'id, name, owner, public, file_size_limit, allowed_mime_types, created_at, updated_at';
export const OBJECT_COLUMNS = 'id, bucket_id, name, owner, owner_id, version, metadata, user_metadata, created_at, updated_at, last_accessed_at';

class Rollback extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class StorageDatabase {
  constructor(readonly sql: Sql) {}

  /** Runs `work` as the caller in one transaction; database denials and conflicts become Storage errors. */
  async asCaller<T>(caller: Caller, operation: string, work: (tx: TransactionSql) => Promise<T>): Promise<T> {
    try {
      return (await this.sql.begin(async (tx) => {
        await tx`
          select set_config('role', ${caller.role}, true),
                 set_config('request.jwt.claim.role', ${caller.role}, true),
                 set_config('request.jwt', ${caller.token}, true),
                 set_config('request.jwt.claim.sub', ${typeof caller.claims.sub === 'string' ? caller.claims.sub : ''}, true),
                 set_config('request.jwt.claims', ${JSON.stringify(caller.claims)}, true),
                 set_config('storage.operation', ${operation}, true),
                 set_config('storage.allow_delete_query', 'true', true)`;
        return work(tx);
      })) as T;
    } catch (error) {
      throw fromDatabaseError(error) ?? error;
    }
  }

  /** Like asCaller, but always rolled back: "would the caller be allowed to do this?" (Supabase's testPermission). */
  async testAsCaller(caller: Caller, operation: string, work: (tx: TransactionSql) => Promise<unknown>): Promise<void> {
    try {
      await this.asCaller(caller, operation, async (tx) => {
        await work(tx);
        throw new Rollback();
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
  }

  /** The bucket, read as the service (Supabase Storage does too): its settings are not secret. */
  async bucket(id: string): Promise<Bucket> {
    const [bucket] = await this.sql<Bucket[]>`select ${this.sql.unsafe(BUCKET_COLUMNS)} from storage.buckets where id = ${id}`;
    if (!bucket) throw ERRORS.noSuchBucket();
    return { ...bucket, file_size_limit: bucket.file_size_limit === null ? null : Number(bucket.file_size_limit) };
  }

  /** One object's row as the service (public buckets, signed URLs). */
  async object(bucketId: string, name: string): Promise<ObjectRow> {
    const [row] = await this.sql<ObjectRow[]>`select ${this.sql.unsafe(OBJECT_COLUMNS)} from storage.objects where bucket_id = ${bucketId} and name = ${name}`;
    if (!row) throw ERRORS.noSuchKey();
    return row;
  }

  /** One object's row as the caller: invisible under RLS is the same as missing. */
  async objectAsCaller(caller: Caller, operation: string, bucketId: string, name: string): Promise<ObjectRow> {
    const [row] = await this.asCaller(
      caller,
      operation,
      (tx) => tx<ObjectRow[]>`
      select ${tx.unsafe(OBJECT_COLUMNS)} from storage.objects where bucket_id = ${bucketId} and name = ${name}`,
    );
    if (!row) throw ERRORS.noSuchKey();
    return row;
  }

  async referencedVersions(versions: string[]): Promise<Set<string>> {
    const rows = await this.sql<{ version: string }[]>`select version from storage.objects where version = any(${versions}::text[])`;
    return new Set(rows.map((row) => row.version));
  }
}

/** Serialises writers of one key inside their transactions, so a replaced version is known exactly once. */
export async function lockKey(tx: TransactionSql, bucketId: string, name: string): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`storage:${bucketId}/${name}`}, 0))`;
}

export interface NewObject {
  id: string;
  bucketId: string;
  name: string;
  owner: string | null;
  version: string;
  metadata: ObjectMetadata;
  userMetadata: Record<string, unknown> | null;
}

/**
 * Inserts the row, or with `upsert` replaces the existing one (INSERT … ON CONFLICT DO UPDATE needs the INSERT,
 * SELECT and UPDATE policies, as on Supabase). Returns the object's id and the version it replaced.
 */
export async function writeObject(tx: TransactionSql, object: NewObject, upsert: boolean): Promise<{ id: string; replaced: string | null }> {
  await lockKey(tx, object.bucketId, object.name);
  let replaced: string | null = null;
  let id = object.id;
  if (upsert) {
    const [existing] = await tx<{ id: string; version: string | null }[]>`
      select id, version from storage.objects where bucket_id = ${object.bucketId} and name = ${object.name}`;
    replaced = existing?.version ?? null;
    id = existing?.id ?? id;
  }
  const values = {
    id,
    bucket_id: object.bucketId,
    name: object.name,
    // `owner` is a uuid column; any other subject is kept in `owner_id` only, as Supabase Storage does.
    owner: object.owner && UUID.test(object.owner) ? object.owner : null,
    owner_id: object.owner,
    version: object.version,
    metadata: tx.json(object.metadata as never),
    user_metadata: object.userMetadata === null ? null : tx.json(object.userMetadata as never),
  };
  if (upsert) {
    await tx`
      insert into storage.objects ${tx(values)}
      on conflict (bucket_id, name) do update set
        version = excluded.version, metadata = excluded.metadata, user_metadata = excluded.user_metadata,
        owner = excluded.owner, owner_id = excluded.owner_id, last_accessed_at = now()`;
  } else {
    await tx`insert into storage.objects ${tx(values)}`;
  }
  return { id, replaced };
}
