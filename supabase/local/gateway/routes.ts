// The gateway's declarative config, as Kong's is for a Supabase project: which service answers a path prefix,
// whether it needs an apikey, who answers CORS, and how large a request body may be.
import type { Service } from '../shared/service.ts';

export interface Route {
  /** Path prefix such as `/rest/v1`: matches the prefix itself and everything below it. */
  prefix: string;
  service: Service;
  /** Kong's key-auth: requests need the anon or service-role key, except on `openPaths`. */
  apiKey: 'required' | 'none';
  openPaths?: RegExp[];
  /** Kong's hide_credentials: the apikey (header and query parameter) does not reach the service. */
  hideApiKey?: boolean;
  /** Who answers CORS: the gateway, or the service itself (Edge Functions, as on hosted Supabase). */
  cors: 'gateway' | 'service';
  /** The largest request body for a path below the prefix; undefined means the gateway default. */
  bodyLimit?: (pathname: string, method: string) => number | undefined;
  /** The service's own wire shape for an unexpected failure (the gateway has logged it under `requestId`). */
  internalError?: (requestId: string, request: Request) => Response;
}

export function matchRoute(routes: readonly Route[], pathname: string): Route | undefined {
  return routes.find((route) => pathname === route.prefix || pathname.startsWith(`${route.prefix}/`));
}

export function needsApiKey(route: Route, pathname: string): boolean {
  return route.apiKey === 'required' && !(route.openPaths ?? []).some((open) => open.test(pathname));
}

export interface SupabaseServices {
  rest: Service;
  auth: Service & { internalError?: Route['internalError'] };
  realtime: Service;
  storage: Service;
  functions: Service;
}

/**
 * Multipart framing storage-js adds around a file (boundary, field headers, `cacheControl`): the file itself may
 * be as large as `[storage] file_size_limit`.
 */
const MULTIPART_ALLOWANCE = 64 * 1024;

/** `POST|PUT /object/<bucket>/<path>` and signed uploads; not the small JSON calls (list, sign, move, copy). */
function isUpload(pathname: string): boolean {
  return /^\/storage\/v1\/object\//.test(pathname) && !/^\/storage\/v1\/object\/(list|sign|move|copy|info)\//.test(pathname);
}

/** The routes of a Supabase project's API, in the order Kong's kong.yml lists them. */
export function supabaseRoutes(services: SupabaseServices, options: { storageFileSizeLimit: number }): Route[] {
  const uploadLimit = options.storageFileSizeLimit + MULTIPART_ALLOWANCE;
  return [
    { prefix: '/rest/v1', service: services.rest, apiKey: 'required', hideApiKey: true, cors: 'gateway' },
    {
      prefix: '/auth/v1',
      service: services.auth,
      apiKey: 'required',
      openPaths: [/^\/auth\/v1\/\.well-known\/jwks\.json$/, /^\/auth\/v1\/(verify|callback|authorize)$/],
      cors: 'gateway',
      internalError: services.auth.internalError,
    },
    { prefix: '/realtime/v1', service: services.realtime, apiKey: 'required', cors: 'gateway' },
    {
      prefix: '/storage/v1',
      service: services.storage,
      apiKey: 'required',
      // Signed URLs carry their permission in `?token=` (an <img src> sends no apikey); Storage checks the token.
      openPaths: [/^\/storage\/v1\/(object|render\/image)\/public\//, /^\/storage\/v1\/object\/(upload\/)?sign\//],
      cors: 'gateway',
      // Uploads stream through; the Storage service enforces each bucket's own limit while it reads.
      bodyLimit: (pathname, method) => ((method === 'POST' || method === 'PUT') && isUpload(pathname) ? uploadLimit : undefined),
    },
    // Edge Functions are reachable without an apikey; `verify_jwt` guards them, as on hosted Supabase.
    { prefix: '/functions/v1', service: services.functions, apiKey: 'none', cors: 'service' },
  ];
}
