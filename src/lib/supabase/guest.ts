// The guest's Supabase client, and nothing else: it sends the guest's own RS256 token through the `accessToken`
// callback (so it is separate from the host client, which keeps full supabase-js with Supabase Auth). Made of
// PostgREST, Realtime and Functions only (data-client.ts), the parts a guest uses, so the menu loads light.
// Where the token comes from, and when it is refreshed, is src/lib/guest/session.svelte.ts's business.
import { supabaseAnonKey, supabaseUrl } from './config.ts';
import { createDataClient, type DataClient } from './data-client.ts';

export type GuestClient = DataClient;

export function createGuestClient(accessToken: () => Promise<string | null>): GuestClient {
  return createDataClient(supabaseUrl(location.hostname), supabaseAnonKey(), { accessToken });
}
