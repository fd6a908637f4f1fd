// The taste model's vocabulary: ten flavours, the base spirits, and the ingredients it knows in German and
// English, each with the flavours it brings. Patterns use the notation of text.ts on folded text.
import type { Flavour, Spirit } from './taste-words.ts';
import { compilePatterns } from './text.ts';

export { CONCEPT_KEYS, FLAVOURS, isTasteWord, SPIRITS, TASTE_WORDS, type Flavour, type Spirit } from './taste-words.ts';

export interface Concept {
  key: string;
  patterns: RegExp[];
  flavours: Flavour[];
  /** Contains alcohol: one such ingredient makes a drink alcoholic, whatever else is in it. */
  alcoholic?: boolean;
  /** How much it counts towards "strong": spirits 1, aperitifs ½, wine and beer ⅓. */
  strength?: number;
  spirit?: Spirit;
}

// Patterns are compiled on first use, not when the module loads: a phone that only needs the word lists (the
// guest's saved taste) never pays for a few hundred Unicode-aware regular expressions.
const concept = (key: string, patterns: string[], flavours: Flavour[] = [], extra: Partial<Concept> = {}): Concept => {
  let compiled: RegExp[] | undefined;
  return {
    key,
    get patterns() {
      return (compiled ??= compilePatterns(patterns));
    },
    flavours,
    ...extra,
  };
};
const spirit = (key: Spirit, patterns: string[], flavours: Flavour[] = []) => concept(key, patterns, flavours, { alcoholic: true, spirit: key, strength: 1 });
const alcohol = (key: string, patterns: string[], flavours: Flavour[] = [], strength = 1) => concept(key, patterns, flavours, { alcoholic: true, strength });

