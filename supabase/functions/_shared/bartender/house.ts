// The house bartender: answers from the taste model alone, in milliseconds and with no network — the
// default, and the fallback whenever a language model fails. Intents: where is my drink, tell me about X,
// order X, and (the default) recommend; "I like …" is remembered as the guest's taste.
import { drinksNamedIn } from './names.ts';
import { FLAVOUR_WORDS as FLAVOUR_TEXT, list, say, STATUS_WORDS } from './phrases.ts';
import { cachedProfile, diversified, rankDrinks, type DrinkRatings, type Pick } from './recommend.ts';
import { reasonFor } from './reasons.ts';
import { compilePatterns, fold, matchesAny } from './text.ts';
import { isTasteWord, SPIRITS } from './vocabulary.ts';
import { isEmptyWish, readWish, type Wish } from './wish.ts';
import type { ChatMessage, DrinkCard, Locale, MenuDrink, OpenOrder, OrderProposal, Taste } from './types.ts';

export interface HouseInput {
  messages: ChatMessage[];
  locale: Locale;
  drinks: MenuDrink[];
  taste?: Taste;
  /** Ids of drinks ordered tonight, newest first. */
  ordered?: string[];
  /** The guest's "liked it" / "not for me" after served drinks, by drink id. */
  ratings?: DrinkRatings;
  openOrders?: OpenOrder[];
}

export interface HouseAnswer {
  reply: string;
  drinks: DrinkCard[];
  order_proposal: OrderProposal | null;
  /** The guest's taste after what they just said, when they said something worth remembering. */
  remember: Taste | null;
}

const WHERE = compilePatterns([
  'wo bleibt',
  'wo ist mein*',
  'where is my',
  "where's my",
  'wheres my',
  'how long',
  'wie lange',
  'dauert*',
  'ready yet',
  'schon fertig',
  'is it ready',
  'ist er fertig',
  'ist es fertig',
  'my order',
  'my orders',
  'meine bestellung*',
  'meiner bestellung',
  'order status',
  'status',
]);
const ABOUT = compilePatterns([
  'tell me about',
  'what is',
  "what's",
  'whats',
  'what is in',
  'how is',
  'how do you make',
  'recipe',
  'rezept*',
  'was ist',
  'erzaehl*',
  'wie macht man',
  'wie mixt man',
  'wie schmeckt',
  'how does',
  'zutaten',
  'ingredients',
  'was ist drin',
  'describe',
  'beschreib*',
  'what about',
  'was ist mit',
]);
const ORDER = compilePatterns([
  'order*',
  'bestell*',
  "i'll have",
  'ill have',
  "i'll take",
  'ill take',
  'i will take',
  'i will have',
  "i'd like",
  'i want',
  'i would like',
  'give me',
  'get me',
  'make me',
  'ich nehme',
  'ich nehm',
  'nehme ich',
  'nehm ich',
  'ich haette gern*',
  'ich moechte',
  'ich will',
  'gib mir',
  'mach mir',
  'take it',
]);
const AGREE = compilePatterns([
  'yes',
  'yes please',
  'ja',
  'ja bitte',
  'gerne',
  'gern',
  'klingt gut',
  'sounds good',
  'perfect',
  'perfekt',
  'okay',
  'ok',
  'super',
  "let's do it",
  'mach',
  'do it',
]);
const SECOND = compilePatterns(['second', 'zweit*', 'number 2', 'nummer 2', 'nr 2', 'the other', 'den anderen', 'das andere']);
const THIRD = compilePatterns(['third', 'dritt*', 'number 3', 'nummer 3', 'nr 3']);
const SOMETHING_ELSE = compilePatterns(['else', 'other', 'another', 'different', 'anders', 'andere*', 'noch was', 'noch einen', 'sonst']);
const REMEMBER = compilePatterns([
  'i like',
  'i love',
  'i really like',
  'i prefer',
  "i don't like",
  'i dont like',
  'i hate',
  'i do not like',
  "i don't drink",
  'i dont drink',
  'ich mag',
  'ich liebe',
  'ich hasse',
  'am liebsten',
  'mag ich',
  'trinke gern*',
  'ich trinke kein*',
  'ich trinke nicht',
  'bin kein*',
]);
const NOTES: Array<[RegExp[], Record<Locale, string>]> = [
  [compilePatterns(['ohne eis', 'no ice', 'without ice']), { de: 'ohne Eis', en: 'no ice' }],
  [compilePatterns(['wenig eis', 'less ice', 'little ice']), { de: 'wenig Eis', en: 'little ice' }],
  [compilePatterns(['ohne zucker', 'no sugar', 'without sugar']), { de: 'ohne Zucker', en: 'no sugar' }],
  [compilePatterns(['extra stark', 'extra strong', 'double']), { de: 'extra stark', en: 'extra strong' }],
];
const SPIRIT_NAMES: Record<Locale, Record<string, string>> = {
  en: { gin: 'gin', rum: 'rum', vodka: 'vodka', tequila: 'tequila', whiskey: 'whiskey', cachaca: 'cachaça', brandy: 'brandy' },
  de: { gin: 'Gin', rum: 'Rum', vodka: 'Wodka', tequila: 'Tequila', whiskey: 'Whiskey', cachaca: 'Cachaça', brandy: 'Brandy' },
};

