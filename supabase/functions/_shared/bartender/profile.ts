// A drink's flavour profile, built from its recipe: flavours, base spirits, the known ingredients, and
// whether it contains alcohol. "Alcohol-free" needs proof: no alcoholic ingredient AND either a label
// ("alkoholfrei", "virgin", …) or every ingredient recognised as alcohol-free.
import { fold, matchesAny, compilePatterns } from './text.ts';
import { CONCEPTS, type Flavour, type Spirit } from './vocabulary.ts';
import type { MenuDrink } from './types.ts';

export interface DrinkProfile {
  /** Flavour → weight (an optional ingredient counts half). */
  flavours: Map<Flavour, number>;
  spirits: Set<Spirit>;
  concepts: Set<string>;
  alcoholic: boolean;
  alcoholFree: boolean;
  /** The ingredient names, main ones first (optional ones last). */
  mainIngredients: string[];
}

const ALCOHOL_FREE_LABELS = compilePatterns([
  'alkoholfrei*',
  'alcohol free',
  'alcoholfree',
  'non alcoholic',
  'nonalcoholic',
  'virgin',
  'mocktail*',
  'ohne alkohol',
  'zero proof',
  'alkoholfreie*',
]);

const DESCRIPTION_FLAVOURS: Array<[Flavour, RegExp[]]> = [
  ['bitter', compilePatterns(['bitter*', 'herb', 'herbe*'])],
  ['sweet', compilePatterns(['suess*'])],
  ['strong', compilePatterns(['stark*', 'kraeftig*', 'strong'])],
  ['creamy', compilePatterns(['cremig*', 'creamy'])],
  ['sour', compilePatterns(['sauer*', 'zitronig*', 'sour'])],
  ['fruity', compilePatterns(['fruchtig*', 'fruity'])],
  ['spicy', compilePatterns(['wuerzig*', 'scharf*', 'spicy'])],
];

/** Centilitres in an amount such as "4 cl", "1,5 cl", "20 ml", "2 TL"; top-ups count as a long mixer. */
export function centilitres(amount: string | null | undefined): number {
  const text = fold(amount ?? '');
  if (/auffuellen|top|fill/.test(text)) return 10;
  const number = Number((/(\d+(?:[.,]\d+)?)/.exec(text)?.[1] ?? '').replace(',', '.'));
  const value = Number.isFinite(number) && number > 0 ? number : text.includes('½') ? 0.5 : 0;
  if (/\bml\b/.test(text)) return value / 10;
  if (/\bcl\b/.test(text)) return value;
  if (/\boz\b/.test(text)) return value * 3;
  if (/\b(tl|tsp|teaspoons?)\b/.test(text)) return value * 0.5;
  if (/\b(el|tbsp)\b/.test(text)) return value * 1.5;
  return 0;
}

export function profileOf(drink: MenuDrink): DrinkProfile {
  const flavours = new Map<Flavour, number>();
  const spirits = new Set<Spirit>();
  const concepts = new Set<string>();
  let alcoholic = false;
  let allKnown = true;
  let alcoholCl = 0;
  let totalCl = 0;
  const ingredients = drink.recipe?.ingredients ?? [];
  for (const ingredient of ingredients) {
    const name = fold(ingredient.name);
    const weight = ingredient.optional ? 0.5 : 1;
    const matched = CONCEPTS.filter((item) => matchesAny(name, item.patterns));
    if (matched.length === 0) allKnown = false;
    const cl = centilitres(ingredient.amount);
    totalCl += cl;
    let strength = 0;
    for (const item of matched) {
      concepts.add(item.key);
      if (item.spirit) spirits.add(item.spirit);
      if (item.alcoholic) strength = Math.max(strength, item.strength ?? 1);
      for (const flavour of item.flavours) flavours.set(flavour, Math.max(flavours.get(flavour) ?? 0, weight));
    }
    if (strength > 0) {
      alcoholic = true;
      alcoholCl += cl * strength;
    }
  }
  const description = fold(drink.description ?? '');
  for (const [flavour, patterns] of DESCRIPTION_FLAVOURS) {
    if (matchesAny(description, patterns)) flavours.set(flavour, Math.max(flavours.get(flavour) ?? 0, 0.5));
  }
  // Strong: mostly spirit and liqueur, little to lengthen it (a Negroni, an Old Fashioned, a shot).
  if (alcoholic && totalCl > 0 && alcoholCl / totalCl >= 0.5) flavours.set('strong', 1);
  if (!alcoholic) flavours.delete('strong');
  const labelled = matchesAny(fold([drink.name, drink.section ?? '', drink.description ?? ''].join(' ')), ALCOHOL_FREE_LABELS);
  return {
    flavours,
    spirits,
    concepts,
    alcoholic,
    alcoholFree: !alcoholic && ingredients.length > 0 && (labelled || allKnown),
    mainIngredients: [...ingredients].sort((a, b) => Number(a.optional ?? false) - Number(b.optional ?? false)).map((item) => item.name),
  };
}
