// A drink's structured recipe, as the drinks migration's `recipe_is_structured` constraint guarantees it.
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
