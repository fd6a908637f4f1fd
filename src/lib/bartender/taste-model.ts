// The app's door to the shared taste model (supabase/functions/_shared/bartender): the same rules the
// bartender function runs, here on the phone for the "For you" row — no network needed.
import type { Drink, Section } from '$lib/bar/types';
import type { MenuDrink } from '../../../supabase/functions/_shared/bartender/types.ts';

// From the modules themselves, not index.ts: the bundler keeps every imported module's top-level work (the
// house bartender's compiled phrase patterns), and the phone needs only the ranking.
export { profileOf } from '../../../supabase/functions/_shared/bartender/profile.ts';
export { reasonFor } from '../../../supabase/functions/_shared/bartender/reasons.ts';
export { diversified, rankDrinks } from '../../../supabase/functions/_shared/bartender/recommend.ts';
export { FLAVOURS, SPIRITS, isTasteWord } from '../../../supabase/functions/_shared/bartender/vocabulary.ts';
export { emptyWish } from '../../../supabase/functions/_shared/bartender/wish.ts';
export type { DrinkCard, OrderProposal, Taste, MenuDrink } from '../../../supabase/functions/_shared/bartender/types.ts';
export type { Flavour } from '../../../supabase/functions/_shared/bartender/vocabulary.ts';

/** Menu rows as the taste model reads them (with the section's name, a hint for "alcohol-free"). */
export function menuDrinks(drinks: Drink[], sections: Section[]): MenuDrink[] {
  const names = new Map(sections.map((section) => [section.id, section.name]));
  return drinks.map((drink) => ({
    id: drink.id,
    name: drink.name,
    description: drink.description,
    section: names.get(drink.section_id) ?? null,
    recipe: drink.recipe,
  }));
}
