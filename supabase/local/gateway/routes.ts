// Which service answers a path, and whether it needs an apikey: what Kong's declarative config does for Supabase.
export type Upstream = 'rest' | 'auth' | 'realtime' | 'storage' | 'functions';

export interface Route {
  upstream: Upstream;
  /** Kong's key-auth: the `apikey` header or query parameter must be the anon or service-role key. */
  needsApiKey: boolean;
  /** The path the upstream sees (PostgREST and functions get theirs without the prefix). */
  upstreamPath: string;
  /** Function name for `/functions/v1/<name>`. */
  functionName?: string;
}

const OPEN_PATHS = [
  /^\/auth\/v1\/\.well-known\/jwks\.json$/,
  /^\/auth\/v1\/(verify|callback|authorize)$/,
  /^\/storage\/v1\/(object|render\/image)\/public\//,
  // Signed URLs carry their permission in `?token=` (an <img src> sends no apikey); Storage checks the token.
  /^\/storage\/v1\/object\/(upload\/)?sign\//,
];

export function matchRoute(pathname: string, search: string): Route | undefined {
  const match = /^\/(rest|auth|realtime|storage|functions)\/v1(\/.*)?$/.exec(pathname);
  if (!match) return undefined;
  const upstream = match[1] as Upstream;
  const rest = match[2] ?? '/';
  if (upstream === 'functions') {
    const [, name = '', ...more] = rest.split('/');
    if (!name) return undefined;
    // Edge Functions are reachable without an apikey; `verify_jwt` guards them, as on hosted Supabase.
    return { upstream, needsApiKey: false, upstreamPath: (more.length ? `/${more.join('/')}` : '') + search, functionName: name };
  }
  return {
    upstream,
    needsApiKey: !OPEN_PATHS.some((open) => open.test(pathname)),
    upstreamPath: upstream === 'rest' ? rest + search : pathname + search,
  };
}
