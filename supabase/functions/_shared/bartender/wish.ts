// What a guest asks for, read from their words in German or English: flavours and ingredients wanted or
// not ("nicht zu süß", "no gin"), alcohol-free, light or strong. Negation reaches a few words ahead.
import { compilePatterns, fold } from './text.ts';
import { CONCEPTS, FLAVOURS, type Flavour } from './vocabulary.ts';

export interface Wish {
  flavours: Set<Flavour>;
  avoidFlavours: Set<Flavour>;
  /** Concept keys (spirits and ingredients) wanted / refused. */
  concepts: Set<string>;
  avoidConcepts: Set<string>;
  alcoholFree: boolean;
  light: boolean;
}

const FLAVOUR_WORDS: Record<Flavour, string[]> = {
  sour: ['sauer*', 'saeuerlich*', 'sour*', 'tart', 'zitrusfrisch', 'zitrus*', 'citrus*', 'zitronig*'],
  sweet: ['suess*', 'sweet*', 'lieblich*'],
  bitter: ['bitter*', 'herb', 'herbe*', 'herben', 'dry', 'trocken*'],
  fruity: ['frucht*', 'fruechte*', '*fruchtig*', 'fruit*'],
  herbal: ['kraeuter*', 'herbal', 'herbs', 'floral', 'blumig*', 'minzig*'],
  spicy: ['scharf*', 'wuerzig*', 'spicy', 'spice*', 'feurig*', 'hot'],
  creamy: ['cremig*', 'creamy', 'sahnig*', 'samtig*', 'smooth', 'velvety'],
  coffee: ['kaffee*', 'coffee*', 'espresso*', 'koffein*', 'wach', 'wake me up'],
  bubbly: ['sprudel*', 'prickel*', 'spritzig*', 'bubbl*', 'fizz*', 'sparkling', 'perlend*', 'kohlensaeure'],
  strong: ['stark*', 'staerker*', 'strong*', 'kraeftig*', 'boozy', 'hochprozentig*', 'umhauen', 'knock me'],
};
const FLAVOUR_MATCHERS = FLAVOURS.map((flavour) => [flavour, compilePatterns(FLAVOUR_WORDS[flavour])] as const);

/** "Fresh" means sour, herbal and long; "light" means not strong. */
const FRESH = compilePatterns(['frisch*', 'fresh*', 'erfrisch*', 'refreshing', 'summery', 'sommerlich*']);
const LIGHT = compilePatterns(['leicht*', 'light', 'mild*', 'low alcohol', 'wenig alkohol', 'nicht so stark', 'not too strong', 'easy']);

const ALCOHOL_FREE = compilePatterns([
  'alkoholfrei*',
  'alcohol free',
  'alcoholfree',
  'non alcoholic',
  'nonalcoholic',
  'virgin',
  'mocktail*',
  'zero proof',
  'nuechtern',
  'ohne alkohol',
  'kein alkohol',
  'keinen alkohol',
  'no alcohol',
  'without alcohol',
  'no booze',
  'sober',
  "don't drink",
  'dont drink',
  'do not drink',
  'trinke nicht',
  'trinke keinen alkohol',
  'driving',
  'ich fahre',
  'muss noch fahren',
  'pregnant',
  'schwanger',
]);

const NEGATORS = new Set([
  'no',
  'not',
  'without',
  'nothing',
  'none',
  'never',
  'hate',
  'dislike',
  'less',
  'dont',
  'kein',
  'keine',
  'keinen',
  'keiner',
  'keinem',
  'nicht',
  'ohne',
  'nix',
  'nichts',
  'hasse',
  'weniger',
]);
const CLAUSE_BREAKS = /[,.;!?]|\b(?:aber|but|und|and|oder|or|sondern|dafuer|instead|lieber|rather)\b/;

/** Whether the match at `index` in `folded` is negated by one of the three words before it (same clause). */
function isNegated(folded: string, index: number): boolean {
  const clause =
    folded
      .slice(Math.max(0, index - 40), index)
      .split(CLAUSE_BREAKS)
      .at(-1) ?? '';
  const recent = (clause.match(/[\p{L}']+/gu) ?? []).slice(-3);
  return recent.some((word) => NEGATORS.has(word) || word.endsWith("n't"));
}

/** Every match of any pattern, with whether it is negated. */
function occurrences(folded: string, patterns: RegExp[]): Array<{ negated: boolean }> {
  const found: Array<{ negated: boolean }> = [];
  for (const pattern of patterns) {
    const global = new RegExp(pattern.source, 'gu');
    for (const match of folded.matchAll(global)) found.push({ negated: isNegated(folded, match.index ?? 0) });
  }
  return found;
}

export function emptyWish(): Wish {
  return { flavours: new Set(), avoidFlavours: new Set(), concepts: new Set(), avoidConcepts: new Set(), alcoholFree: false, light: false };
}

export function readWish(text: string): Wish {
  const folded = fold(text);
  const wish = emptyWish();
  // "no alcohol" is itself a negation: look for it first and take it out of the text.
  const alcoholFree = occurrences(folded, ALCOHOL_FREE);
  wish.alcoholFree = alcoholFree.length > 0;
  let rest = folded;
  for (const pattern of ALCOHOL_FREE) rest = rest.replace(new RegExp(pattern.source, 'gu'), ' ');

  for (const [flavour, patterns] of FLAVOUR_MATCHERS) {
    for (const { negated } of occurrences(rest, patterns)) (negated ? wish.avoidFlavours : wish.flavours).add(flavour);
  }
  for (const { negated } of occurrences(rest, FRESH)) {
    if (negated) continue;
    wish.flavours.add('sour');
    wish.flavours.add('herbal');
    wish.light = true;
  }
  for (const { negated } of occurrences(rest, LIGHT)) if (!negated) wish.light = true;
  for (const item of CONCEPTS) {
    if (item.key === 'neutral' || item.key === 'sugar') continue;
    for (const { negated } of occurrences(rest, item.patterns)) (negated ? wish.avoidConcepts : wish.concepts).add(item.key);
  }
  // The flavour a named ingredient stands for ("Kaffee", "Ingwer") is also wanted.
  for (const flavour of wish.avoidFlavours) wish.flavours.delete(flavour);
  for (const key of wish.avoidConcepts) wish.concepts.delete(key);
  if (wish.light) wish.avoidFlavours.add('strong');
  if (wish.alcoholFree) wish.flavours.delete('strong');
  return wish;
}

/** Whether the wish says anything at all (else the guest's taste and history decide). */
export function isEmptyWish(wish: Wish): boolean {
  return !wish.alcoholFree && !wish.light && wish.flavours.size + wish.avoidFlavours.size + wish.concepts.size + wish.avoidConcepts.size === 0;
}
