import { describe, expect, it } from 'vitest';
import { drinkProblem, drinkRow, emptyDrinkForm, formFromDrink } from './drink-form';

describe('drink form', () => {
  it('drops blank rows and trims text', () => {
    const form = emptyDrinkForm('s1');
    form.name = '  Hugo ';
    form.ingredients = [
      { name: ' Prosecco ', amount: '10 cl', optional: false },
      { name: '  ', amount: '2 cl', optional: false },
      { name: 'Minze', amount: '', optional: true },
    ];
    form.steps = ['Eis ins Glas', ' ', 'Auffüllen'];
    form.prep_time_minutes = 0;
    expect(drinkRow(form)).toEqual({
      section_id: 's1',
      name: 'Hugo',
      description: '',
      is_active: true,
      recipe: {
        ingredients: [
          { name: 'Prosecco', amount: '10 cl', optional: false },
          { name: 'Minze', amount: null, optional: true },
        ],
        steps: ['Eis ins Glas', 'Auffüllen'],
        garnish: null,
        glassware: null,
        prep_time_minutes: null,
      },
    });
  });

  it('round-trips a drink', () => {
    const recipe = {
      ingredients: [{ name: 'Gin', amount: '4 cl', optional: false }],
      steps: ['Mix'],
      garnish: 'Gurke',
      glassware: 'Copa',
      prep_time_minutes: 2,
    };
    const drink = {
      id: 'd',
      section_id: 's',
      name: 'Gin Tonic',
      description: 'x',
      ingredients: ['Gin'],
      recipe,
      image_path: null,
      is_active: false,
      is_in_stock: true,
    };
    expect(drinkRow(formFromDrink(drink))).toEqual({ section_id: 's', name: 'Gin Tonic', description: 'x', is_active: false, recipe });
  });

  // B20: a drink with no ingredients could be saved, and guests saw an empty "Recipe" heading.
  it('needs a name and at least one ingredient', () => {
    const form = emptyDrinkForm('s1');
    expect(drinkProblem(form)).toBe('drinks.needName');
    form.name = 'Hugo';
    expect(drinkProblem(form)).toBe('drinks.needIngredient');
    form.ingredients = [{ name: 'Prosecco', amount: '', optional: false }];
    expect(drinkProblem(form)).toBeNull();
  });
});
