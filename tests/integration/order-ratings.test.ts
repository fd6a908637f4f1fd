// Ratings (issue #15) with real supabase-js clients: one tap after "served" — liked it / not for me —
// changeable, only the guest's own served orders, visible to hosts (the recap) and to nobody else.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, anonClient } from '../support/clients.ts';
import { addGuest, addHost, addMenu, type Person } from '../support/party.ts';

const sql = adminSql();
let host: Person;
let drinks: Record<string, string>;

async function servedOrder(guest: Person, drink = 'Rated Sour'): Promise<string> {
  const id = randomUUID();
  await sql`insert into public.orders (id, user_key, drink_id) values (${id}, ${guest.id}, ${drinks[drink]})`;
  for (const status of ['preparing', 'ready', 'served']) await sql`update public.orders set status = ${status} where id = ${id}`;
  return id;
}

beforeAll(async () => {
  host = await addHost(sql);
  ({ drinks } = await addMenu(sql, ['Rated Sour', 'Rated Fizz']));
});
afterAll(() => sql.end());

describe('rating a served drink', () => {
  it('takes one tap, can be changed, and reaches the host', async () => {
    const guest = await addGuest(sql);
    const orderId = await servedOrder(guest);
    const liked = await guest.client.from('order_ratings').upsert({ order_id: orderId, rating: 'liked' }).select('order_id, user_key, rating').single();
    expect(liked.error).toBeNull();
    expect(liked.data).toEqual({ order_id: orderId, user_key: guest.id, rating: 'liked' });
    const changed = await guest.client.from('order_ratings').upsert({ order_id: orderId, rating: 'not_for_me' }).select('rating').single();
    expect(changed.data).toEqual({ rating: 'not_for_me' });
    // What the recap reads: orders with their rating.
    const { data } = await host.client.from('orders').select('drink_name, order_ratings(rating)').eq('id', orderId).single();
    expect(data).toEqual({ drink_name: 'Rated Sour', order_ratings: { rating: 'not_for_me' } });
  });

  it('refuses orders not yet served, other guests’ orders, unknown ratings, and strangers', async () => {
    const guest = await addGuest(sql);
    const other = await addGuest(sql);
    const pending = randomUUID();
    await sql`insert into public.orders (id, user_key, drink_id) values (${pending}, ${guest.id}, ${drinks['Rated Fizz']})`;
    const early = await guest.client.from('order_ratings').insert({ order_id: pending, rating: 'liked' });
    expect(early.error?.code).toBe('42501');

    const othersOrder = await servedOrder(other);
    const meddling = await guest.client.from('order_ratings').insert({ order_id: othersOrder, rating: 'not_for_me' });
    expect(meddling.error?.code).toBe('42501');
    const asOther = await guest.client.from('order_ratings').insert({ order_id: othersOrder, user_key: other.id, rating: 'liked' });
    expect(asOther.error?.code).toBe('42501');

    const own = await servedOrder(guest);
    const unknown = await guest.client.from('order_ratings').insert({ order_id: own, rating: 'meh' });
    expect(unknown.status).toBe(400);
    expect(unknown.error?.message).toContain('order_ratings_rating_known');

    await other.client.from('order_ratings').insert({ order_id: othersOrder, rating: 'liked' });
    expect((await guest.client.from('order_ratings').select('order_id')).data).toEqual([]);
    expect((await anonClient().from('order_ratings').select('order_id')).error).not.toBeNull();
    // Moving a rating onto someone else's order is refused too.
    await guest.client.from('order_ratings').insert({ order_id: own, rating: 'liked' });
    const moved = await guest.client.from('order_ratings').update({ order_id: othersOrder }).eq('order_id', own);
    expect(moved.error?.code).toBe('42501');
  });
});
