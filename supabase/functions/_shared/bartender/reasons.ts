// Why a drink suits the guest, in a few words: the flavours they asked for first, then its own character,
// then what is in it ("tangy and bubbly, with Gin, Tonic Water and Gurke").
import { FLAVOUR_WORDS, list, PHRASES } from './phrases.ts';
import type { Pick } from './recommend.ts';
import type { Locale } from './types.ts';
import type { Flavour } from './vocabulary.ts';
import type { Wish } from './wish.ts';

export function reasonFor(pick: Pick, locale: Locale, wish: Wish): string {
  const own = [...pick.profile.flavours.entries()]
    .filter(([flavour]) => flavour !== 'strong' || wish.flavours.has('strong'))
    .sort((a, b) => b[1] - a[1])
    .map(([flavour]) => flavour);
  const flavours = [...new Set<Flavour>([...pick.matchedFlavours, ...own])].slice(0, 2).map((flavour) => FLAVOUR_WORDS[locale][flavour]);
  const words = PHRASES[locale];
  const character = [pick.profile.alcoholFree ? words.alcoholFree : null, flavours.length ? list(locale, flavours) : null].filter(Boolean).join(', ');
  const ingredients = pick.profile.mainIngredients.slice(0, 3);
  const made = ingredients.length ? `${words.with} ${list(locale, ingredients)}` : '';
  return [character, made].filter(Boolean).join(', ');
}
