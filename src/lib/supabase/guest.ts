// PLACEHOLDER until feat/guests lands on main (same exported names and storage key as that branch):
// the guest's session from localStorage and the one guest client that sends the guest's access token.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { browser } from '$app/environment';
import { supabaseAnonKey, supabaseUrl } from './config';

export interface GuestUser {
  user_key: string;
  username: string;
}

const SESSION_KEY = 'barkeep.guest-session';
let client: SupabaseClient | undefined;

function readSession(): { user: GuestUser; access_token: string } | null {
  try {
    return JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
  } catch {
    return null;
  }
}

export const guestSession: { user: GuestUser | null; ready: boolean } = { user: null, ready: false };

export function startGuestSession(): void {
  if (!browser) return;
  guestSession.user = readSession()?.user ?? null;
  guestSession.ready = true;
}

export function getGuestClient(): SupabaseClient {
  client ??= createClient(supabaseUrl(location.hostname), supabaseAnonKey(), { accessToken: async () => readSession()?.access_token ?? null });
  return client;
}

export async function signOutGuest(): Promise<void> {
  localStorage.removeItem(SESSION_KEY);
  guestSession.user = null;
}
