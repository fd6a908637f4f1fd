// A Supabase client made of only the parts a guest uses — PostgREST (from/rpc), Realtime (channels) and Functions —
// assembled from supabase-js's own packages the way supabase-js's SupabaseClient wires them (same URLs, headers and
// token flow), without Auth and Storage, which are most of supabase-js's weight and which the guest never calls.
// Pure (no $env): src/lib/supabase/guest.ts passes the URL and key; the integration tests use it directly.
import { FunctionsClient } from '@supabase/functions-js';
import { PostgrestClient } from '@supabase/postgrest-js';
import { RealtimeClient, type RealtimeChannel, type RealtimeChannelOptions, type RealtimeClientOptions } from '@supabase/realtime-js';
import type { SupabaseClient } from '@supabase/supabase-js';
import { version as supabaseJsVersion } from '@supabase/supabase-js/package.json';
import type { Database } from '$lib/database.types';

/**
 * What guest code may use of a Supabase client, typed by the database: the host's full SupabaseClient<Database>
 * fits it too, so code shared by both (live channels, push, taste) takes this type.
 */
export type DataClient = Pick<SupabaseClient<Database>, 'from' | 'rpc' | 'channel' | 'removeChannel' | 'realtime' | 'functions'>;

export interface DataClientOptions {
  /** The caller's token for each request (the guest's own), or null to act as anon — supabase-js's `accessToken`. */
  accessToken: () => Promise<string | null>;
  /** Passed to RealtimeClient (e.g. a `transport` where there is no global WebSocket). */
  realtime?: Pick<RealtimeClientOptions, 'transport'>;
}

/**
 * The X-Client-Info supabase-js sends from a browser. The guest client is supabase-js's own parts at the version it
 * pins (package.json keeps them equal), so it says so, exactly as before.
 */
export const CLIENT_INFO = `supabase-js/${supabaseJsVersion}; platform=browser`;

/** New-format keys (`sb_publishable_…`, `sb_secret_…`) are not JWTs: supabase-js never sends them as a Bearer token. */
const isNewApiKey = (key: string) => key.startsWith('sb_publishable_') || key.startsWith('sb_secret_');

/** supabase-js's fetchWithAuth: `apikey` always, `Authorization: Bearer <token, else the key>` unless the caller set one. */
function fetchWithAuth(key: string, token: () => Promise<string | null>, base: typeof fetch, keyAsBearer = true): typeof fetch {
  return async (input, init) => {
    const accessToken = await token();
    const headers = new Headers(init?.headers);
    if (!headers.has('apikey')) headers.set('apikey', key);
    if (!headers.has('Authorization')) {
      const bearer = accessToken ?? (keyAsBearer ? key : null);
      if (bearer) headers.set('Authorization', `Bearer ${bearer}`);
    }
    return base(input, { ...init, headers });
  };
}

export function createDataClient(supabaseUrl: string, supabaseKey: string, options: DataClientOptions): DataClient {
  const base = new URL(supabaseUrl.endsWith('/') ? supabaseUrl : `${supabaseUrl}/`);
  const headers = { 'X-Client-Info': CLIENT_INFO };
  // Late-bound, as supabase-js does: a fetch replaced after start-up (tests, service worker shims) is used.
  const globalFetch: typeof fetch = (...args) => fetch(...args);
  const authFetch = fetchWithAuth(supabaseKey, options.accessToken, globalFetch);

  const rest = new PostgrestClient<Database>(new URL('rest/v1', base).href, {
    headers,
    schema: 'public',
    fetch: globalFetch,
    wrapFetch: (inner) => fetchWithAuth(supabaseKey, options.accessToken, inner),
  });

  const realtimeUrl = new URL('realtime/v1', base);
  realtimeUrl.protocol = realtimeUrl.protocol.replace('http', 'ws');
  const realtime = new RealtimeClient(realtimeUrl.href, {
    ...options.realtime,
    headers,
    // Realtime joins with the anon key when signed out, as supabase-js's _getAccessToken does.
    accessToken: async () => (await options.accessToken()) ?? supabaseKey,
    fetch: authFetch,
    params: { apikey: supabaseKey },
  });
  // supabase-js hands the first token to Realtime at once, so the first private join is not made as anon.
  Promise.resolve(options.accessToken())
    .then((token) => realtime.setAuth(token))
    .catch((error: unknown) => console.warn('Failed to set initial Realtime auth token:', error));

  const functions = new FunctionsClient(new URL('functions/v1', base).href, {
    headers,
    customFetch: fetchWithAuth(supabaseKey, options.accessToken, globalFetch, !isNewApiKey(supabaseKey)),
  });

  return {
    from: rest.from.bind(rest),
    rpc: rest.rpc.bind(rest),
    channel: (name: string, opts: RealtimeChannelOptions = { config: {} }) => realtime.channel(name, opts),
    removeChannel: (channel: RealtimeChannel) => realtime.removeChannel(channel),
    realtime,
    functions,
  };
}
