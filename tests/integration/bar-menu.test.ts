// The menu through PostgREST: who reads what, what hosts manage, the recipe shape, and the rules that keep
// status.ts and the database's status machine the same.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_STATUSES, canTransition } from '../../src/lib/orders/status.ts';
import { adminSql, anonClient } from '../support/clients.ts';
import { addGuest, addHost, addMenu, type Person } from '../support/party.ts';

const sql = adminSql();
let host: Person;
let guest: Person;

const recipe = {
  ingredients: [
    { name: 'Gin', amount: '4 cl', optional: false },
    { name: 'Tonic Water', amount: '12 cl', optional: false },
    { name: 'Gurke', amount: '2 Scheiben', optional: true },
  ],
  steps: ['Glas mit Eis füllen', 'Gin dazugeben', 'Mit Tonic auffüllen'],
  garnish: 'Gurkenscheibe',
  glassware: 'Copa',
  prep_time_minutes: 2,
};

beforeAll(async () => {
  host = await addHost(sql);
  guest = await addGuest(sql);
});

afterAll(async () => {
  await sql.end();
});

describe('reading the menu', () => {
  it('anyone reads sections in order and the seeded German menu with recipes, including non-alcoholic drinks', async () => {
    const { data: sections, error } = await anonClient()
      .from('sections')
      .select('name, display_order, drinks(name, ingredients, recipe)')
      .order('display_order');
    expect(error).toBeNull();
    const seeded = sections!.filter((section) => ['Cocktails', 'Longdrinks', 'Spritz', 'Alkoholfrei', 'Shots'].includes(section.name));
    expect(seeded.map((section) => section.name)).toEqual(['Cocktails', 'Longdrinks', 'Spritz', 'Alkoholfrei', 'Shots']);
    const all = seeded.flatMap((section) => section.drinks);
    expect(all.length).toBeGreaterThanOrEqual(25);
    expect(seeded.find((section) => section.name === 'Alkoholfrei')!.drinks.length).toBeGreaterThanOrEqual(4);
    const mojito = all.find((drink) => drink.name === 'Mojito')!;
    expect(mojito.ingredients).toContain('Minze');
    expect(mojito.recipe.steps.length).toBeGreaterThan(1);
    expect(mojito.recipe.ingredients[0]).toEqual({ name: 'Weißer Rum', amount: '5 cl', optional: false });
  });

  it('filters by ingredients (a drink must contain all of them)', async () => {
    const { data } = await anonClient().from('drinks').select('name').contains('ingredients', ['Minze', 'Sodawasser']).order('name');
    expect(data!.map((drink) => drink.name)).toEqual(expect.arrayContaining(['Mojito', 'Virgin Mojito', 'Hugo']));
    expect(data!.map((drink) => drink.name)).not.toContain('Caipirinha');
  });

  it('hidden drinks are invisible to anon and guests but not to hosts', async () => {
    const { drinks } = await addMenu(sql, ['Hidden Sour']);
    await sql`update public.drinks set is_active = false where id = ${drinks['Hidden Sour']}`;
    expect((await anonClient().from('drinks').select('id').eq('id', drinks['Hidden Sour'])).data).toEqual([]);
    expect((await guest.client.from('drinks').select('id').eq('id', drinks['Hidden Sour'])).data).toEqual([]);
    expect((await host.client.from('drinks').select('id').eq('id', drinks['Hidden Sour'])).data).toHaveLength(1);
  });
});

