import { describe, expect, it } from 'vitest';
import { ageOf, formatAge, groupIntoLanes, servedToday } from './queue';

const at = (minutesAgo: number, now: number) => new Date(now - minutesAgo * 60_000).toISOString();
const now = Date.parse('2026-11-27T22:00:00Z');
const order = (id: string, status: string, minutesAgo: number, completedMinutesAgo?: number) => ({
  id,
  status: status as never,
  created_at: at(minutesAgo, now),
  updated_at: at(minutesAgo, now),
  completed_at: completedMinutesAgo === undefined ? null : at(completedMinutesAgo, now),
});

describe('host queue', () => {
  it('puts open orders into lanes, oldest first, and leaves finished ones out', () => {
    const lanes = groupIntoLanes([
      order('b', 'pending', 1),
      order('a', 'pending', 5),
      order('c', 'ready', 2),
      order('d', 'served', 9),
      order('e', 'cancelled', 3),
    ]);
    expect({ pending: lanes.pending.map((o) => o.id), preparing: lanes.preparing, ready: lanes.ready.map((o) => o.id) }).toEqual({
      pending: ['a', 'b'],
      preparing: [],
      ready: ['c'],
    });
  });

  it('colours by age since the last change', () => {
    expect([1, 5, 12].map((minutes) => ageOf(order('x', 'pending', minutes), now))).toEqual(['fresh', 'waiting', 'late']);
  });

  it('formats ages compactly', () => {
    expect([at(0.5, now), at(7, now), at(75, now)].map((since) => formatAge(since, now))).toEqual(['30s', '7m', '1h 15m']);
  });

  it('counts orders served in the last 24 hours', () => {
    expect(servedToday([order('a', 'served', 100, 90), order('b', 'served', 2000, 1500), order('c', 'ready', 1)], now)).toBe(1);
  });
});
