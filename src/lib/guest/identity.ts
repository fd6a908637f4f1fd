// The bar's view of the signed-in guest: who they are and the client that acts as them.
import type { SupabaseClient } from '@supabase/supabase-js';
import { getGuestClient, guestSession, signOutGuest, startGuestSession } from '$lib/supabase/guest';

export interface GuestIdentity {
  userKey: string;
  username: string;
}

export function currentGuest(): GuestIdentity | null {
  startGuestSession();
  const user = guestSession.user;
  return user ? { userKey: user.user_key, username: user.username } : null;
}

export function guestClient(): SupabaseClient {
  return getGuestClient();
}

export { signOutGuest };
