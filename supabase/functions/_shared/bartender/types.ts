// The shapes the taste model works on: drinks as the menu rows carry them (CONTRACT §4), a guest's taste
// (public.guest_tastes) and the bartender's answers (CONTRACT §7).

export interface MenuIngredient {
  name: string;
  amount?: string | null;
  optional?: boolean;
}

export interface MenuDrink {
  id: string;
  name: string;
  description: string;
  /** The section's name, e.g. "Alkoholfrei": a hint, never the only proof that a drink has no alcohol. */
  section?: string | null;
  recipe: {
    ingredients: MenuIngredient[];
    steps?: string[];
    garnish?: string | null;
    glassware?: string | null;
    prep_time_minutes?: number | null;
  };
}

export interface Taste {
  likes: string[];
  dislikes: string[];
  alcohol_free: boolean;
}

export const NO_TASTE: Taste = { likes: [], dislikes: [], alcohol_free: false };

export type Locale = 'de' | 'en';

export interface DrinkCard {
  id: string;
  name: string;
  reason: string;
}

export interface OrderProposal {
  drink_id: string;
  drink_name: string;
  note: string | null;
}

export interface OpenOrder {
  drink_name: string;
  status: 'pending' | 'preparing' | 'ready' | string;
  created_at?: string;
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}
