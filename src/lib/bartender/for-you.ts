// The "For you" row: the menu ranked by the guest's taste and tonight's orders, computed on the phone.
import type { Drink, Order, Section } from '$lib/bar/types';
import { diversified, emptyWish, menuDrinks, rankDrinks, reasonFor, type DrinkCard, type Taste } from './taste-model';

export interface ForYouInput {
  drinks: Drink[];
  sections: Section[];
  orders: Order[];
  taste: Taste;
  locale: 'de' | 'en';
  count?: number;
}

export function forYou(input: ForYouInput): DrinkCard[] {
  const wish = emptyWish();
  const ordered = input.orders.filter((order) => order.status !== 'cancelled').map((order) => order.drink_id);
  const ranked = rankDrinks({ drinks: menuDrinks(input.drinks, input.sections), wish, taste: input.taste, ordered });
  // A newcomer with no taste and no orders yet gets one of each kind rather than the alphabet's first.
  const knowsNothing = ordered.length === 0 && input.taste.likes.length + input.taste.dislikes.length === 0 && !input.taste.alcohol_free;
  return (knowsNothing ? diversified(ranked) : ranked)
    .slice(0, input.count ?? 3)
    .map((pick) => ({ id: pick.drink.id, name: pick.drink.name, reason: reasonFor(pick, input.locale, wish) }));
}
