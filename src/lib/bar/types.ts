// The bar's rows as the browser reads them through PostgREST (CONTRACT §4).
import type { OrderStatus } from '$lib/orders/status';

export interface RecipeIngredient {
  name: string;
  amount?: string | null;
  optional?: boolean;
}

export interface Recipe {
  ingredients: RecipeIngredient[];
  steps: string[];
  garnish?: string | null;
  glassware?: string | null;
  prep_time_minutes?: number | null;
}

export interface Section {
  id: string;
  name: string;
  display_order: number;
}

export interface Drink {
  id: string;
  section_id: string;
  name: string;
  description: string;
  ingredients: string[];
  recipe: Recipe;
  image_path: string | null;
  is_active: boolean;
}

export interface Order {
  id: string;
  user_key: string;
  drink_id: string;
  drink_name: string;
  status: OrderStatus;
  note: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

/** An order as the host sees it: with the guest's name. */
export interface HostOrder extends Order {
  guests: { username: string } | null;
}

export interface BarSettings {
  is_open: boolean;
  last_call_at: string | null;
  max_open_orders_per_guest: number;
}

export const DRINK_COLUMNS = 'id, section_id, name, description, ingredients, recipe, image_path, is_active';
export const ORDER_COLUMNS = 'id, user_key, drink_id, drink_name, status, note, created_at, updated_at, completed_at';
