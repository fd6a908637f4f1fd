// The colour a drink's ingredients mix to, for its illustration: a small table of bar ingredients (German and
// English names) with a colour and a strength — how much it tints the drink (soda tints nothing, Campari a lot) —
// mixed by amount. Pure and deterministic.

export interface Tint {
  colour: string;
  /** 0 = clear, 1 = opaque; how much one part of it colours the glass. */
  strength: number;
}

// Names match at the start of a word, the longest match wins: "Zitronenwodka" is vodka, not lemon; "Ginger Ale" is
// not gin; "Limettensaft" is lime. Ingredients not in the table do not colour the drink.
const TABLE: Array<[names: string[], colour: string, strength: number]> = [
  [
    ['weißer rum', 'weisser rum', 'white rum', 'cachaça', 'cachaca', 'gin', 'wodka', 'vodka', 'zitronenwodka', 'citron vodka', 'tequila', 'korn'],
    '#f3f0e6',
    0.04,
  ],
  [['rum'], '#e9d9ad', 0.12],
  [['brauner rum', 'dunkler rum', 'goldener rum', 'dark rum', 'spiced rum', 'gold rum'], '#7a3f18', 0.8],
  [['bourbon', 'whiskey', 'whisky', 'scotch', 'cognac', 'brandy'], '#c27a2c', 0.8],
  [['limettensaft', 'lime juice', 'limette', 'lime', 'limetten'], '#c2dc72', 0.35],
  [['zitronensaft', 'lemon juice', 'zitrone', 'lemon'], '#f3ec9c', 0.3],
  [['limoncello'], '#f3df3f', 0.8],
  [['orangensaft', 'orange juice', 'o-saft'], '#f9a21b', 0.9],
  [['orangenlikör', 'triple sec', 'cointreau', 'curaçao', 'curacao'], '#f6e3b4', 0.1],
  [['grand marnier'], '#d98b2b', 0.8],
  [['grapefruitsaft', 'grapefruit'], '#f4a39b', 0.55],
  [['ananassaft', 'pineapple juice', 'ananas', 'pineapple'], '#f7d65a', 0.75],
  [['kokossirup', 'kokosmilch', 'kokoscreme', 'cream of coconut', 'coconut', 'kokos'], '#f8f4ea', 0.9],
  [['maracujasaft', 'maracuja', 'passion fruit', 'passionsfrucht'], '#f5b53b', 0.75],
  [['cranberrysaft', 'cranberry'], '#b3173b', 0.8],
  [['grenadine'], '#c2185b', 0.95],
  [['campari'], '#c8102e', 0.95],
  [['aperol'], '#f26b21', 0.9],
  [['roter wermut', 'wermut rot', 'red vermouth', 'sweet vermouth', 'wermut', 'vermouth'], '#7a1f1f', 0.8],
  [['angostura', 'bitters'], '#7a2a16', 1],
  [['kaffeelikör', 'coffee liqueur', 'kahlúa', 'kahlua'], '#3b1f10', 0.95],
  [['espresso', 'kaffee', 'coffee', 'cold brew'], '#2a160b', 1],
  [['irish cream', 'baileys', 'sahne', 'cream'], '#dcbb97', 0.95],
  [['eiweiß', 'eiweiss', 'egg white', 'aquafaba'], '#f6f1e4', 0.25],
  [['cola'], '#3a1a0d', 0.95],
  [['ginger beer', 'ginger ale', 'ginger'], '#e6d28f', 0.25],
  [['prosecco', 'sekt', 'champagner', 'champagne', 'cava', 'weißwein', 'white wine'], '#f1e4a8', 0.2],
  [['rotwein', 'red wine'], '#6d0f1f', 0.9],
  [['holunderblütensirup', 'holunderblüte', 'holunder', 'elderflower'], '#efe9b8', 0.2],
  [['lillet'], '#f0d271', 0.5],
  [['wild berry', 'beeren', 'berries', 'berry', 'himbeer', 'raspberry', 'erdbeer', 'strawberr'], '#a3295e', 0.65],
  [['minze', 'mint'], '#7dbf6a', 0.12],
  [['gurke', 'cucumber'], '#a8d8a0', 0.1],
  [['rohrzucker', 'brauner zucker', 'cane sugar', 'brown sugar'], '#efdcb6', 0.05],
  [['zuckersirup', 'sugar syrup', 'simple syrup', 'zucker', 'sugar'], '#faf6ea', 0.02],
  [['sodawasser', 'soda', 'tonic', 'mineralwasser', 'sprudel', 'wasser', 'water', 'eis', 'ice'], '#ffffff', 0],
  [['salz', 'salt'], '#ffffff', 0],
];

