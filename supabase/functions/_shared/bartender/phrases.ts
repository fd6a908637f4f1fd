// The house bartender's words, in German and English: warm, short, no promises it cannot keep (it never
// says an order was placed — the guest taps Order for that).
import type { Locale } from './types.ts';
import type { Flavour } from './vocabulary.ts';

export const FLAVOUR_WORDS: Record<Locale, Record<Flavour, string>> = {
  en: {
    sour: 'tangy',
    sweet: 'sweet',
    bitter: 'bitter',
    fruity: 'fruity',
    herbal: 'herbal',
    spicy: 'spicy',
    creamy: 'creamy',
    coffee: 'coffee-kissed',
    bubbly: 'bubbly',
    strong: 'strong',
  },
  de: {
    sour: 'säuerlich',
    sweet: 'süß',
    bitter: 'herb',
    fruity: 'fruchtig',
    herbal: 'kräutrig',
    spicy: 'würzig',
    creamy: 'cremig',
    coffee: 'mit Kaffee',
    bubbly: 'spritzig',
    strong: 'kräftig',
  },
};

export const STATUS_WORDS: Record<Locale, Record<string, string>> = {
  en: { pending: 'is waiting for the bartender', preparing: 'is being made right now', ready: 'is ready – come and get it!' },
  de: { pending: 'wartet noch auf den Barkeeper', preparing: 'wird gerade gemixt', ready: 'ist fertig – ab zur Bar!' },
};

export const PHRASES = {
  en: {
    and: 'and',
    with: 'with',
    alcoholFree: 'alcohol-free',
    pick: 'My pick: {drink} – {reason}.',
    alsoGood: 'Also lovely: {drinks}.',
    openerAlcoholFree: 'Alcohol-free, coming right up.',
    openerSpirit: 'With {what}? Good call.',
    openerFlavour: 'Something {what} – I have just the thing.',
    openerTaste: 'Going by what you like:',
    openerDefault: 'Here is what I would pour you tonight.',
    nothingFits: 'I have nothing quite like that on tonight’s menu, sorry.',
    nothingAlcoholFree: 'There is no alcohol-free drink on the menu tonight – ask the host, they might mix you something.',
    emptyMenu: 'The menu is empty right now – ask the host what is on tonight.',
    about: '{drink}: {description}',
    aboutMadeWith: 'Made with {ingredients}.',
    aboutGlass: 'Served in a {glass}.',
    aboutAlcoholFree: 'No alcohol in it.',
    orderProposal: 'Good choice! Tap Order on the card and your {drink} goes to the bar.',
    orderWhich: 'Which one would you like? Tap a drink and I will get it ready for you to order.',
    noOpenOrders: 'You have no drink on its way right now. Fancy something? Just ask.',
    orderStatus: 'Your {drink} {status}',
    remembered: 'Noted – I will keep that in mind.',
  },
  de: {
    and: 'und',
    with: 'mit',
    alcoholFree: 'alkoholfrei',
    pick: 'Mein Tipp: {drink} – {reason}.',
    alsoGood: 'Auch schön: {drinks}.',
    openerAlcoholFree: 'Alkoholfrei, sehr gern.',
    openerSpirit: 'Mit {what}? Gute Wahl.',
    openerFlavour: 'Du magst es {what}? Da hab ich was.',
    openerTaste: 'So wie du es magst:',
    openerDefault: 'Das würde ich dir heute einschenken.',
    nothingFits: 'So etwas habe ich heute leider nicht auf der Karte.',
    nothingAlcoholFree: 'Heute steht nichts Alkoholfreies auf der Karte – frag den Gastgeber, vielleicht mixt er dir was.',
    emptyMenu: 'Die Karte ist gerade leer – frag den Gastgeber, was es heute gibt.',
    about: '{drink}: {description}',
    aboutMadeWith: 'Drin sind {ingredients}.',
    aboutGlass: 'Glas: {glass}.',
    aboutAlcoholFree: 'Ganz ohne Alkohol.',
    orderProposal: 'Gute Wahl! Tipp auf der Karte auf „Bestellen“, dann geht {drink} an die Bar.',
    orderWhich: 'Welchen möchtest du? Tipp einen Drink an, dann kannst du ihn gleich bestellen.',
    noOpenOrders: 'Gerade ist nichts für dich in Arbeit. Lust auf etwas? Frag einfach.',
    orderStatus: '{drink} {status}',
    remembered: 'Gemerkt – das behalte ich im Kopf.',
  },
} satisfies Record<Locale, Record<string, string>>;

export type PhraseKey = keyof (typeof PHRASES)['en'];

export function say(locale: Locale, key: PhraseKey, params: Record<string, string> = {}): string {
  return PHRASES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** "a", "a and b", "a, b and c" */
export function list(locale: Locale, items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${PHRASES[locale].and} ${items.at(-1)}`;
}
