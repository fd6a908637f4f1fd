// The taste model applied to the bar as the caller sees it: search, ranking with the guest's taste and
// orders, reasons. A thin layer so the tools and the house bartender share one way of ranking.
import { rankDrinks, cachedProfile, type Pick } from '../_shared/bartender/recommend.ts';
import { fold } from '../_shared/bartender/text.ts';
import { isEmptyWish, readWish, type Wish } from '../_shared/bartender/wish.ts';
import type { MenuDrink } from '../_shared/bartender/types.ts';
import type { BarData } from './bar-data.ts';

export { reasonFor } from '../_shared/bartender/reasons.ts';
export const cachedProfileFor = cachedProfile;

export function rankFor(bar: BarData, wish: Wish, drinks = bar.drinks): Pick[] {
  return rankDrinks({ drinks, wish, taste: bar.taste ?? undefined, ordered: bar.ordered, ratings: bar.ratings });
}

/** Drinks whose name, description or ingredients contain the words; else the best for the query as a wish. */
export function searchMenu(drinks: MenuDrink[], query: string, alcoholFree: boolean): MenuDrink[] {
  const pool = alcoholFree ? drinks.filter((drink) => cachedProfile(drink).alcoholFree) : drinks;
  const folded = fold(query.trim());
  if (!folded) return pool;
  const text = (drink: MenuDrink) => fold([drink.name, drink.description, drink.section ?? '', ...drink.recipe.ingredients.map((item) => item.name)].join(' '));
  const literal = pool.filter((drink) => text(drink).includes(folded));
  if (literal.length) return literal;
  const wish = readWish(query);
  if (alcoholFree) wish.alcoholFree = true;
  return isEmptyWish(wish) ? [] : rankDrinks({ drinks: pool, wish }).map((pick) => pick.drink);
}