const fold = (text: string) => text.toLocaleLowerCase('de').normalize('NFC');

const ENTRIES = TABLE.flatMap(([names, colour, strength]) => names.map((name) => ({ name: fold(name), tint: { colour, strength } }))).sort(
  (a, b) => b.name.length - a.name.length,
);

/** The table's tint for an ingredient name, or null when it is not a known one. */
export function tintOf(ingredient: string): Tint | null {
  const name = fold(ingredient);
  for (const entry of ENTRIES) {
    let index = name.indexOf(entry.name);
    while (index !== -1) {
      if (index === 0 || !/[\p{L}\p{N}]/u.test(name[index - 1]!)) return entry.tint;
      index = name.indexOf(entry.name, index + 1);
    }
  }
  return null;
}

/** Rough parts of an amount ("5 cl", "2 TL", "auffüllen", "½ Stück"): only the proportions matter. */
export function partsOf(amount: string | null | undefined): number {
  const text = fold(amount ?? '');
  if (/auff[üu]llen|top( up)?|fill/.test(text)) return 10;
  const number = Number((/(\d+(?:[.,]\d+)?)/.exec(text)?.[1] ?? '').replace(',', '.')) || (text.includes('½') ? 0.5 : 0);
  if (/\bcl\b/.test(text)) return number || 2;
  if (/\bml\b/.test(text)) return number / 10 || 2;
  if (/\b(tl|tsp|teelöffel)\b/.test(text)) return (number || 1) * 0.5;
  if (/\b(el|tbsp)\b/.test(text)) return (number || 1) * 1.5;
  if (/dash|spritzer|schuss|tropfen|prise/.test(text)) return 0.3;
  if (/bl[äa]tt|leaves|scheibe|spalte|stück|wedge|slice/.test(text)) return 0.5;
  return number > 0 && number < 30 ? number : 2;
}

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

const toHex = (channels: number[]) => `#${channels.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;

export interface Mix {
  colour: string;
  /** How opaque the drink looks, 0.35…0.95. */
  opacity: number;
}

const PALE_GOLD: Mix = { colour: '#f0dca0', opacity: 0.45 };

/** The colour of the whole glass: tints weighted by parts × strength; clear parts only dilute. */
export function mixIngredients(ingredients: Array<{ name: string; amount?: string | null }>): Mix {
  let weight = 0;
  let volume = 0;
  const sum = [0, 0, 0];
  for (const ingredient of ingredients) {
    const tint = tintOf(ingredient.name);
    const parts = partsOf(ingredient.amount);
    volume += parts;
    if (!tint || tint.strength === 0) continue;
    const w = parts * tint.strength;
    rgb(tint.colour).forEach((channel, index) => (sum[index] += channel * channel * w));
    weight += w;
  }
  if (weight === 0) return PALE_GOLD;
  const colour = toHex(sum.map((channel) => Math.sqrt(channel / weight)));
  return { colour, opacity: Math.min(0.95, Math.max(0.35, (weight / Math.max(volume, 1)) * 1.6 + 0.2)) };
}

/** A lighter or darker shade of a colour, for gradients and layers. */
export function shade(hex: string, amount: number): string {
  const target = amount >= 0 ? 255 : 0;
  return toHex(rgb(hex).map((channel) => channel + (target - channel) * Math.abs(amount)));
}
