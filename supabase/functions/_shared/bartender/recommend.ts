// Scores the menu against what the guest asks (the wish), what they told us they like (their taste) and
// what they have ordered tonight. Hard rules first — alcohol-free means alcohol-free, a refused spirit is
// out — then points. Deterministic: ties go by name, so the same question gets the same answer.
import { profileOf, type DrinkProfile } from './profile.ts';
import type { MenuDrink, Taste } from './types.ts';
import { CONCEPTS, FLAVOURS, type Flavour } from './vocabulary.ts';
import { emptyWish, type Wish } from './wish.ts';

export interface Pick {
  drink: MenuDrink;
  profile: DrinkProfile;
  score: number;
  /** Flavours and concepts of the wish (or taste) this drink meets, for the reason text. */
  matchedFlavours: Flavour[];
  matchedConcepts: string[];
}

export interface RankInput {
  drinks: MenuDrink[];
  wish?: Wish;
  taste?: Taste;
  /** Ids of drinks the guest ordered tonight, newest first. */
  ordered?: string[];
  /** What the guest said after "served" (public.order_ratings), by drink id. */
  ratings?: DrinkRatings;
}

export interface DrinkRatings {
  liked: string[];
  notForMe: string[];
}

const isFlavour = (word: string): word is Flavour => (FLAVOURS as readonly string[]).includes(word);
const SPIRIT_KEYS = new Set(CONCEPTS.filter((item) => item.spirit).map((item) => item.key));

/** Profiles are pure functions of the row: computed once per drink object. */
const profiles = new WeakMap<MenuDrink, DrinkProfile>();
export function cachedProfile(drink: MenuDrink): DrinkProfile {
  let profile = profiles.get(drink);
  if (!profile) profiles.set(drink, (profile = profileOf(drink)));
  return profile;
}

export function rankDrinks(input: RankInput): Pick[] {
  const wish = input.wish ?? emptyWish();
  const taste = input.taste ?? { likes: [], dislikes: [], alcohol_free: false };
  const alcoholFree = wish.alcoholFree || taste.alcohol_free;
  const ordered = new Set(input.ordered ?? []);
  const history = input.drinks.filter((drink) => ordered.has(drink.id)).map(cachedProfile);
  const liked = new Set(input.ratings?.liked ?? []);
  const notForMe = new Set(input.ratings?.notForMe ?? []);
  const likedProfiles = input.drinks.filter((drink) => liked.has(drink.id)).map(cachedProfile);
  const dislikedProfiles = input.drinks.filter((drink) => notForMe.has(drink.id)).map(cachedProfile);

  let candidates = input.drinks.map((drink) => ({ drink, profile: cachedProfile(drink) }));
  if (alcoholFree) candidates = candidates.filter(({ profile }) => profile.alcoholFree);
  candidates = candidates.filter(({ profile }) => ![...wish.avoidConcepts].some((key) => profile.concepts.has(key)));
  // Asked for gin (or mint, or coffee): if the menu has it, only drinks with it.
  const wanted = [...wish.concepts].filter((key) => candidates.some(({ profile }) => profile.concepts.has(key)));
  if (wanted.length) {
    const withAll = candidates.filter(({ profile }) => wanted.every((key) => profile.concepts.has(key)));
    candidates = withAll.length ? withAll : candidates.filter(({ profile }) => wanted.some((key) => profile.concepts.has(key)));
  }

  const picks = candidates.map(({ drink, profile }): Pick => {
    let score = 0;
    const matchedFlavours: Flavour[] = [];
    const matchedConcepts: string[] = [];
    for (const flavour of wish.flavours) {
      const weight = profile.flavours.get(flavour) ?? 0;
      if (weight > 0) matchedFlavours.push(flavour);
      score += weight > 0 ? 3 * weight : -1;
    }
    for (const flavour of wish.avoidFlavours) score -= 4 * (profile.flavours.get(flavour) ?? 0);
    for (const key of wish.concepts) {
      if (profile.concepts.has(key)) {
        matchedConcepts.push(key);
        score += 4;
      }
    }
    for (const word of taste.likes) {
      const liked = isFlavour(word) ? (profile.flavours.get(word) ?? 0) : profile.concepts.has(word) ? 1 : 0;
      if (liked > 0 && wish.flavours.size + wish.concepts.size === 0) matchedFlavours.push(...(isFlavour(word) ? [word] : []));
      score += 1.5 * liked;
    }
    for (const word of taste.dislikes) {
      score -= 3 * (isFlavour(word) ? (profile.flavours.get(word) ?? 0) : profile.concepts.has(word) ? 1 : 0);
    }
    // What they ordered tonight says what they enjoy: same spirit, shared flavours.
    for (const previous of history) {
      for (const spirit of previous.spirits) if (profile.spirits.has(spirit)) score += 0.75;
      for (const [flavour] of previous.flavours) if (profile.flavours.has(flavour)) score += 0.25;
    }
    if (ordered.has(drink.id)) score -= 0.5;
    // A rating says more than an order: "liked it" pulls similar drinks up, "not for me" pushes them down
    // (the drink itself most).
    score += similarity(profile, likedProfiles) - similarity(profile, dislikedProfiles);
    if (liked.has(drink.id)) score += 1;
    if (notForMe.has(drink.id)) score -= 3;
    if (wish.light && profile.flavours.has('strong')) score -= 2;
    return { drink, profile, score, matchedFlavours: [...new Set(matchedFlavours)], matchedConcepts };
  });
  return picks.sort((a, b) => b.score - a.score || a.drink.name.localeCompare(b.drink.name));
}

/** How much a drink shares with rated ones: the same base spirit counts most, then shared flavours. */
function similarity(profile: DrinkProfile, rated: DrinkProfile[]): number {
  let total = 0;
  for (const other of rated) {
    for (const spirit of other.spirits) if (profile.spirits.has(spirit)) total += 1;
    for (const [flavour] of other.flavours) if (profile.flavours.has(flavour)) total += 0.5;
  }
  return total;
}

/** Whether a concept key names a base spirit (for the reply: "with gin"). */
export const isSpiritKey = (key: string) => SPIRIT_KEYS.has(key);

/** With nothing to go on, a little of everything: the best of each section and base spirit first. */
export function diversified(ranked: Pick[]): Pick[] {
  const seen = new Set<string>();
  const first: Pick[] = [];
  for (const pick of ranked) {
    const section = pick.drink.section ?? '';
    const kind = `${section}|${[...pick.profile.spirits].join()}`;
    if (seen.has(section) || seen.has(kind)) continue;
    seen.add(section);
    seen.add(kind);
    first.push(pick);
  }
  return [...first, ...ranked.filter((pick) => !first.includes(pick))];
}
