// The bar's view of the signed-in guest: who they are and the client that acts as them.
import type { SupabaseClient } from '@supabase/supabase-js';
import { getGuestClient, guestSession, signOutGuest } from '$lib/supabase/guest';

export interface GuestIdentity {
  userKey: string;
  username: string;
}

export function currentGuest(): GuestIdentity | null {
  const session = guestSession.current;
  return session ? { userKey: session.user.user_key, username: session.user.username } : null;
}

export function guestClient(): SupabaseClient {
  return getGuestClient();
}

export { signOutGuest };