export const CONCEPTS: Concept[] = [
  // Base spirits. "gin" is a whole word: "Ginger Ale" and "Ginger Beer" are no gin.
  spirit('gin', ['gin', 'gins', 'sloe gin', '*gin-']),
  spirit('rum', ['rum', '*rum', 'rhum', 'ron']),
  spirit('vodka', ['*wodka*', '*vodka*']),
  spirit('tequila', ['*tequila*', 'mezcal*', 'mescal*']),
  spirit('whiskey', ['whisk*', '*whisky', '*whiskey', 'bourbon*', 'scotch', 'rye']),
  spirit('cachaca', ['cachaca*', 'pitu']),
  spirit('brandy', ['brandy', 'cognac*', 'weinbrand*', 'pisco', 'calvados', 'armagnac']),
  // Other alcohol: liqueurs, bitters, wine, bubbles, beer.
  alcohol(
    'liqueur',
    [
      '*likoer*',
      '*liqueur*',
      '*likor*',
      'triple sec',
      'cointreau',
      'grand marnier',
      'amaretto',
      'baileys',
      'irish cream',
      'kahlua',
      'limoncello',
      'curacao',
      'chambord',
      'frangelico',
      'maraschinolikoer',
      'sambuca',
      'ouzo',
      'jaegermeister',
      'absinth*',
      'chartreuse',
      'pastis',
      'schnaps*',
      '*schnaps',
      'kirschwasser',
      '*geist',
      'korn',
      'obstler',
    ],
    ['sweet'],
  ),
  alcohol(
    'aperitif',
    ['campari', 'aperol', 'cynar', 'fernet*', 'wermut*', '*wermut', 'vermouth*', 'lillet*', 'martini bianco', 'martini rosso', 'sherry', 'portwein', 'port'],
    ['bitter', 'herbal'],
    0.5,
  ),
  alcohol('bitters', ['angostura', '*bitters', 'peychaud*'], ['bitter', 'herbal']),
  alcohol('sparkling_wine', ['prosecco', 'sekt', 'champagn*', 'cava', 'cremant', 'spumante', 'frizzante'], ['bubbly'], 0.3),
  alcohol('wine', ['wein', '*wein', 'wine', '*wine', 'riesling'], [], 0.3),
  alcohol(
    'beer',
    ['bier', '*bier', '/(?<!ginger[\\s-]|root[\\s-]|ingwer)(?<![\\p{L}\\p{N}])beer(?![\\p{L}\\p{N}])/', 'cider', 'cidre', 'radler'],
    ['bubbly'],
    0.3,
  ),
  // Fruit, sour and sweet.
  concept('lime', ['limett*', 'lime', 'limes', 'lime juice', 'limejuice'], ['sour']),
  concept('lemon', ['zitron*', '*zitrone', '*zitronen*', 'lemon*', 'yuzu'], ['sour']),
  concept('orange', ['orange*', '*orangen*', 'blutorange*', 'mandarin*', 'clementine*'], ['fruity']),
  concept('grapefruit', ['grapefruit*', '*grapefruit*', 'pampelmuse*'], ['fruity', 'bitter']),
  concept('pineapple', ['ananas*', 'pineapple*'], ['fruity', 'sweet']),
  concept('coconut', ['kokos*', 'coconut*'], ['creamy', 'sweet']),
  concept('cranberry', ['cranberry*', 'cranberries', 'preiselbeer*'], ['fruity', 'sour']),
  concept('passion_fruit', ['maracuja*', 'passion fruit*', 'passionfruit*', 'passionsfrucht*'], ['fruity']),
  concept('berries', ['*beere', '*beeren', 'beeren*', '*berry', '*berries', 'himbeer*', 'erdbeer*', 'brombeer*', 'heidelbeer*', 'johannisbeer*'], ['fruity']),
  concept('cherry', ['kirsch*', 'cherry', 'cherries', 'maraschino*'], ['fruity', 'sweet']),
  concept('peach', ['pfirsich*', 'peach*', 'aprikose*', 'apricot*', 'marille*'], ['fruity', 'sweet']),
  concept('apple', ['apfel*', '*apfel*', 'apple*'], ['fruity']),
  concept('mango', ['mango*', 'banane*', 'banana*', 'melone*', 'melon*', 'wassermelone*', 'watermelon*'], ['fruity', 'sweet']),
  concept('grenadine', ['grenadine*'], ['sweet', 'fruity']),
  concept('sugar', ['*zucker*', 'sugar*', '*sirup*', '*syrup*', 'honig*', 'honey*', 'agave*', 'gomme'], ['sweet']),
  // Herbs and spice.
  concept('mint', ['minz*', '*minze', 'mint', 'mints', 'peppermint', 'spearmint'], ['herbal']),
  concept('elderflower', ['holunder*', 'elderflower*', 'elder flower*', 'st germain'], ['herbal', 'sweet']),
  concept('herbs', ['basilikum*', 'basil', 'rosmarin*', 'rosemary', 'thymian*', 'thyme', 'salbei*', 'sage', 'lavendel*', 'lavender'], ['herbal']),
  concept('cucumber', ['gurke*', '*gurke', 'cucumber*'], ['herbal']),
  concept('ginger', ['ingwer*', '*ingwer*', 'ginger*'], ['spicy']),
  concept('chili', ['chili*', 'chilli*', 'pfeffer*', 'pepper*', 'tabasco', 'jalapeno*', 'cayenne', 'zimt*', 'cinnamon'], ['spicy']),
  // Creamy and coffee.
  concept(
    'cream',
    ['sahne*', '*sahne', 'cream', 'creme', '*creme', 'milch*', '*milch', 'milk', 'eiweiss', 'egg white', 'eigelb', 'joghurt', 'yogurt', 'vanille*', 'vanilla*'],
    ['creamy'],
  ),
  concept('coffee', ['kaffee*', '*kaffee*', 'coffee*', 'espresso*', 'cold brew'], ['coffee']),
  concept('chocolate', ['schoko*', 'kakao*', 'cacao', 'cocoa', 'chocolate*'], ['sweet', 'creamy']),
  // Bubbles and mixers.
  concept('tonic', ['tonic*', '*tonic'], ['bubbly', 'bitter']),
  concept('ginger_beer', ['ginger beer', 'ginger ale', 'ingwerbier', 'ginger-ale'], ['bubbly', 'spicy']),
  concept(
    'soda',
    [
      'soda*',
      '*sodawasser',
      'sprudel*',
      '*sprudel',
      'mineralwasser',
      'selters',
      'club soda',
      'sparkling water',
      '*limonade',
      'limo',
      'lemonade',
      'cola',
      '*cola',
      'sprite',
      'wild berry',
      'bitter lemon',
    ],
    ['bubbly'],
  ),
  // Recognised as alcohol-free without adding a flavour.
  concept(
    'neutral',
    [
      'wasser',
      'water',
      'eis',
      'ice',
      'crushed ice',
      'eiswuerfel',
      'salz',
      'salt',
      'tomate*',
      'tomato*',
      '*saft',
      'juice',
      'tee',
      'tea',
      'muskat*',
      'nutmeg',
      'mate',
    ],
    [],
  ),
];
