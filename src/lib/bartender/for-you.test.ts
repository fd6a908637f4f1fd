import { describe, expect, it } from 'vitest';
import { testCocktail } from '$lib/bar/test-drinks';
import type { Order, Section } from '$lib/bar/types';
import { forYou } from './for-you';

const sections: Section[] = [
  { id: 's1', name: 'Cocktails', display_order: 0 },
  { id: 's2', name: 'Alkoholfrei', display_order: 1 },
];
const drink = (id: string, name: string, section: string, ingredients: string[]) => testCocktail(id, name, ingredients, section);
const drinks = [
  drink('gt', 'Gin Tonic', 's1', ['Gin', 'Tonic Water']),
  drink('mm', 'Moscow Mule', 's1', ['Wodka', 'Ginger Beer', 'Limettensaft']),
  drink('vm', 'Virgin Mojito', 's2', ['Limettensaft', 'Minze', 'Sodawasser']),
];

describe('"For you" on the phone, from the shared taste model', () => {
  it('puts what the guest likes first, with a reason in their language', () => {
    const [top] = forYou({ drinks, sections, orders: [], taste: { likes: ['gin'], dislikes: [], alcohol_free: false }, locale: 'de' });
    expect(top.name).toBe('Gin Tonic');
    expect(top.reason).toMatch(/mit Gin/);
  });

  it('an alcohol-free guest sees only alcohol-free drinks', () => {
    const cards = forYou({ drinks, sections, orders: [], taste: { likes: ['gin'], dislikes: [], alcohol_free: true }, locale: 'en' });
    expect(cards.map((card) => card.name)).toEqual(['Virgin Mojito']);
  });

  it('a newcomer gets one drink of each section first', () => {
    const cards = forYou({ drinks, sections, orders: [], taste: { likes: [], dislikes: [], alcohol_free: false }, locale: 'en', count: 2 });
    expect(cards.map((card) => card.name)).toEqual(['Gin Tonic', 'Virgin Mojito']);
  });

  it('what they ordered tonight counts: a vodka drinker gets the vodka drink', () => {
    const orders = [{ drink_id: 'mm', status: 'served' }] as Order[];
    expect(forYou({ drinks, sections, orders, taste: { likes: [], dislikes: [], alcohol_free: false }, locale: 'en' })[0].name).toBe('Moscow Mule');
  });
});