const card = (pick: Pick, locale: Locale, wish: Wish): DrinkCard => ({ id: pick.drink.id, name: pick.drink.name, reason: reasonFor(pick, locale, wish) });

export function houseBartender(input: HouseInput): HouseAnswer {
  const { locale, drinks } = input;
  const userTurns = input.messages.filter((message) => message.role === 'user');
  const text = userTurns.at(-1)?.content ?? '';
  const folded = fold(text);
  const lastAssistant = input.messages.filter((message) => message.role === 'assistant').at(-1)?.content ?? '';
  const suggested = drinksNamedIn(lastAssistant, drinks);
  const named = drinksNamedIn(text, drinks);
  const answer = (reply: string, cards: DrinkCard[] = [], proposal: OrderProposal | null = null, remember: Taste | null = null): HouseAnswer => ({
    reply,
    drinks: cards,
    order_proposal: proposal,
    remember,
  });

  if (drinks.length === 0) return answer(say(locale, 'emptyMenu'));

  if (matchesAny(folded, WHERE) && named.length === 0) return answer(whereIsMyDrink(locale, input.openOrders ?? []));

  const wantsOrder = matchesAny(folded, ORDER) || (named.length === 0 && suggested.length > 0 && matchesAny(folded, AGREE));
  const referenced = matchesAny(folded, THIRD) ? suggested[2] : matchesAny(folded, SECOND) ? suggested[1] : suggested[0];
  const toOrder = named[0] ?? (wantsOrder ? referenced : undefined);
  if (wantsOrder && toOrder) {
    const pick = { drink: toOrder, profile: cachedProfile(toOrder), score: 0, matchedFlavours: [], matchedConcepts: [] };
    const note = NOTES.find(([patterns]) => matchesAny(folded, patterns))?.[1][locale] ?? null;
    return answer(say(locale, 'orderProposal', { drink: toOrder.name }), [card(pick, locale, readWish(''))], {
      drink_id: toOrder.id,
      drink_name: toOrder.name,
      note,
    });
  }

  if (named.length > 0 && (matchesAny(folded, ABOUT) || isEmptyWish(readWish(text)))) return aboutDrink(locale, named[0]);

  // Recommend. A follow-up without a wish of its own ("something else?") keeps the last wish.
  const wishes = userTurns.slice(-3).map((message) => readWish(message.content));
  const wish = [...wishes].reverse().find((candidate) => !isEmptyWish(candidate)) ?? wishes.at(-1)!;
  const remember = matchesAny(folded, REMEMBER) ? rememberedTaste(input.taste, readWish(text)) : null;
  const taste = remember ?? input.taste;
  const exclude = new Set(
    matchesAny(folded, SOMETHING_ELSE)
      ? input.messages.filter((m) => m.role === 'assistant').flatMap((m) => drinksNamedIn(m.content, drinks).map((d) => d.id))
      : [],
  );
  const ranked = rankDrinks({ drinks, wish, taste, ordered: input.ordered, ratings: input.ratings }).filter((pick) => !exclude.has(pick.drink.id));
  const prefix = remember ? `${say(locale, 'remembered')} ` : '';

  if (ranked.length === 0) {
    const why = wish.alcoholFree || taste?.alcohol_free ? say(locale, 'nothingAlcoholFree') : say(locale, 'nothingFits');
    return answer(prefix + why, [], null, remember);
  }
  const missing = [...wish.concepts].some((key) => !drinks.some((drink) => cachedProfile(drink).concepts.has(key)));
  const [top, ...rest] = isEmptyWish(wish) ? diversified(ranked) : ranked;
  const others = rest.filter((pick) => pick.score >= top.score - 4).slice(0, 2);
  const parts = [prefix + (missing ? say(locale, 'nothingFits') : opener(locale, wish, taste))];
  parts.push(say(locale, 'pick', { drink: top.drink.name, reason: reasonFor(top, locale, wish) }));
  if (others.length)
    parts.push(
      say(locale, 'alsoGood', {
        drinks: list(
          locale,
          others.map((pick) => pick.drink.name),
        ),
      }),
    );
  return answer(
    parts.join(' '),
    [top, ...others].map((pick) => card(pick, locale, wish)),
    null,
    remember,
  );
}

