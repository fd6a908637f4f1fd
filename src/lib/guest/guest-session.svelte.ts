// The signed-in guest as reactive state (Svelte 5 runes): `guestSession.user` is `{ user_key, username }`
// or null. Written only by $lib/supabase/guest.ts; read by any page.
import type { GuestUser } from './stored-session.ts';

export const guestSession = $state<{ user: GuestUser | null; ready: boolean }>({ user: null, ready: false });
