// What every Storage handler is given, who the caller is (from the bearer token, as Supabase Storage's jwt plugin
// decides it), bounded JSON bodies, and the [storage] settings of supabase/config.toml.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'smol-toml';
import { bearerToken, InvalidJwtError, type VerifyAccessToken } from '../shared/jwt.ts';
import type { Logger } from '../shared/log.ts';
import type { Caller, StorageDatabase } from './database.ts';
import { ERRORS } from './errors.ts';
import type { ObjectStore } from './object-store.ts';
import type { Route } from './routes.ts';
import { parseSize } from './rules.ts';
import type { UrlSigner } from './signed-urls.ts';

export interface StorageContext {
  db: StorageDatabase;
  store: ObjectStore;
  signer: UrlSigner;
  verify: VerifyAccessToken;
  /** `[storage] file_size_limit`: no upload is larger, whatever its bucket allows. */
  fileSizeLimit: number;
  log: Logger;
}

export interface StorageRequest {
  request: Request;
  url: URL;
  route: Route;
  /** The caller for routes that act as a user; public and signed-URL routes act as the service. */
  caller: Caller;
}

export type StorageHandler = (context: StorageContext, input: StorageRequest) => Promise<Response>;

const ROLES = new Set(['anon', 'authenticated', 'service_role']);
const ANON: Caller = { role: 'anon', claims: { role: 'anon' }, token: '', authenticated: false };

/** The caller of a request. A missing or bad token is AccessDenied, except where the route lets anon through. */
export async function callerOf(request: Request, verify: VerifyAccessToken, allowAnon = false): Promise<Caller> {
  const token = bearerToken(request.headers.get('authorization'));
  if (!token) {
    if (allowAnon) return ANON;
    throw ERRORS.accessDenied('jwt must be provided');
  }
  try {
    const claims = await verify(token);
    if (!ROLES.has(claims.role)) throw ERRORS.accessDenied('Access denied: Invalid role', 403);
    return { role: claims.role as Caller['role'], claims: claims as Record<string, unknown>, token, authenticated: true };
  } catch (error) {
    if (allowAnon) return ANON;
    if (error instanceof InvalidJwtError) throw ERRORS.accessDenied(error.message);
    throw error;
  }
}

export const serviceCaller = (): Caller => ({ role: 'service_role', claims: { role: 'service_role' }, token: '', authenticated: true });

const MAX_JSON_BYTES = 1024 * 1024;

/** The JSON object body of a request (at most 1 MB); InvalidRequest otherwise. */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_JSON_BYTES) throw ERRORS.entityTooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of Readable.fromWeb(request.body as never) as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > MAX_JSON_BYTES) throw ERRORS.entityTooLarge();
      chunks.push(chunk);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw ERRORS.invalidRequest('Body is not valid JSON: expected an object');
}

export function stringField(body: Record<string, unknown>, name: string, required = true): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw ERRORS.invalidRequest(`body must have required property '${name}'`);
    return undefined;
  }
  if (typeof value !== 'string') throw ERRORS.invalidRequest(`body/${name} must be string`);
  return value;
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}

/** `[storage] file_size_limit` of config.toml (default 50 MiB, as the Supabase CLI). */
export function readFileSizeLimit(supabaseDir: string): number {
  const path = join(supabaseDir, 'config.toml');
  const fallback = 50 * 1024 * 1024;
  if (!existsSync(path)) return fallback;
  const storage = (parse(readFileSync(path, 'utf8')) as { storage?: { file_size_limit?: string | number } }).storage;
  return storage?.file_size_limit === undefined ? fallback : parseSize(storage.file_size_limit);
}
