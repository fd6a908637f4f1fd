// PLACEHOLDER until feat/guests lands on main (same exported names): the guest's session from
// localStorage and the one guest client, which sends the guest's access token on every call.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { supabaseAnonKey, supabaseUrl } from './config';

export interface GuestSession {
  user: { user_key: string; username: string };
  access_token: string;
  refresh_token: string;
  expires_at: number;
}

const STORAGE_KEY = 'barkeep.guest';
let client: SupabaseClient | null = null;

export const guestSession = {
  get current(): GuestSession | null {
    if (typeof localStorage === 'undefined') return null;
    try {
      return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as GuestSession | null;
    } catch {
      return null;
    }
  },
};

export function getGuestClient(): SupabaseClient {
  client ??= createClient(supabaseUrl(location.hostname), supabaseAnonKey(), {
    accessToken: async () => guestSession.current?.access_token ?? null,
  });
  return client;
}

export async function signOutGuest(): Promise<void> {
  localStorage.removeItem(STORAGE_KEY);
}
