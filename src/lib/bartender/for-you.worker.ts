// The "For you" row is ranked here, off the page's main thread: the taste model compiles a few hundred word
// patterns on first use (Unicode-aware regular expressions), which blocked a slow phone's main thread for most
// of a second while the menu came up. The worker warms them up as soon as it starts, while the menu is fetched.
import { forYou, type ForYouInput } from './for-you';
import type { ForYouAnswer, ForYouRequest } from './for-you-ranker.svelte';

// A drink no pattern matches, so every pattern is tried (and compiled) once.
const WARM_UP: ForYouInput = {
  drinks: [
    {
      id: 'warm-up',
      section_id: 'warm-up',
      name: '-',
      description: '-',
      ingredients: ['-'],
      recipe: { ingredients: [{ name: '-', amount: '1 cl' }], steps: [] },
      image_path: null,
      is_active: true,
      is_in_stock: true,
    },
  ],
  sections: [],
  orders: [],
  taste: { likes: [], dislikes: [], alcohol_free: false },
  locale: 'en',
};
forYou(WARM_UP);

self.onmessage = (event: MessageEvent<ForYouRequest>) => {
  const answer: ForYouAnswer = { id: event.data.id, cards: forYou(event.data.input) };
  self.postMessage(answer);
};
