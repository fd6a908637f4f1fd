// The host's guest list: everyone who joined with their number of orders; deactivate and reactivate.
import type { HostClient } from '$lib/supabase/host';
import { outcomeOf, type Outcome } from './outcome';

export interface GuestRow {
  user_key: string;
  username: string;
  created_at: string;
  is_active: boolean;
  orders: { count: number }[];
}

export async function listGuests(client: HostClient): Promise<Outcome<GuestRow[]>> {
  return outcomeOf(await client.from('guests').select('user_key, username, created_at, is_active, orders(count)').order('created_at', { ascending: false }));
}

/** Deactivating ends the guest's logins and refuses their orders; their open app signs out. */
export async function setGuestActive(client: HostClient, userKey: string, isActive: boolean): Promise<Outcome> {
  return outcomeOf(await client.from('guests').update({ is_active: isActive }).eq('user_key', userKey));
}
