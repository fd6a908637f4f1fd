// The taste model, shared by the bartender Edge Function (Deno) and the guest app (the "For you" row):
// plain TypeScript with relative imports, no runtime APIs, so both run exactly the same rules.
export { houseBartender, type HouseAnswer, type HouseInput } from './house.ts';
export { imagePrompt } from './image-prompt.ts';
export { drinksNamedIn } from './names.ts';
export { profileOf, type DrinkProfile } from './profile.ts';
export { reasonFor } from './reasons.ts';
export { diversified, rankDrinks, type Pick } from './recommend.ts';
export { FLAVOURS, SPIRITS, TASTE_WORDS, isTasteWord, type Flavour, type Spirit } from './vocabulary.ts';
export { emptyWish, readWish, type Wish } from './wish.ts';
export { FLAVOUR_WORDS } from './phrases.ts';
export * from './types.ts';
