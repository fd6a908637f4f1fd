// The seed menu (supabase/seed.sql) as MenuDrinks, for golden tests: reads the pg_temp.add_drink(...) calls.
import type { MenuDrink } from '../types.ts';

/** The arguments of one SQL call: 'strings' (with '' escapes), null and numbers. */
function sqlArguments(text: string): Array<string | number | null> {
  const values: Array<string | number | null> = [];
  const token = /\s*(?:'((?:[^']|'')*)'|(null)|(-?\d+(?:\.\d+)?))\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while ((match = token.exec(text)) && match[0] !== '') {
    values.push(match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2] ? null : Number(match[3]));
  }
  return values;
}

export async function seedMenu(): Promise<MenuDrink[]> {
  const sql = await Deno.readTextFile(new URL('../../../../seed.sql', import.meta.url));
  const calls = [...sql.matchAll(/select pg_temp\.add_drink\(([\s\S]*?)\);\n/g)];
  return calls.map((call, index) => {
    const [section, name, description, glassware, garnish, minutes, ingredients, steps] = sqlArguments(call[1].replace(/\s*\n\s*/g, ' '));
    const items = JSON.parse(String(ingredients)) as Array<[string, string, boolean?]>;
    return {
      id: `seed-${index}`,
      name: String(name),
      description: String(description),
      section: String(section),
      recipe: {
        ingredients: items.map(([itemName, amount, optional]) => ({ name: itemName, amount, optional: optional ?? false })),
        steps: JSON.parse(String(steps)) as string[],
        glassware: glassware as string | null,
        garnish: garnish as string | null,
        prep_time_minutes: minutes as number | null,
      },
    };
  });
}
