import { describe, expect, it } from 'vitest';
import { buildRecap, type RecapOrder } from './recap';

const order = (drink_name: string, username: string, status: RecapOrder['status'], hour: number): RecapOrder => ({
  drink_name,
  status,
  created_at: `2026-11-27T${String(hour).padStart(2, '0')}:15:00Z`,
  guests: { username },
});

describe('party recap', () => {
  it('counts served drinks per drink and guest, and finds the busiest hour', () => {
    const recap = buildRecap(
      [
        order('Mojito', 'Sam', 'served', 21),
        order('Mojito', 'Kim', 'served', 22),
        order('Hugo', 'Kim', 'served', 22),
        order('Hugo', 'Kim', 'cancelled', 22),
        order('Negroni', 'Sam', 'pending', 23),
      ],
      (iso) => new Date(iso).getUTCHours(),
    );
    expect(recap).toEqual({
      served: 3,
      cancelled: 1,
      open: 1,
      topDrinks: [
        { name: 'Mojito', count: 2 },
        { name: 'Hugo', count: 1 },
      ],
      guests: [
        { name: 'Kim', count: 2, drinks: ['Mojito', 'Hugo'] },
        { name: 'Sam', count: 1, drinks: ['Mojito'] },
      ],
      busiestHour: { hour: 22, count: 2 },
      favourites: [],
    });
  });

  it('ranks favourites by likes from served orders only, fewer "not for me" breaking ties', () => {
    const rated = (drink: string, rating: string | null, status: RecapOrder['status'] = 'served'): RecapOrder => ({
      ...order(drink, 'Sam', status, 21),
      order_ratings: rating ? { rating } : null,
    });
    const recap = buildRecap([
      rated('Hugo', 'liked'),
      rated('Mojito', 'liked'),
      rated('Mojito', 'not_for_me'),
      rated('Hugo', 'liked'),
      rated('Negroni', 'not_for_me'),
      rated('Spritz', null),
      rated('Sour', 'liked', 'cancelled'),
    ]);
    expect(recap.favourites).toEqual([
      { name: 'Hugo', likes: 2, dislikes: 0 },
      { name: 'Mojito', likes: 1, dislikes: 1 },
      { name: 'Negroni', likes: 0, dislikes: 1 },
    ]);
  });

  it('is empty before the first drink', () => {
    expect(buildRecap([]).busiestHour).toBeNull();
  });
});
