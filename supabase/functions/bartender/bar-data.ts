// What the bartender knows about tonight, read as the caller: the active menu (with section names), the
// guest's taste, orders and open orders. Hidden drinks are left out for hosts too: the bartender names
// only what guests can order.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { DrinkRatings } from '../_shared/bartender/recommend.ts';
import type { MenuDrink, OpenOrder, Taste } from '../_shared/bartender/types.ts';
import { isTasteWord } from '../_shared/bartender/vocabulary.ts';
import type { Caller } from './caller.ts';

export interface BarData {
  drinks: MenuDrink[];
  taste: Taste | null;
  /** Drink ids ordered tonight, newest first. */
  ordered: string[];
  /** What the guest thought of drinks served tonight: the taste model learns from it. */
  ratings: DrinkRatings;
  openOrders: OpenOrder[];
}

export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const MENU_COLUMNS = 'id, name, description, recipe, sections(name)';

// PostgREST embeds the many-to-one section as an object; supabase-js's types guess an array.
type MenuRow = { id: string; name: string; description: string; recipe: MenuDrink['recipe']; sections: { name: string } | { name: string }[] | null };

const sectionName = (sections: MenuRow['sections']) => (Array.isArray(sections) ? sections[0]?.name : sections?.name) ?? null;

export const toMenuDrink = (row: MenuRow): MenuDrink => ({
  id: row.id,
  name: row.name,
  description: row.description,
  section: sectionName(row.sections),
  recipe: row.recipe,
});

function check<T>(result: { data: unknown; error: { message: string } | null; status: number }): T {
  if (result.error) throw new DatabaseError(result.error.message, result.status);
  return result.data as T;
}

export async function activeDrinks(client: SupabaseClient, ids?: string[]): Promise<MenuDrink[]> {
  // In stock too: the bartender never suggests a drink the host marked out (guests' reads hide them anyway).
  let query = client.from('drinks').select(MENU_COLUMNS).eq('is_active', true).eq('is_in_stock', true).order('name').limit(200);
  if (ids) query = query.in('id', ids);
  return check<MenuRow[]>(await query).map(toMenuDrink);
}

export async function loadBarData(caller: Caller): Promise<BarData> {
  const [drinks, taste, orders] = await Promise.all([
    activeDrinks(caller.client),
    caller.isGuest
      ? caller.client.from('guest_tastes').select('likes, dislikes, alcohol_free').maybeSingle()
      : Promise.resolve({ data: null, error: null, status: 200 }),
    caller.isGuest
      ? caller.client
          .from('orders')
          .select('drink_id, drink_name, status, created_at, order_ratings(rating)')
          .eq('user_key', caller.sub)
          .order('created_at', { ascending: false })
          .limit(30)
      : Promise.resolve({ data: [], error: null, status: 200 }),
  ]);
  const rows = check<Array<{ drink_id: string; drink_name: string; status: string; created_at: string; order_ratings?: { rating: string } | null }>>(orders);
  const rated = (rating: string) => rows.filter((row) => row.order_ratings?.rating === rating).map((row) => row.drink_id);
  return {
    drinks,
    taste: check<Taste | null>(taste),
    ordered: rows.filter((row) => row.status !== 'cancelled').map((row) => row.drink_id),
    ratings: { liked: rated('liked'), notForMe: rated('not_for_me') },
    openOrders: rows.filter((row) => ['pending', 'preparing', 'ready'].includes(row.status)).reverse(),
  };
}

/** Saves the guest's taste (only words of the taste vocabulary); hosts have none. */
export async function saveTaste(caller: Caller, taste: Taste): Promise<Taste | null> {
  if (!caller.isGuest) return null;
  const clean = {
    likes: [...new Set(taste.likes.filter(isTasteWord))].slice(0, 24),
    dislikes: [...new Set(taste.dislikes.filter(isTasteWord))].slice(0, 24),
    alcohol_free: taste.alcohol_free === true,
  };
  check(await caller.client.from('guest_tastes').upsert({ user_key: caller.sub, ...clean }));
  return clean;
}

/** Whether the host switched the bartender on; also proves the token to PostgREST (401 when forged). */
export async function isBartenderEnabled(client: SupabaseClient): Promise<boolean> {
  const row = check<{ bartender_enabled: boolean } | null>(await client.from('bar_settings').select('bartender_enabled').maybeSingle());
  return row?.bartender_enabled ?? true;
}
