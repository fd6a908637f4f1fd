// The seed menu as guests see it, drawn: every seed drink (read through the API, as the menu reads it) gets an
// illustration, the seed's glassware names cover all nine glasses, and no two neighbours on the menu look alike.
import { describe, expect, it } from 'vitest';
import { groupMenu } from '../../src/lib/bar/menu.ts';
import type { Drink, Section } from '../../src/lib/bar/types.ts';
import { GLASSES, glassOf, illustrationKey, illustrationOf } from '../../src/lib/images/illustration.ts';
import { anonClient } from '../support/clients.ts';

const SEED_SECTIONS = ['Cocktails', 'Longdrinks', 'Spritz', 'Alkoholfrei', 'Shots'];

describe('the seed menu, illustrated', async () => {
  const client = anonClient();
  const [{ data: sections }, { data: drinks }] = await Promise.all([
    client.from('sections').select('id, name, display_order').in('name', SEED_SECTIONS),
    client.from('drinks').select('id, section_id, name, description, ingredients, recipe, image_path, is_active').eq('is_active', true),
  ]);
  const groups = groupMenu(sections as Section[], drinks as Drink[], { query: '', ingredients: [] });
  const menu = groups.flatMap((group) => group.drinks);

  it('has the seed drinks', () => {
    expect(menu.length).toBeGreaterThanOrEqual(25);
  });

  it('maps every glassware name of the seed to a glass, and uses all nine glasses', () => {
    const names = [...new Set(menu.map((drink) => drink.recipe.glassware))];
    const expected: Record<string, string> = {
      Highball: 'highball',
      Tumbler: 'tumbler',
      Cocktailschale: 'coupe',
      Martiniglas: 'martini',
      Copa: 'copa',
      Weinglas: 'wine',
      Shotglas: 'shot',
      Kupferbecher: 'mug',
      Hurricane: 'hurricane',
    };
    for (const name of names) expect(glassOf(name), String(name)).toBe(expected[name!]);
    expect(new Set(menu.map((drink) => illustrationOf(drink.recipe).glass))).toEqual(new Set(GLASSES));
  });

  it('gives each drink an illustration with a colour, and no two adjacent drinks look identical', () => {
    const keys = menu.map((drink) => illustrationKey(illustrationOf(drink.recipe)));
    for (const drink of menu) expect(illustrationOf(drink.recipe).layers[0]!.colour, drink.name).toMatch(/^#[0-9a-f]{6}$/);
    for (let index = 1; index < keys.length; index++) {
      expect(keys[index], `${menu[index - 1]!.name} / ${menu[index]!.name}`).not.toBe(keys[index - 1]);
    }
  });
});
