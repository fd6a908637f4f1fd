// Request parsing and replies of the Auth service: JSON bodies, the caller's address, success responses.
import { isIP } from 'node:net';
import { API_VERSION_HEADER, badRequest } from './errors.ts';
import type { ClientInfo } from './sessions.ts';

export type JsonObject = Record<string, unknown>;

/** The request body as a JSON object; GoTrue's `bad_json` (400) otherwise. An empty body is `{}`. */
export async function readJsonObject(request: Request): Promise<JsonObject> {
  const text = await request.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest('bad_json', `Could not parse request body as JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('bad_json', 'Could not parse request body as JSON: expected an object');
  return value as JsonObject;
}

/**
 * The caller's IP. The gateway appends the socket's address as the last `X-Forwarded-For` entry; earlier entries come
 * from the client and prove nothing — except when the socket is loopback: then the caller is a process on this
 * machine (the app server signing a host in), trusted to name the browser it acts for in the entry before.
 */
export function clientIp(request: Request): string | null {
  const entries = (request.headers.get('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim());
  const socket = entries[entries.length - 1] ?? '';
  if (!isIP(socket)) return null;
  const forwardedFor = entries[entries.length - 2] ?? '';
  return isLoopback(socket) && isIP(forwardedFor) ? forwardedFor : socket;
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
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
