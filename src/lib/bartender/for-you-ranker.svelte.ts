// The menu's "For you" cards, ranked in a worker (for-you.worker.ts) so the taste model never blocks the page.
// Where module workers are missing or fail, the same ranking runs here instead, loaded only then.
import type { DrinkCard } from './taste-model';
import type { ForYouInput } from './for-you';

export interface ForYouRequest {
  id: number;
  input: ForYouInput;
}
export interface ForYouAnswer {
  id: number;
  cards: DrinkCard[];
}

const SETTLE_WITHIN_MS = 1000;

export class ForYouRanker {
  /** The cards for the latest input asked for (the previous ones until its answer arrives). */
  cards = $state.raw<DrinkCard[]>([]);
  /** The row is known (an answer arrived, or there is no row): until then the menu waits, so the row cannot shift it. */
  settled = $state(false);
  #worker: Worker | null = null;
  #latest = 0;
  #last: ForYouRequest | null = null;

  constructor() {
    try {
      this.#worker = new Worker(new URL('./for-you.worker.ts', import.meta.url), { type: 'module' });
      this.#worker.onmessage = (event: MessageEvent<ForYouAnswer>) => this.#answer(event.data);
      this.#worker.onerror = () => this.#fallBack();
    } catch {
      this.#worker = null;
    }
  }

  /** Ranks `input` (null: no row, e.g. while the guest searches or filters). */
  rank(input: ForYouInput | null): void {
    const id = ++this.#latest;
    if (!input) {
      // No row to wait for; the cards stay for when the search is cleared (the page hides them meanwhile).
      this.settled = true;
      return;
    }
    if (input.drinks.length === 0) {
      this.cards = [];
      return;
    }
    // Plain data: reactive state (orders, taste) cannot cross to the worker as it is; the menu already is plain.
    const request: ForYouRequest = { id, input: { ...input, orders: $state.snapshot(input.orders), taste: $state.snapshot(input.taste) } };
    this.#last = request;
    // A worker that is slow to answer (a busy phone) must not hold the menu back for long.
    if (!this.settled) setTimeout(() => (this.settled = true), SETTLE_WITHIN_MS);
    if (this.#worker) this.#worker.postMessage(request);
    else void this.#rankHere(request);
  }

  stop(): void {
    this.#worker?.terminate();
    this.#worker = null;
  }

  #answer(answer: ForYouAnswer): void {
    if (answer.id !== this.#latest) return;
    this.cards = answer.cards;
    this.settled = true;
  }

  async #rankHere(request: ForYouRequest): Promise<void> {
    const { forYou } = await import('./for-you');
    this.#answer({ id: request.id, cards: forYou(request.input) });
  }

  #fallBack(): void {
    this.stop();
    // The worker could not start or died: rank the latest input here.
    if (this.#last) void this.#rankHere(this.#last);
  }
}
