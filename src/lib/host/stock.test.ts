import { describe, expect, it } from 'vitest';
import { searchIngredients, type BarIngredient } from './stock';

const all: BarIngredient[] = [
  { key: 'lime', name: 'Lime', drink_count: 3, is_out: false },
  { key: 'mint', name: 'Mint', drink_count: 2, is_out: true },
  { key: 'rum', name: 'Rum', drink_count: 4, is_out: false },
  { key: 'limoncello', name: 'Limoncello', drink_count: 1, is_out: false },
];

describe('searchIngredients', () => {
  it('shows what is out when nothing is typed', () => {
    expect(searchIngredients(all, '').map((each) => each.key)).toEqual(['mint']);
  });
  it('matches any spelling, ignoring case and spaces', () => {
    expect(searchIngredients(all, '  LIM ').map((each) => each.key)).toEqual(['lime', 'limoncello']);
  });
  it('keeps an out ingredient that matches first', () => {
    expect(searchIngredients(all, 'mi').map((each) => each.key)).toEqual(['mint']);
  });
});
