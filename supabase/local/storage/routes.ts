// Which operation answers a method and path under /storage/v1 — the routes of Supabase Storage that storage-js
// calls. Pure: the path is split into the bucket and the object key (percent-decoded), nothing else is looked at.
export type Operation =
  | 'bucket.list'
  | 'bucket.get'
  | 'bucket.create'
  | 'bucket.update'
  | 'bucket.delete'
  | 'bucket.empty'
  | 'object.upload'
  | 'object.update'
  | 'object.download'
  | 'object.head'
  | 'object.info'
  | 'object.remove'
  | 'object.removeMany'
  | 'object.list'
  | 'object.move'
  | 'object.copy'
  | 'object.sign'
  | 'object.signMany'
  | 'object.signedDownload'
  | 'object.signUpload'
  | 'object.signedUpload'
  | 'public.download'
  | 'public.head'
  | 'public.info';

export interface Route {
  operation: Operation;
  bucket?: string;
  key?: string;
  /** GET /object/<bucket>/<key> tolerates a bad token (anon then), as Supabase Storage's `allowInvalidJwt`. */
  allowAnon?: boolean;
}

export type RouteMatch = Route | { status: 400 | 404 | 405; message: string };

type Table = Array<[method: string, pattern: RegExp, operation: Operation, allowAnon?: boolean]>;

// `(?<bucket>…)` is one segment, `(?<key>…)` the rest. First match wins: specific prefixes before `/object/<bucket>/…`.
const ROUTES: Table = [
  ['GET', /^\/bucket\/?$/, 'bucket.list'],
  ['POST', /^\/bucket\/?$/, 'bucket.create'],
  ['POST', /^\/bucket\/(?<bucket>[^/]+)\/empty\/?$/, 'bucket.empty'],
  ['GET', /^\/bucket\/(?<bucket>[^/]+)\/?$/, 'bucket.get'],
  ['PUT', /^\/bucket\/(?<bucket>[^/]+)\/?$/, 'bucket.update'],
  ['DELETE', /^\/bucket\/(?<bucket>[^/]+)\/?$/, 'bucket.delete'],
  ['POST', /^\/object\/list\/(?<bucket>[^/]+)\/?$/, 'object.list'],
  ['POST', /^\/object\/move\/?$/, 'object.move'],
  ['POST', /^\/object\/copy\/?$/, 'object.copy'],
  ['POST', /^\/object\/sign\/(?<bucket>[^/]+)\/?$/, 'object.signMany'],
  ['POST', /^\/object\/sign\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'object.sign'],
  ['GET', /^\/object\/sign\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'object.signedDownload'],
  ['POST', /^\/object\/upload\/sign\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'object.signUpload'],
  ['PUT', /^\/object\/upload\/sign\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'object.signedUpload'],
  ['GET', /^\/object\/public\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'public.download'],
  ['HEAD', /^\/object\/public\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'public.head'],
  ['GET', /^\/object\/info\/public\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'public.info'],
  ['GET', /^\/object\/info\/authenticated\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'object.info'],
  ['GET', /^\/object\/info\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'object.info'],
  ['GET', /^\/object\/authenticated\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'object.download'],
  ['HEAD', /^\/object\/authenticated\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'object.head'],
  ['GET', /^\/object\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'object.download', true],
  ['HEAD', /^\/object\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'object.head'],
  ['POST', /^\/object\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'object.upload'],
  ['PUT', /^\/object\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'object.update'],
  ['DELETE', /^\/object\/(?<bucket>[^/]+)\/?$/, 'object.removeMany'],
  ['DELETE', /^\/object\/(?<bucket>[^/]+)\/(?<key>.+)$/, 'object.remove'],
];

function decode(part: string | undefined): string | undefined | null {
  if (part === undefined) return undefined;
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** `path` is the part after `/storage/v1`, still percent-encoded. */
export function matchStorageRoute(method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const [routeMethod, pattern, operation, allowAnon] of ROUTES) {
    const match = pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (routeMethod !== method) continue;
    const bucket = decode(match.groups?.bucket);
    const key = decode(match.groups?.key);
    if (bucket === null || key === null) return { status: 400, message: 'The path is not valid percent-encoded UTF-8' };
    return { operation, bucket, key, allowAnon };
  }
  return pathMatched ? { status: 405, message: `${method} is not allowed here` } : { status: 404, message: `Route ${method}:${path} not found` };
}
