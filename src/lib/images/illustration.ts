// What a drink without a photo looks like, decided from its recipe alone (pure, deterministic): the glass of its
// glassware, the colour its ingredients mix to (layers for a layered shot, a sunrise for grenadine), ice, bubbles,
// a salt rim, and its garnish. DrinkIllustration.svelte draws this.
import type { Recipe } from '$lib/bar/types';
import { mixIngredients, shade, tintOf, type Mix } from './ingredient-colours';

export type Glass = 'highball' | 'tumbler' | 'coupe' | 'martini' | 'copa' | 'wine' | 'shot' | 'mug' | 'hurricane';
export type Garnish = 'mint' | 'lime' | 'lemon' | 'orange' | 'zest' | 'cherry' | 'pineapple' | 'cucumber' | 'beans' | 'berries' | 'grapefruit';

export const GLASSES: Glass[] = ['highball', 'tumbler', 'coupe', 'martini', 'copa', 'wine', 'shot', 'mug', 'hurricane'];

// Glassware names as hosts type them (German and English), matched on words; the first rule that matches wins.
const GLASS_RULES: Array<[RegExp, Glass]> = [
  [/shot|schnaps|stamper|pinnchen/, 'shot'],
  [/kupfer|copper|mule|becher|mug|tasse|krug/, 'mug'],
  [/hurricane|poco|tiki|colada/, 'hurricane'],
  [/martini|cocktailglas|v-glas/, 'martini'],
  [/coupe|schale|sektschale|margarita|nick/, 'coupe'],
  [/copa|ballon|balloon|gin.?glas/, 'copa'],
  [/wein|wine|spritz|flöte|flute|kelch|tulpe|champagner|prosecco/, 'wine'],
  [/tumbler|rocks|old.?fashioned|whisk|lowball|kurz/, 'tumbler'],
  [/highball|longdrink|collins|zombie|lang|tall|limo/, 'highball'],
];

export function glassOf(glassware: string | null | undefined): Glass {
  const name = (glassware ?? '').toLocaleLowerCase('de');
  return GLASS_RULES.find(([pattern]) => pattern.test(name))?.[1] ?? 'highball';
}

const GARNISH_RULES: Array<[RegExp, Garnish]> = [
  [/kaffeebohne|coffee bean|bohnen|beans/, 'beans'],
  [/zeste|zest|twist|peel/, 'zest'],
  [/minz|mint/, 'mint'],
  [/kirsche|cherry|maraschino/, 'cherry'],
  [/ananas|pineapple/, 'pineapple'],
  [/gurke|cucumber/, 'cucumber'],
  [/beere|berr/, 'berries'],
  [/grapefruit|pampelmuse/, 'grapefruit'],
  [/orange/, 'orange'],
  [/zitrone|lemon/, 'lemon'],
  [/limette|lime/, 'lime'],
];

export function garnishOf(garnish: string | null | undefined): Garnish | null {
  const name = (garnish ?? '').toLocaleLowerCase('de');
  return GARNISH_RULES.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}

export interface Layer {
  colour: string;
  /** Share of the liquid's height, bottom first; the shares add up to 1. */
  share: number;
}

export interface Illustration {
  glass: Glass;
  /** Liquid layers, bottom first. */
  layers: Layer[];
  opacity: number;
  ice: boolean;
  bubbles: boolean;
  foam: boolean;
  saltRim: boolean;
  garnish: Garnish | null;
}

const has = (recipe: Recipe, pattern: RegExp) => recipe.ingredients.some((item) => pattern.test(item.name.toLocaleLowerCase('de')));
const says = (recipe: Recipe, pattern: RegExp) => recipe.steps.some((step) => pattern.test(step.toLocaleLowerCase('de')));

function layersOf(recipe: Recipe, glass: Glass, mix: Mix): Layer[] {
  const tinted = recipe.ingredients.filter((item) => (tintOf(item.name)?.strength ?? 0) > 0.3);
  // A layered shot (B-52): each strong ingredient is its own layer, the first at the bottom.
  if (glass === 'shot' && tinted.length >= 2 && says(recipe, /schicht|layer|float/)) {
    return tinted.map((item) => ({ colour: tintOf(item.name)!.colour, share: 1 / tinted.length }));
  }
  // Grenadine sinks: a sunrise from red at the bottom into the drink's colour.
  const rest = recipe.ingredients.filter((item) => !/grenadine/i.test(item.name));
  if (rest.length < recipe.ingredients.length && rest.length > 0) {
    const top = mixIngredients(rest);
    return [
      { colour: tintOf('grenadine')!.colour, share: 0.3 },
      { colour: top.colour, share: 0.7 },
    ];
  }
  return [{ colour: mix.colour, share: 1 }];
}

export function illustrationOf(recipe: Recipe): Illustration {
  const glass = glassOf(recipe.glassware);
  const mix = mixIngredients(recipe.ingredients);
  return {
    glass,
    layers: layersOf(recipe, glass, mix),
    opacity: mix.opacity,
    ice: glass !== 'shot' && glass !== 'martini' && glass !== 'coupe' && (says(recipe, /\beis|ice|crushed/) || glass === 'highball'),
    bubbles: has(recipe, /soda|tonic|prosecco|sekt|ginger|cola|sprudel|mineral|champagn/),
    foam: has(recipe, /eiweiß|eiweiss|egg white|aquafaba/) || (has(recipe, /espresso/) && glass === 'martini'),
    saltRim: has(recipe, /^salz|^salt/) && glass !== 'shot',
    garnish: garnishOf(recipe.garnish),
  };
}

/** A short fingerprint: two drinks with the same one would look the same. */
export function illustrationKey(illustration: Illustration): string {
  const { glass, layers, ice, bubbles, foam, saltRim, garnish } = illustration;
  return [glass, layers.map((layer) => `${layer.colour}:${layer.share.toFixed(2)}`).join('+'), ice, bubbles, foam, saltRim, garnish].join('|');
}

export { shade };
