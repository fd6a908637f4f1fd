// The words a guest's taste is made of — flavours, base spirits, the ingredients the vocabulary knows — as plain
// lists, without the vocabulary's patterns: the phone checks a saved taste with these and nothing else.
// vocabulary.test.ts holds CONCEPT_KEYS to the vocabulary's concepts.
export const FLAVOURS = ['sour', 'sweet', 'bitter', 'fruity', 'herbal', 'spicy', 'creamy', 'coffee', 'bubbly', 'strong'] as const;
export type Flavour = (typeof FLAVOURS)[number];

export const SPIRITS = ['gin', 'rum', 'vodka', 'tequila', 'whiskey', 'cachaca', 'brandy'] as const;
export type Spirit = (typeof SPIRITS)[number];

/** The key of every concept in vocabulary.ts but `neutral`, in its order. */
export const CONCEPT_KEYS: readonly string[] = [
  ...SPIRITS,
  ...['liqueur', 'aperitif', 'bitters', 'sparkling_wine', 'wine', 'beer', 'lime', 'lemon', 'orange', 'grapefruit', 'pineapple', 'coconut'],
  ...['cranberry', 'passion_fruit', 'berries', 'cherry', 'peach', 'apple', 'mango', 'grenadine', 'sugar', 'mint', 'elderflower', 'herbs'],
  ...['cucumber', 'ginger', 'chili', 'cream', 'coffee', 'chocolate', 'tonic', 'ginger_beer', 'soda'],
];

/** Words a guest's taste may hold (the database checks the shape, this the meaning). */
export const TASTE_WORDS: readonly string[] = [...FLAVOURS, ...new Set([...SPIRITS, ...CONCEPT_KEYS])];

export const isTasteWord = (word: unknown): word is string => typeof word === 'string' && TASTE_WORDS.includes(word);
