// Menu search and the ingredient filter (a drink must contain every selected ingredient), pure.
import type { Drink, Section } from './types';

export interface MenuFilter {
  query: string;
  ingredients: string[];
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase();

export function matchesFilter(drink: Drink, filter: MenuFilter): boolean {
  const query = fold(filter.query.trim());
  if (query && !fold([drink.name, drink.description, ...drink.ingredients].join(' ')).includes(query)) return false;
  return filter.ingredients.every((wanted) => drink.ingredients.includes(wanted));
}

/** Every ingredient on the menu, alphabetical in the given locale. */
export function ingredientChoices(drinks: Drink[], locale = 'de'): string[] {
  return [...new Set(drinks.flatMap((drink) => drink.ingredients))].sort((a, b) => a.localeCompare(b, locale));
}

/** Sections in display order with their matching drinks; sections left empty by the filter are dropped. */
export function groupMenu(sections: Section[], drinks: Drink[], filter: MenuFilter): { section: Section; drinks: Drink[] }[] {
  return [...sections]
    .sort((a, b) => a.display_order - b.display_order)
    .map((section) => ({
      section,
      drinks: drinks.filter((drink) => drink.section_id === section.id && matchesFilter(drink, filter)).sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .filter((group) => group.drinks.length > 0);
}
