// POST /functions/v1/bartender/image-prompt (hosts): the image prompt for a drink photo, built from the
// recipe by the taste model and polished by the model when one is configured.
import { imagePrompt } from '../_shared/bartender/image-prompt.ts';
import type { MenuDrink } from '../_shared/bartender/types.ts';
import type { Caller } from './caller.ts';
import { imagePromptInstructions } from './prompt.ts';
import { openAiCompatible, ProviderError } from './provider.ts';
import type { Checked } from './request.ts';
import type { ModelSettings } from './settings.ts';

type PromptDrink = Pick<MenuDrink, 'name' | 'description' | 'recipe'>;

const text = (value: unknown, max: number): string | null => (typeof value === 'string' && [...value].length <= max ? value.trim() : null);

export function parseImagePromptRequest(body: unknown): Checked<PromptDrink> {
  const drink = (body as { drink?: unknown } | null)?.drink;
  if (typeof drink !== 'object' || drink === null) return { ok: false, message: 'Send {"drink": {name, description, recipe}}.' };
  const { name, description = '', recipe } = drink as Record<string, unknown>;
  const ingredients = (recipe as { ingredients?: unknown } | undefined)?.ingredients;
  const checkedName = text(name, 80);
  const checkedDescription = text(description, 500);
  if (!checkedName) return { ok: false, message: 'drink.name must be a string of 1–80 characters.' };
  if (checkedDescription === null) return { ok: false, message: 'drink.description must be a string of at most 500 characters.' };
  if (!Array.isArray(ingredients) || ingredients.length > 30) return { ok: false, message: 'drink.recipe.ingredients must be a list of at most 30.' };
  const items = ingredients.map((item) => ({
    name: text((item as Record<string, unknown>)?.name, 60) ?? '',
    optional: (item as Record<string, unknown>)?.optional === true,
  }));
  const { glassware, garnish } = recipe as Record<string, unknown>;
  return {
    ok: true,
    value: {
      name: checkedName,
      description: checkedDescription,
      recipe: { ingredients: items.filter((item) => item.name), glassware: text(glassware, 60) || null, garnish: text(garnish, 60) || null },
    },
  };
}

export async function isHost(caller: Caller): Promise<boolean> {
  if (caller.isGuest) return false;
  const { data, error } = await caller.client.rpc('is_host');
  return !error && data === true;
}

export async function polishedImagePrompt(drink: PromptDrink, model: ModelSettings | null, signal: AbortSignal): Promise<{ prompt: string; provider: string }> {
  const base = imagePrompt(drink);
  if (!model) return { prompt: base, provider: 'house' };
  try {
    const completion = await openAiCompatible(model)({
      messages: [
        { role: 'system', content: imagePromptInstructions() },
        { role: 'user', content: base },
      ],
      signal,
      stream: false,
    });
    const polished = completion.content.trim().replace(/^["“]|["”]$/g, '');
    return polished ? { prompt: polished.slice(0, 1200), provider: `model:${model.model}` } : { prompt: base, provider: 'house_fallback' };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    console.warn(`bartender: image prompt polish failed (${error.kind}); the recipe prompt was used`);
    return { prompt: base, provider: 'house_fallback' };
  }
}
