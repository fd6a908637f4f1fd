// The app's door to the shared taste model (supabase/functions/_shared/bartender): the same rules the
// bartender function runs, here on the phone for the "For you" row — no network needed.
import type { Drink, Section } from '$lib/bar/types';
import type { MenuDrink } from '../../../supabase/functions/_shared/bartender/types.ts';

export {
  diversified,
  rankDrinks,
  reasonFor,
  emptyWish,
  FLAVOURS,
  SPIRITS,
  isTasteWord,
  profileOf,
} from '../../../supabase/functions/_shared/bartender/index.ts';
export type { DrinkCard, OrderProposal, Taste, Flavour, MenuDrink } from '../../../supabase/functions/_shared/bartender/index.ts';

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
