// Finding tonight's drinks by name in what someone wrote: whole words, longest name first ("Virgin Mojito"
// before "Mojito"), a trailing plural "s" allowed ("two Mojitos").
import { fold, words } from './text.ts';
import type { MenuDrink } from './types.ts';

/** The drinks named in `text`, in the order they appear; each at most once. */
export function drinksNamedIn<T extends Pick<MenuDrink, 'id' | 'name'>>(text: string, drinks: T[]): T[] {
  const tokens = words(fold(text));
  const named = drinks
    .map((drink) => ({ drink, tokens: words(fold(drink.name)) }))
    .filter((entry) => entry.tokens.length > 0)
    .sort((a, b) => b.tokens.length - a.tokens.length);
  const taken = new Array<boolean>(tokens.length).fill(false);
  const found: Array<{ drink: T; at: number }> = [];
  for (const entry of named) {
    for (let start = 0; start + entry.tokens.length <= tokens.length; start++) {
      const span = entry.tokens.every((token, offset) => {
        const word = tokens[start + offset];
        const last = offset === entry.tokens.length - 1;
        return !taken[start + offset] && (word === token || (last && word === `${token}s`));
      });
      if (!span) continue;
      for (let offset = 0; offset < entry.tokens.length; offset++) taken[start + offset] = true;
      if (!found.some((item) => item.drink.id === entry.drink.id)) found.push({ drink: entry.drink, at: start });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((item) => item.drink);
}
