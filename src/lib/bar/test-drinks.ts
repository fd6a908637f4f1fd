// Drinks for unit tests, as the menu reads them: what a test does not name is a plain, active, in-stock drink of
// section `s1` without a photo. Only tests import this module.
import type { Drink } from './types';

export function testDrink(fields: Pick<Drink, 'id' | 'name'> & Partial<Drink>): Drink {
  return {
    section_id: 's1',
    description: '',
    ingredients: [],
    recipe: { ingredients: [], steps: [] },
    image_path: null,
    is_active: true,
    is_in_stock: true,
    ...fields,
  };
}

/** A drink whose recipe lists each ingredient at 4 cl (the taste model reads recipes). */
export function testCocktail(id: string, name: string, ingredients: string[], section_id = 's1'): Drink {
  return testDrink({ id, name, section_id, ingredients, recipe: { ingredients: ingredients.map((item) => ({ name: item, amount: '4 cl' })), steps: [] } });
}
