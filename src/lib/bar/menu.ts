// Menu search and the ingredient filter (a drink must contain every chosen ingredient), pure. Near duplicates
// fold into one choice (B18): "Limette" and "Limettensaft" are the same pick, "Minze" and "Minzzweig" too.
import type { Drink, Section } from './types';

export interface MenuFilter {
  query: string;
  /** Ingredient keys (see ingredientKey), as ingredientChoices offers them. */
  ingredients: string[];
}

export interface IngredientChoice {
  key: string;
  /** The plainest name of the group: the shortest one. */
  label: string;
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase()
    .trim();

// Forms of the same thing on a drinks menu: juice, slices, wedges, zest, leaves, sprigs.
const FORMS = ['saft', 'juice', 'scheiben', 'scheibe', 'spalten', 'spalte', 'stucke', 'stuck', 'zesten', 'zeste', 'blatter', 'blatt', 'zweige', 'zweig'];

/** "Limettensaft" → "limett", "Limette" → "limett", "Minzzweig" → "minz"; "Zitronenwodka" stays itself. */
export function ingredientKey(name: string): string {
  let key = fold(name);
  const form = FORMS.find((suffix) => key.endsWith(suffix) && key.length > suffix.length + 2);
  if (form) key = key.slice(0, -form.length).trim();
  if (key.endsWith('en')) key = key.slice(0, -1);
  if (key.endsWith('e') && key.length > 3) key = key.slice(0, -1);
  return key;
}

export function matchesFilter(drink: Drink, filter: MenuFilter): boolean {
  const query = fold(filter.query);
  if (query && !fold([drink.name, drink.description, ...drink.ingredients].join(' ')).includes(query)) return false;
  const keys = new Set(drink.ingredients.map(ingredientKey));
  return filter.ingredients.every((wanted) => keys.has(wanted));
}

/** Every ingredient on the menu once, near duplicates folded, alphabetical in the given locale. */
export function ingredientChoices(drinks: Drink[], locale = 'de'): IngredientChoice[] {
  // One collator for all comparisons: localeCompare with a locale builds a new one on every call (slow on a phone).
  const { compare } = new Intl.Collator(locale);
  const groups = new Map<string, string>();
  for (const name of drinks.flatMap((drink) => drink.ingredients)) {
    const key = ingredientKey(name);
    const label = groups.get(key);
    if (label === undefined || name.length < label.length || (name.length === label.length && compare(name, label) < 0)) groups.set(key, name);
  }
  return [...groups.entries()].map(([key, label]) => ({ key, label })).sort((a, b) => compare(a.label, b.label));
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
