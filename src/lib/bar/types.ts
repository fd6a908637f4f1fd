// The bar's rows as the browser reads them through PostgREST (CONTRACT §4), taken from the generated
// database types: a migration that changes a column changes these, and the compiler finds every use.
import type { Tables } from '$lib/database.types';

export type { Recipe, RecipeIngredient } from './recipe';

export const SECTION_COLUMNS = 'id, name, display_order';
export const DRINK_COLUMNS = 'id, section_id, name, description, ingredients, recipe, image_path, is_active, is_in_stock';
export const ORDER_COLUMNS = 'id, user_key, drink_id, drink_name, status, note, created_at, updated_at, completed_at';
export const SETTINGS_COLUMNS = 'is_open, last_call_at, max_open_orders_per_guest, bartender_enabled';

export type Section = Pick<Tables<'sections'>, 'id' | 'name' | 'display_order'>;
export type Drink = Pick<
  Tables<'drinks'>,
  'id' | 'section_id' | 'name' | 'description' | 'ingredients' | 'recipe' | 'image_path' | 'is_active' | 'is_in_stock'
>;
export type Order = Pick<Tables<'orders'>, 'id' | 'user_key' | 'drink_id' | 'drink_name' | 'status' | 'note' | 'created_at' | 'updated_at' | 'completed_at'>;
/** An order as the host sees it: with the guest's name. */
export type HostOrder = Order & { guests: { username: string } | null };
export type BarSettings = Pick<Tables<'bar_settings'>, 'is_open' | 'last_call_at' | 'max_open_orders_per_guest' | 'bartender_enabled'>;
