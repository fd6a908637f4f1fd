// The image prompt for a drink's photo (the original's "Part 1"), built from the recipe: what an image
// model needs to paint this drink — glass, colour cues from the ingredients, garnish, setting. In English,
// which image models follow best, whatever the menu's language.
import type { MenuDrink } from './types.ts';

const LIMIT = 900;

export function imagePrompt(drink: Pick<MenuDrink, 'name' | 'description' | 'recipe'>): string {
  const ingredients = drink.recipe.ingredients
    .filter((item) => !item.optional)
    .map((item) => item.name.trim())
    .filter(Boolean);
  const parts = [
    `Professional cocktail photography of a "${drink.name.trim()}"`,
    drink.recipe.glassware ? `served in a ${drink.recipe.glassware.trim()} glass` : 'in a fitting glass',
    ingredients.length ? `made with ${ingredients.join(', ')}` : '',
    drink.recipe.garnish ? `garnished with ${drink.recipe.garnish.trim()}` : '',
  ].filter(Boolean);
  const description = drink.description.trim() ? ` Mood: ${drink.description.trim()}` : '';
  const style =
    ' On a dark wooden bar counter, soft warm evening light, shallow depth of field, condensation on the glass, fresh ingredients in the background, photorealistic, square format, no text, no logos, no people.';
  return `${parts.join(', ')}.${description}${style}`.slice(0, LIMIT);
}
