// The drink editor's form model and its conversion to the row the database accepts (recipe shape as in
// the drinks migration); pure, so the rules are tested without a browser.
import type { Drink, Recipe } from '$lib/bar/types';
import type { MessageKey } from '$lib/i18n/en';

export interface DrinkForm {
  id: string | null;
  section_id: string;
  name: string;
  description: string;
  ingredients: { name: string; amount: string; optional: boolean }[];
  steps: string[];
  garnish: string;
  glassware: string;
  prep_time_minutes: number | null;
  is_active: boolean;
}

export function emptyDrinkForm(sectionId: string): DrinkForm {
  return {
    id: null,
    section_id: sectionId,
    name: '',
    description: '',
    ingredients: [{ name: '', amount: '', optional: false }],
    steps: [''],
    garnish: '',
    glassware: '',
    prep_time_minutes: null,
    is_active: true,
  };
}

export function formFromDrink(drink: Drink): DrinkForm {
  return {
    id: drink.id,
    section_id: drink.section_id,
    name: drink.name,
    description: drink.description,
    ingredients: drink.recipe.ingredients.map((item) => ({ name: item.name, amount: item.amount ?? '', optional: item.optional ?? false })),
    steps: [...drink.recipe.steps],
    garnish: drink.recipe.garnish ?? '',
    glassware: drink.recipe.glassware ?? '',
    prep_time_minutes: drink.recipe.prep_time_minutes ?? null,
    is_active: drink.is_active,
  };
}

/** Blank rows are dropped and text trimmed; ingredients (the filter list) follow from the recipe in the database. */
export function drinkRow(form: DrinkForm): { section_id: string; name: string; description: string; recipe: Recipe; is_active: boolean } {
  const text = (value: string) => value.trim() || null;
  return {
    section_id: form.section_id,
    name: form.name.trim(),
    description: form.description.trim(),
    is_active: form.is_active,
    recipe: {
      ingredients: form.ingredients
        .filter((item) => item.name.trim())
        .map((item) => ({ name: item.name.trim(), amount: text(item.amount), optional: item.optional })),
      steps: form.steps.map((step) => step.trim()).filter(Boolean),
      garnish: text(form.garnish),
      glassware: text(form.glassware),
      prep_time_minutes: form.prep_time_minutes && form.prep_time_minutes > 0 ? form.prep_time_minutes : null,
    },
  };
}

/** What keeps the form from being saved (B20): a drink needs a name and at least one ingredient. */
export function drinkProblem(form: DrinkForm): MessageKey | null {
  if (!form.name.trim()) return 'drinks.needName';
  if (!form.ingredients.some((item) => item.name.trim())) return 'drinks.needIngredient';
  return null;
}
