import { describe, expect, it } from 'vitest';
import { sameRows } from './same-rows';

describe('sameRows', () => {
  const drinks = [{ id: 'a', name: 'Mojito', recipe: { ingredients: [{ key: 'rum', amount: 4 }] }, is_available: true }];

  it('is true for an equal re-read', () => {
    expect(sameRows(drinks, structuredClone(drinks))).toBe(true);
    expect(sameRows(null, null)).toBe(true);
  });

  it('sees any change, also deep inside a row, and a row more or less', () => {
    const changed = structuredClone(drinks);
    changed[0].recipe.ingredients[0].amount = 5;
    expect(sameRows(drinks, changed)).toBe(false);
    expect(sameRows(drinks, [...drinks, { ...drinks[0], id: 'b' }])).toBe(false);
    expect(sameRows(drinks, [])).toBe(false);
    expect(sameRows(null, { is_open: true })).toBe(false);
  });
});
