// The guest's taste on this phone: a local copy (so "For you" works offline) synced with their row in
// public.guest_tastes (RLS: their own only). The bartender may change it too; `load()` picks that up.
import type { DataClient } from '$lib/supabase/data-client';
// The word lists alone, not the vocabulary's patterns nor the ranking (that runs in for-you.worker.ts).
import { isTasteWord } from '../../../supabase/functions/_shared/bartender/taste-words.ts';
import type { Taste } from './taste-model';

const EMPTY: Taste = { likes: [], dislikes: [], alcohol_free: false };

function clean(value: unknown): Taste {
  const taste = (value ?? {}) as Partial<Taste>;
  const words = (list: unknown) => (Array.isArray(list) ? [...new Set(list.filter(isTasteWord))].slice(0, 24) : []);
  return { likes: words(taste.likes), dislikes: words(taste.dislikes), alcohol_free: taste.alcohol_free === true };
}

export class GuestTaste {
  taste = $state<Taste>(EMPTY);
  problem = $state(false);

  constructor(
    private client: DataClient,
    private userKey: string,
    private storage: Storage = localStorage,
  ) {
    this.taste = clean(JSON.parse(storage.getItem(this.#key) ?? 'null'));
  }

  get #key() {
    return `barkeep.taste.${this.userKey}`;
  }

  async load(): Promise<void> {
    const { data, error } = await this.client.from('guest_tastes').select('likes, dislikes, alcohol_free').maybeSingle();
    if (error) return;
    if (data) this.#keep(clean(data));
  }

  async save(next: Taste): Promise<boolean> {
    const taste = clean(next);
    this.#keep(taste);
    const { error } = await this.client.from('guest_tastes').upsert({ user_key: this.userKey, ...taste });
    this.problem = Boolean(error);
    return !error;
  }

  #keep(taste: Taste): void {
    this.taste = taste;
    this.storage.setItem(this.#key, JSON.stringify(taste));
  }
}
