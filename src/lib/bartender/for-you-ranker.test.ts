// Without a module worker (here: Node) the ranker ranks on the main thread, with the same model.
import { describe, expect, it } from 'vitest';
import { testCocktail } from '$lib/bar/test-drinks';
import { forYou, type ForYouInput } from './for-you';
import { ForYouRanker } from './for-you-ranker.svelte';

const drink = (id: string, name: string, ingredients: string[]) => testCocktail(id, name, ingredients);
const input: ForYouInput = {
  drinks: [drink('gt', 'Gin Tonic', ['Gin', 'Tonic Water']), drink('vm', 'Virgin Mojito', ['Limettensaft', 'Minze', 'Sodawasser'])],
  sections: [{ id: 's1', name: 'Cocktails', display_order: 0 }],
  orders: [],
  taste: { likes: ['gin'], dislikes: [], alcohol_free: false },
  locale: 'en',
};

describe('the For-you ranker', () => {
  it('answers with the taste model’s cards, and settles: the menu may show', async () => {
    const ranker = new ForYouRanker();
    ranker.rank({ ...input, drinks: [] });
    expect(ranker.settled).toBe(false);
    ranker.rank(input);
    await expect.poll(() => ranker.cards).toEqual(forYou(input));
    expect(ranker.settled).toBe(true);
    ranker.stop();
  });
});