function opener(locale: Locale, wish: Wish, taste: Taste | undefined): string {
  if (wish.alcoholFree) return say(locale, 'openerAlcoholFree');
  const spirit = [...wish.concepts].find((key) => (SPIRITS as readonly string[]).includes(key));
  if (spirit) return say(locale, 'openerSpirit', { what: SPIRIT_NAMES[locale][spirit] });
  if (wish.flavours.size)
    return say(locale, 'openerFlavour', {
      what: list(
        locale,
        [...wish.flavours].slice(0, 2).map((flavour) => FLAVOUR_TEXT[locale][flavour]),
      ),
    });
  if (taste && (taste.likes.length || taste.alcohol_free)) return say(locale, 'openerTaste');
  return say(locale, 'openerDefault');
}

function aboutDrink(locale: Locale, drink: MenuDrink): HouseAnswer {
  const profile = cachedProfile(drink);
  const ingredients = drink.recipe.ingredients.map((item) => (item.amount ? `${item.name} (${item.amount})` : item.name));
  const parts = [say(locale, 'about', { drink: drink.name, description: drink.description || '' }).trim()];
  if (ingredients.length) parts.push(say(locale, 'aboutMadeWith', { ingredients: list(locale, ingredients) }));
  if (drink.recipe.glassware) parts.push(say(locale, 'aboutGlass', { glass: drink.recipe.glassware }));
  if (profile.alcoholFree) parts.push(say(locale, 'aboutAlcoholFree'));
  const pick = { drink, profile, score: 0, matchedFlavours: [], matchedConcepts: [] };
  return { reply: parts.join(' '), drinks: [card(pick, locale, readWish(''))], order_proposal: null, remember: null };
}

function whereIsMyDrink(locale: Locale, orders: OpenOrder[]): string {
  const open = orders.filter((order) => order.status in STATUS_WORDS[locale]);
  if (open.length === 0) return say(locale, 'noOpenOrders');
  return open
    .map((order) => `${say(locale, 'orderStatus', { drink: order.drink_name, status: STATUS_WORDS[locale][order.status] })}`)
    .map((line) => (/[.!?]$/.test(line) ? line : `${line}.`))
    .join(' ');
}

/** The taste after "I like gin" / "ich mag nichts Süßes" / "I don't drink alcohol". */
function rememberedTaste(current: Taste | undefined, wish: Wish): Taste | null {
  const likes = [...wish.flavours, ...wish.concepts].filter(isTasteWord);
  const dislikes = [...wish.avoidFlavours, ...wish.avoidConcepts].filter((word) => isTasteWord(word) && !(wish.light && word === 'strong'));
  if (likes.length + dislikes.length === 0 && !wish.alcoholFree) return null;
  const base = current ?? { likes: [], dislikes: [], alcohol_free: false };
  const merge = (old: string[], add: string[], remove: string[]) => [...new Set([...old.filter((word) => !remove.includes(word)), ...add])].slice(-24);
  return {
    likes: merge(base.likes, likes, dislikes),
    dislikes: merge(base.dislikes, dislikes, likes),
    alcohol_free: base.alcohol_free || wish.alcoholFree,
  };
}