describe('managing the menu', () => {
  it('guests and anon cannot change the menu or the bar settings', async () => {
    for (const client of [anonClient(), guest.client]) {
      const added = await client.from('sections').insert({ name: 'Mine' });
      expect(added.error?.code).toBe('42501');
      const renamed = await client.from('drinks').update({ name: 'Hacked' }).eq('name', 'Mojito').select();
      expect(renamed.data ?? []).toEqual([]);
      const closed = await client.from('bar_settings').update({ is_open: false }).eq('id', true).select();
      expect(closed.data ?? []).toEqual([]);
    }
    expect((await sql`select count(*)::int as count from public.drinks where name = 'Hacked'`)[0].count).toBe(0);
  });

  it('a host creates a section and a drink; ingredients come from the recipe', async () => {
    const section = await host.client
      .from('sections')
      .insert({ name: `Gin ${randomUUID().slice(0, 6)}` })
      .select('id, display_order')
      .single();
    expect(section.error).toBeNull();
    const drink = await host.client
      .from('drinks')
      .insert({ section_id: section.data!.id, name: 'Gin Tonic Deluxe', description: 'Mit Gurke', recipe })
      .select('ingredients, is_active')
      .single();
    expect(drink.error).toBeNull();
    expect(drink.data).toEqual({ ingredients: ['Gin', 'Gurke', 'Tonic Water'], is_active: true });
  });

  it('refuses a recipe that is not structured', async () => {
    const { sectionId } = await addMenu(sql, []);
    for (const bad of [
      { steps: [] },
      { ingredients: [{ amount: '4 cl' }], steps: [] },
      { ...recipe, prep_time_minutes: 'soon' },
      { ...recipe, steps: [42] },
      { ...recipe, prep_time_minutes: 500 },
    ]) {
      const result = await host.client.from('drinks').insert({ section_id: sectionId, name: 'Broken', recipe: bad });
      expect({ status: result.status, code: result.error?.code }).toEqual({ status: 400, code: '23514' });
    }
  });

  it('a section that still has drinks cannot be deleted; an empty one can', async () => {
    const { sectionId } = await addMenu(sql, ['Keeper']);
    const refused = await host.client.from('sections').delete().eq('id', sectionId);
    expect({ status: refused.status, message: refused.error?.message, details: refused.error?.details }).toEqual({
      status: 400,
      message: 'This section still has drinks: move or delete them first',
      details: 'section_not_empty',
    });
    const { sectionId: empty } = await addMenu(sql, []);
    expect((await host.client.from('sections').delete().eq('id', empty)).error).toBeNull();
    expect(await sql`select id from public.sections where id = ${empty}`).toHaveLength(0);
  });

  it('display orders are unique and a host reorders all sections in one call', async () => {
    const [first] = await sql`select display_order from public.sections order by display_order limit 1`;
    const clash = await host.client.from('sections').insert({ name: 'Clash', display_order: first.display_order });
    expect(clash.error?.code).toBe('23505');
    const { data: before } = await host.client.from('sections').select('id').order('display_order');
    const reversed = before!.map((section) => section.id).reverse();
    expect((await host.client.rpc('reorder_sections', { ordered_ids: reversed })).error).toBeNull();
    const { data: after } = await host.client.from('sections').select('id').order('display_order');
    expect(after!.map((section) => section.id)).toEqual(reversed);
    const partial = await host.client.rpc('reorder_sections', { ordered_ids: reversed.slice(1) });
    expect(partial.error?.details).toBe('invalid_section_order');
    const byGuest = await guest.client.rpc('reorder_sections', { ordered_ids: reversed.reverse() });
    expect(byGuest.error?.code).toBe('42501');
    await host.client.rpc('reorder_sections', { ordered_ids: reversed });
  });
});

describe('the status rules in the UI match the database', () => {
  it('status.ts allows exactly what private.order_transition_allowed allows', async () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        for (const actor of ['guest', 'host'] as const) {
          const [row] = await sql`select private.order_transition_allowed(${from}, ${to}, ${actor === 'host'}) as allowed`;
          expect({ from, to, actor, allowed: row.allowed }).toEqual({ from, to, actor, allowed: canTransition(from, to, actor) });
        }
      }
    }
  });
});

describe('who may join which order channel', () => {
  // What the Realtime server does on a private join (supabase-facts.md): insert a probe row as itself, then
  // select it under the caller's role, claims and `realtime.topic`, and roll back.
  async function mayJoin(claims: Record<string, unknown>, topic: string): Promise<boolean> {
    let visible = false;
    await sql
      .begin(async (tx) => {
        const [probe] = await tx`insert into realtime.messages (topic, extension, private) values (${topic}, 'broadcast', true) returning id`;
        await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('realtime.topic', ${topic}, true), set_config('request.jwt.claim.sub', ${String(claims.sub ?? '')}, true)`;
        await tx.unsafe(`set local role ${claims.role === 'anon' ? 'anon' : 'authenticated'}`);
        visible = (await tx`select id from realtime.messages where id = ${probe.id}`).length === 1;
        throw new Error('rollback');
      })
      .catch((error: Error) => {
        if (error.message !== 'rollback') throw error;
      });
    return visible;
  }

  it('a guest joins only their own orders channel', async () => {
    const other = randomUUID();
    const claims = { sub: guest.id, role: 'authenticated', is_guest: true, user_key: guest.id };
    expect(await mayJoin(claims, `orders:${guest.id}`)).toBe(true);
    expect(await mayJoin(claims, `orders:${other}`)).toBe(false);
    expect(await mayJoin(claims, 'admin:orders')).toBe(false);
    expect(await mayJoin({ role: 'anon' }, `orders:${guest.id}`)).toBe(false);
  });

  it('a host joins every orders channel and admin:orders, but a guest token with a host’s sub does not', async () => {
    const claims = { sub: host.id, role: 'authenticated', aud: 'authenticated' };
    expect(await mayJoin(claims, 'admin:orders')).toBe(true);
    expect(await mayJoin(claims, `orders:${guest.id}`)).toBe(true);
    expect(await mayJoin(claims, 'something:else')).toBe(false);
    expect(await mayJoin({ ...claims, is_guest: true }, 'admin:orders')).toBe(false);
  });
});
