// Queue position and estimate (issue #15) with real supabase-js clients: "N drinks ahead of you" and "about M
// minutes" for a queue of several guests, computed in the database, pushed live as QUEUE_POSITIONS on each
// guest's own channel as the host works, and never a word about another guest's orders. The queue is the
// whole bar's, so this file runs its own stack: parallel test files' orders would stand in it otherwise.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql } from '../support/clients.ts';
import { joinPrivate, type Joined } from '../support/channels.ts';
import { addGuest, addHost, type Person } from '../support/party.ts';
import { makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

interface Position {
  order_id: string;
  ahead: number;
  minutes: number;
}

let stack: StackProcess;
let dataDir: string;
let sql: ReturnType<typeof adminSql>;
let host: Person;
const drinks: Record<string, string> = {};

async function order(guest: Person, drink: string): Promise<string> {
  const id = randomUUID();
  const { error } = await guest.client.from('orders').insert({ id, drink_id: drinks[drink] });
  expect(error).toBeNull();
  return id;
}

async function positionsOf(guest: Person): Promise<Position[]> {
  const { data, error } = await guest.client.rpc('queue_positions');
  expect(error).toBeNull();
  return data as Position[];
}

async function move(orderId: string, status: string) {
  const { error } = await host.client.from('orders').update({ status }).eq('id', orderId);
  expect(error).toBeNull();
}

/** Waits until the guest's channel carried QUEUE_POSITIONS equal to `expected`. */
async function livePositions(joined: Joined, expected: Position[]) {
  const event = await joined.next((each) => each.event === 'QUEUE_POSITIONS' && isDeepStrictEqual(each.payload.positions, expected), 5000);
  return event.payload.positions as Position[];
}

beforeAll(async () => {
  dataDir = await makeDataDir();
  stack = await startStackProcess({ dataDir });
  sql = adminSql(stack);
  host = await addHost(sql, stack);
  const [section] = await sql`insert into public.sections (name) values ('Queue') returning id`;
  for (const [name, prep] of [
    ['Quick', 2],
    ['Slow', 5],
    ['Unknown', null],
  ] as const) {
    const recipe = { ingredients: [{ name: `${name} base`, optional: false }], steps: ['Mix'], prep_time_minutes: prep };
    const [row] = await sql`insert into public.drinks (section_id, name, recipe) values (${section.id}, ${name}, ${sql.json(recipe)}) returning id`;
    drinks[name] = row.id as string;
  }
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await stack?.stop();
  if (dataDir) await removeDataDir(dataDir);
});

describe('queue positions', () => {
  it('are right for several guests, change live as the host works, and show each guest only their own', async () => {
    const [ana, ben, cem] = [await addGuest(sql, 'Ana', stack), await addGuest(sql, 'Ben', stack), await addGuest(sql, 'Cem', stack)];
    const live = {
      ana: await joinPrivate(ana.client, `orders:${ana.id}`, ['QUEUE_POSITIONS']),
      ben: await joinPrivate(ben.client, `orders:${ben.id}`, ['QUEUE_POSITIONS']),
      cem: await joinPrivate(cem.client, `orders:${cem.id}`, ['QUEUE_POSITIONS']),
    };
    try {
      const ana1 = await order(ana, 'Quick'); // 2 minutes
      const ben1 = await order(ben, 'Slow'); // 5 minutes
      const cem1 = await order(cem, 'Unknown'); // no time in the recipe: 3 minutes
      const ana2 = await order(ana, 'Slow');

      // First come, first served: the minutes add up what is ahead and the drink itself.
      const anaFirst = [
        { order_id: ana1, ahead: 0, minutes: 2 },
        { order_id: ana2, ahead: 3, minutes: 15 },
      ];
      expect(await positionsOf(ana)).toEqual(anaFirst);
      expect(await positionsOf(ben)).toEqual([{ order_id: ben1, ahead: 1, minutes: 7 }]);
      expect(await positionsOf(cem)).toEqual([{ order_id: cem1, ahead: 2, minutes: 10 }]);
      expect(await livePositions(live.ana, anaFirst)).toEqual(anaFirst);
      await livePositions(live.cem, [{ order_id: cem1, ahead: 2, minutes: 10 }]);

      // The host starts Ben's drink: what is being made goes first.
      await move(ben1, 'preparing');
      await livePositions(live.ben, [{ order_id: ben1, ahead: 0, minutes: 5 }]);
      await livePositions(live.ana, [
        { order_id: ana1, ahead: 1, minutes: 7 },
        { order_id: ana2, ahead: 3, minutes: 15 },
      ]);
      await livePositions(live.cem, [{ order_id: cem1, ahead: 2, minutes: 10 }]);

      // Ben's drink is ready, Ana's first is cancelled: everyone behind moves up; Ben's queue is empty.
      await move(ben1, 'ready');
      await move(ana1, 'cancelled');
      await livePositions(live.ben, []);
      await livePositions(live.cem, [{ order_id: cem1, ahead: 0, minutes: 3 }]);
      await livePositions(live.ana, [{ order_id: ana2, ahead: 1, minutes: 8 }]);
      expect(await positionsOf(ana)).toEqual([{ order_id: ana2, ahead: 1, minutes: 8 }]);
      expect(await positionsOf(ben)).toEqual([]);

      // No channel ever carried another guest's order.
      const own = { ana: [ana1, ana2], ben: [ben1], cem: [cem1] };
      for (const [name, joined] of Object.entries(live)) {
        const seen = joined.events.flatMap((event) => (event.payload.positions as Position[]).map((position) => position.order_id));
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.every((id) => own[name as keyof typeof own].includes(id))).toBe(true);
        // Only positions (and the message id Realtime adds), nothing else about the queue.
        for (const event of joined.events) expect(Object.keys(event.payload).filter((key) => key !== 'id')).toEqual(['positions']);
      }
    } finally {
      for (const [person, joined] of [
        [ana, live.ana],
        [ben, live.ben],
        [cem, live.cem],
      ] as const)
        await person.client.removeChannel(joined.channel);
    }
  });

  it('tells a guest nothing about other guests’ orders, whatever they ask', async () => {
    const dan = await addGuest(sql, 'Dan', stack);
    const eve = await addGuest(sql, 'Eve', stack);
    const evesOrder = await order(eve, 'Quick');
    expect(await positionsOf(dan)).toEqual([]);
    // No arguments to smuggle another guest in, and the computation itself is not exposed.
    const withArgs = await dan.client.rpc('queue_positions', { user_key: eve.id });
    expect(withArgs.error).not.toBeNull();
    const inner = await dan.client.schema('private' as never).rpc('queue_positions');
    expect(inner.error).not.toBeNull();
    // Nor can Dan listen on Eve's channel.
    await expect(joinPrivate(dan.client, `orders:${eve.id}`, ['QUEUE_POSITIONS'])).rejects.toThrow(/Unauthorized/);
    // A deactivated guest learns nothing either.
    await sql`update public.guests set is_active = false where user_key = ${eve.id}`;
    expect(await positionsOf(eve)).toEqual([]);
    expect(evesOrder).toBeTruthy();
  });
});
