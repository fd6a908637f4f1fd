// Supabase Storage compatible service for the embedded stack (see README "How it works" → Storage). Layers:
// routes.ts (method + path → operation) → handlers/ (one per operation family) → object-store.ts (files) and
// database.ts (SQL under the caller's role, so RLS decides). Expected errors are StorageError in Supabase's wire
// shape; anything else is an opaque 500 plus one log line with a request id.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Service, ServiceContext } from '../shared/service.ts';
import { callerOf, readFileSizeLimit, serviceCaller, type StorageContext, type StorageHandler } from './context.ts';
import { StorageDatabase } from './database.ts';
import { ERRORS, errorResponse, StorageError } from './errors.ts';
import { createBucket, deleteBucket, emptyBucket, getBucket, listBuckets, updateBucket } from './handlers/buckets.ts';
import { download, head, info, publicDownload, publicHead, publicInfo, signedDownload } from './handlers/download.ts';
import { copy, list, move, remove, removeMany, sign, signMany } from './handlers/manage.ts';
import { signedUpload, signUpload, update, upload } from './handlers/upload.ts';
import { ObjectStore } from './object-store.ts';
import { matchStorageRoute, type Operation } from './routes.ts';
import { createUrlSigner } from './signed-urls.ts';

const PREFIX = '/storage/v1';

const HANDLERS: Record<Operation, StorageHandler> = {
  'bucket.list': listBuckets,
  'bucket.get': getBucket,
  'bucket.create': createBucket,
  'bucket.update': updateBucket,
  'bucket.delete': deleteBucket,
  'bucket.empty': emptyBucket,
  'object.upload': upload,
  'object.update': update,
  'object.download': download,
  'object.head': head,
  'object.info': info,
  'object.remove': remove,
  'object.removeMany': removeMany,
  'object.list': list,
  'object.move': move,
  'object.copy': copy,
  'object.sign': sign,
  'object.signMany': signMany,
  'object.signedDownload': signedDownload,
  'object.signUpload': signUpload,
  'object.signedUpload': signedUpload,
  'public.download': publicDownload,
  'public.head': publicHead,
  'public.info': publicInfo,
};

/** Routes whose permission is the URL itself (public bucket, signed token): no bearer token needed. */
const OPEN: ReadonlySet<Operation> = new Set(['public.download', 'public.head', 'public.info', 'object.signedDownload', 'object.signedUpload']);

export function createStorageService(service: ServiceContext): Service {
  const store = new ObjectStore(join(service.config.dataDir, 'storage'));
  const context: StorageContext = {
    db: new StorageDatabase(service.sql),
    store,
    signer: createUrlSigner(service.keys.signingKey),
    verify: service.verifyAccessToken,
    fileSizeLimit: readFileSizeLimit(service.config.supabaseDir),
    log: service.log,
  };
  // Before the first request: folders in place, leftovers of an interrupted run removed.
  const ready = store.init().then(async () => {
    const orphans = await store.sweep((versions) => context.db.referencedVersions(versions));
    if (orphans > 0) service.log.info('storage', `removed ${orphans} file(s) no object refers to`);
  });
  ready.catch((error) => service.log.error('storage', 'could not prepare the storage folder', error));

  return {
    async handle(request) {
      const url = new URL(request.url);
      try {
        await ready;
        const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) || '/' : url.pathname;
        const route = matchStorageRoute(request.method, path);
        if ('status' in route) {
          if (route.status === 400) throw ERRORS.invalidRequest(route.message);
          throw route.status === 404 ? ERRORS.notFound() : ERRORS.methodNotAllowed();
        }
        const caller = OPEN.has(route.operation) ? serviceCaller() : await callerOf(request, context.verify, route.allowAnon);
        return await HANDLERS[route.operation](context, { request, url, route, caller });
      } catch (error) {
        if (error instanceof StorageError) return errorResponse(error);
        const requestId = randomUUID();
        service.log.error('storage', `request ${requestId} ${request.method} ${url.pathname} failed`, error);
        return errorResponse(ERRORS.internal(requestId));
      }
    },
    async close() {},
  };
}
