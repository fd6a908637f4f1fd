// Out of stock (issue #15) with real supabase-js clients: the host marks an ingredient out by any spelling,
// exactly the drinks that need it (not those where it is optional) leave a live guest's menu within a second,
// their orders are refused with `out_of_stock`, and they come back with the ingredient. Ingredient names carry
// a random tag so parallel test files never see them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, anonClient } from '../support/clients.ts';
import { joinPrivate } from '../support/channels.ts';
import { addGuest, addHost, type Person } from '../support/party.ts';

const sql = adminSql();
const tag = randomUUID().slice(0, 6);
const lime = `${tag} Lime`;
let host: Person;
let guest: Person;
let sectionId: string;
const drinks: Record<string, string> = {};

function ingredient(name: string, optional = false) {
  return { name, amount: '2 cl', optional };
}

async function addDrink(name: string, ingredients: { name: string; optional: boolean }[]) {
  const recipe = { ingredients, steps: ['Mix'], garnish: null, glassware: null, prep_time_minutes: 2 };
  const [row] = await sql`insert into public.drinks (section_id, name, recipe) values (${sectionId}, ${name}, ${sql.json(recipe)}) returning id`;
  drinks[name] = row.id as string;
}

async function menuNames(client = guest.client): Promise<string[]> {
  const { data, error } = await client.from('drinks').select('name').eq('section_id', sectionId).eq('is_active', true).order('name');
  expect(error).toBeNull();
  return data!.map((row) => row.name as string);
}

beforeAll(async () => {
  host = await addHost(sql);
  guest = await addGuest(sql);
  const [section] = await sql`insert into public.sections (name) values (${`Stock ${tag}`}) returning id`;
  sectionId = section.id as string;
  // "Lime", "limes" and " lime " are one ingredient to the bar.
  await addDrink('Mojito', [ingredient(`${tag} rum`), ingredient(`${tag} Limes`), ingredient(`${tag} mint`)]);
  await addDrink('Daiquiri', [ingredient(`${tag} rum`), ingredient(` ${tag.toUpperCase()}  lime `)]);
  await addDrink('Gin Tonic', [ingredient(`${tag} gin`), ingredient(`${tag} tonic`), ingredient(lime, true)]);
  await addDrink('Mint Tea', [ingredient(`${tag} mint`)]);
});

afterAll(async () => {
  await sql`delete from public.out_of_stock_ingredients where key like ${`${tag.toLowerCase()}%`}`;
  await sql.end();
});

describe('out of stock', () => {
  it('folds near duplicates in the host’s list of tonight’s ingredients', async () => {
    const { data, error } = await host.client.rpc('bar_ingredients');
    expect(error).toBeNull();
    const mine = (data as { key: string; name: string; drink_count: number; is_out: boolean }[]).filter((row) => row.key.startsWith(tag.toLowerCase()));
    expect(mine.map((row) => [row.key, row.drink_count, row.is_out])).toEqual(
      expect.arrayContaining([
        [`${tag.toLowerCase()} lime`, 3, false],
        [`${tag.toLowerCase()} mint`, 2, false],
        [`${tag.toLowerCase()} rum`, 2, false],
      ]),
    );
    expect(mine.filter((row) => row.key.endsWith('lime'))).toHaveLength(1);
  });

  it('hides exactly the drinks that need it from a live menu within a second, refuses their orders, and brings them back', async () => {
    expect(await menuNames()).toEqual(['Daiquiri', 'Gin Tonic', 'Mint Tea', 'Mojito']);
    const joined = await joinPrivate(guest.client, 'bar:menu', ['MENU_CHANGED']);
    try {
      // Marked by yet another spelling.
      const marked = await host.client.rpc('set_ingredient_out', { ingredient: `${tag} LIMES`, is_out: true });
      expect(marked.error).toBeNull();
      // Within a second of the host's tap being answered, the open menu hears of it.
      await joined.next((event) => event.payload.table === 'drinks', 1000);
      // Gin Tonic stays: its lime is optional.
      expect(await menuNames()).toEqual(['Gin Tonic', 'Mint Tea']);
      expect(await menuNames(anonClient())).toEqual(['Gin Tonic', 'Mint Tea']);

      const refused = await guest.client.from('orders').insert({ drink_id: drinks.Mojito });
      expect(refused.error?.details).toBe('out_of_stock');
      expect(refused.error?.message).toBe('This drink is out of stock right now');
      const fine = await guest.client.from('orders').insert({ id: randomUUID(), drink_id: drinks['Gin Tonic'] });
      expect(fine.error).toBeNull();

      // The host still sees every drink, marked.
      const { data: all } = await host.client.from('drinks').select('name, is_in_stock').eq('section_id', sectionId).order('name');
      expect(all).toEqual([
        { name: 'Daiquiri', is_in_stock: false },
        { name: 'Gin Tonic', is_in_stock: true },
        { name: 'Mint Tea', is_in_stock: true },
        { name: 'Mojito', is_in_stock: false },
      ]);

      const before = joined.events.length;
      const back = await host.client.rpc('set_ingredient_out', { ingredient: lime, is_out: false });
      expect(back.error).toBeNull();
      await joined.next((event, index = joined.events.indexOf(event)) => index >= before && event.payload.table === 'drinks', 1000);
      expect(await menuNames()).toEqual(['Daiquiri', 'Gin Tonic', 'Mint Tea', 'Mojito']);
    } finally {
      await guest.client.removeChannel(joined.channel);
      await sql`update public.orders set status = 'cancelled' where user_key = ${guest.id} and status = 'pending'`;
    }
  });

  it('recomputes a drink the host edits to need an ingredient that is out, and a host cannot force it back', async () => {
    await host.client.rpc('set_ingredient_out', { ingredient: `${tag} gin`, is_out: true });
    try {
      expect(await menuNames()).toEqual(['Daiquiri', 'Mint Tea', 'Mojito']);
      const forced = await host.client.from('drinks').update({ is_in_stock: true }).eq('id', drinks['Gin Tonic']).select('is_in_stock').single();
      expect(forced.data).toEqual({ is_in_stock: false });
      const recipe = { ingredients: [ingredient(`${tag} gin`, true), ingredient(`${tag} tonic`)], steps: ['Mix'], prep_time_minutes: 2 };
      const edited = await host.client.from('drinks').update({ recipe }).eq('id', drinks['Gin Tonic']).select('is_in_stock').single();
      expect(edited.data).toEqual({ is_in_stock: true });
    } finally {
      await host.client.rpc('set_ingredient_out', { ingredient: `${tag} gin`, is_out: false });
    }
  });

  it('lets only hosts mark ingredients, and refuses a bad name with a clear reason', async () => {
    const byGuest = await guest.client.rpc('set_ingredient_out', { ingredient: lime, is_out: true });
    expect(byGuest.error?.code).toBe('42501');
    const byAnon = await anonClient().rpc('set_ingredient_out', { ingredient: lime, is_out: true });
    expect(byAnon.error).not.toBeNull();
    expect(await menuNames()).toContain('Mojito');
    const read = await guest.client.from('out_of_stock_ingredients').select('key');
    expect(read.data).toEqual([]);
    const empty = await host.client.rpc('set_ingredient_out', { ingredient: '   ', is_out: true });
    expect(empty.status).toBe(400);
    expect(empty.error?.details).toBe('invalid_value');
    const long = await host.client.rpc('set_ingredient_out', { ingredient: 'x'.repeat(61), is_out: true });
    expect(long.status).toBe(400);
  });
});
