// Tonight's ingredients for the host's "out of stock" tap: the database folds near duplicates ("Lime",
// "limes") and knows which are out (public.bar_ingredients); marking one out hides every drink that needs it.
import type { HostClient } from '$lib/supabase/host';
import { outcomeOf, type Outcome } from './outcome';

export interface BarIngredient {
  key: string;
  name: string;
  drink_count: number;
  is_out: boolean;
}

export async function listIngredients(client: HostClient): Promise<Outcome<BarIngredient[]>> {
  return outcomeOf(await client.rpc('bar_ingredients'));
}

export async function setIngredientOut(client: HostClient, ingredient: string, isOut: boolean): Promise<Outcome> {
  return outcomeOf(await client.rpc('set_ingredient_out', { ingredient, is_out: isOut }));
}

/** What the search shows: everything out first (so it can come back), then matches of the query, a few at a time. */
export function searchIngredients(all: BarIngredient[], query: string, limit = 8): BarIngredient[] {
  const folded = query.trim().toLowerCase().replace(/\s+/g, ' ');
  const out = all.filter((each) => each.is_out);
  if (!folded) return out;
  const matches = all.filter((each) => !each.is_out && (each.key.includes(folded) || each.name.toLowerCase().includes(folded)));
  return [...out.filter((each) => each.key.includes(folded) || each.name.toLowerCase().includes(folded)), ...matches].slice(0, limit + out.length);
}
