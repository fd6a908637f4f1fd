import { describe, expect, it } from 'vitest';
import { testDrink } from './test-drinks';
import { groupMenu, ingredientChoices, ingredientKey, matchesFilter } from './menu';
import type { Section } from './types';

const drink = (name: string, section_id: string, ingredients: string[], description = '') =>
  testDrink({ id: name, name, section_id, ingredients, description });
const sections: Section[] = [
  { id: 'b', name: 'Alkoholfrei', display_order: 1 },
  { id: 'a', name: 'Cocktails', display_order: 0 },
];
const drinks = [
  drink('Mojito', 'a', ['Minze', 'Sodawasser', 'Weißer Rum']),
  drink('Caipirinha', 'a', ['Cachaça', 'Limette']),
  drink('Virgin Mojito', 'b', ['Minze', 'Sodawasser'], 'ohne Rum'),
];

describe('menu filter', () => {
  it('searches name, description and ingredients, ignoring case and accents', () => {
    expect(drinks.filter((d) => matchesFilter(d, { query: 'cachaca', ingredients: [] })).map((d) => d.name)).toEqual(['Caipirinha']);
    expect(drinks.filter((d) => matchesFilter(d, { query: 'RUM', ingredients: [] })).map((d) => d.name)).toEqual(['Mojito', 'Virgin Mojito']);
  });

  it('needs every selected ingredient', () => {
    const keys = ['Minze', 'Weißer Rum'].map(ingredientKey);
    expect(drinks.filter((d) => matchesFilter(d, { query: '', ingredients: keys })).map((d) => d.name)).toEqual(['Mojito']);
  });

  // B18: picking Limette + Minze found only Hugo, not the Mojito made with Limettensaft.
  it('folds near duplicates: Limette + Minze finds the Mojito made with Limettensaft', () => {
    const menu = [
      drink('Mojito', 'a', ['Limettensaft', 'Minze', 'Rum']),
      drink('Hugo', 'a', ['Limette', 'Minzzweig', 'Prosecco']),
      drink('Lemon Drop', 'a', ['Zitronenwodka', 'Zitronensaft']),
      drink('Whisky Sour', 'a', ['Zitrone']),
    ];
    const choices = ingredientChoices(menu);
    expect(choices.map((choice) => choice.label)).toEqual(['Limette', 'Minze', 'Prosecco', 'Rum', 'Zitrone', 'Zitronenwodka']);
    const limeAndMint = ['Limette', 'Minze'].map(ingredientKey);
    expect(menu.filter((d) => matchesFilter(d, { query: '', ingredients: limeAndMint })).map((d) => d.name)).toEqual(['Mojito', 'Hugo']);
    expect(ingredientKey('Gin')).toBe('gin');
  });

  it('groups by section in display order and drops empty sections', () => {
    expect(groupMenu(sections, drinks, { query: '', ingredients: [] }).map((g) => [g.section.name, g.drinks.map((d) => d.name)])).toEqual([
      ['Cocktails', ['Caipirinha', 'Mojito']],
      ['Alkoholfrei', ['Virgin Mojito']],
    ]);
    expect(groupMenu(sections, drinks, { query: 'virgin', ingredients: [] }).map((g) => g.section.name)).toEqual(['Alkoholfrei']);
  });

  it('lists each ingredient once, sorted', () => {
    expect(ingredientChoices(drinks).map((choice) => choice.label)).toEqual(['Cachaça', 'Limette', 'Minze', 'Sodawasser', 'Weißer Rum']);
  });
});
