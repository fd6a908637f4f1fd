// Request parsing and replies of the Auth service: JSON bodies, the caller's address, success responses.
import { isIP } from 'node:net';
import { readText } from '../shared/body.ts';
import { API_VERSION_HEADER, badRequest } from './errors.ts';
import type { ClientInfo } from './sessions.ts';

export type JsonObject = Record<string, unknown>;

/** Auth bodies are small JSON objects; the gateway's 1 MB limit is far more than any of them needs. */
export const AUTH_BODY_LIMIT = 64 * 1024;

/** True when a NUL character hides anywhere in a parsed JSON value (keys included): PostgreSQL text cannot hold it. */
function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1));
}

/** The request body as a JSON object; GoTrue's `bad_json` (400) otherwise. An empty body is `{}`. */
export async function readJsonObject(request: Request): Promise<JsonObject> {
  const text = await readText(request, AUTH_BODY_LIMIT);
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest('bad_json', `Could not parse request body as JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest('bad_json', 'Could not parse request body as JSON: expected an object');
  if (containsNul(value)) throw badRequest('validation_failed', 'Request body must not contain NUL characters (\\u0000).');
  return value as JsonObject;
}

/**
 * The caller's IP: the last `X-Forwarded-For` entry, which the gateway sets from the socket (or from our own app
 * server, proven by the stack's proxy secret — see gateway/client-address.ts). Earlier entries prove nothing.
 */
export function clientIp(request: Request): string | null {
  const entries = (request.headers.get('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim());
  const last = entries[entries.length - 1] ?? '';
  return isIP(last) ? last : null;
}

export function clientInfo(request: Request): ClientInfo {
  return { userAgent: request.headers.get('user-agent')?.slice(0, 512) ?? null, ip: clientIp(request) };
}

export function jsonResponse(body: unknown, apiVersion: string | undefined, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const headers: Record<string, string> = { ...init.headers };
  if (apiVersion) headers[API_VERSION_HEADER] = apiVersion;
  return Response.json(body, { status: init.status ?? 200, headers });
}

export function noContent(apiVersion: string | undefined): Response {
  return new Response(null, { status: 204, headers: apiVersion ? { [API_VERSION_HEADER]: apiVersion } : {} });
}

export function optionalString(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest('validation_failed', `${field} must be a string`);
  return value;
}

export function optionalObject(body: JsonObject, field: string): Record<string, unknown> | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest('validation_failed', `${field} must be an object`);
  return value as Record<string, unknown>;
}
