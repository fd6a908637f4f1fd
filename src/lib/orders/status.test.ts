import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, canTransition, countsAsOpen, isOrderStatus, nextHostStatus, progressStep, type OrderStatus } from './status.ts';

describe('order status rules', () => {
  it.each([
    ['pending', 'preparing', 'host', true],
    ['pending', 'preparing', 'guest', false],
    ['pending', 'cancelled', 'guest', true],
    ['pending', 'cancelled', 'host', true],
    ['preparing', 'ready', 'host', true],
    ['preparing', 'cancelled', 'host', true],
    ['preparing', 'cancelled', 'guest', false],
    ['ready', 'served', 'host', true],
    ['ready', 'served', 'guest', false],
    ['ready', 'cancelled', 'host', false],
    ['served', 'pending', 'host', false],
    ['cancelled', 'pending', 'host', false],
    ['pending', 'ready', 'host', false],
    ['pending', 'pending', 'host', false],
  ] as const)('%s → %s by %s: %s', (from, to, actor, allowed) => {
    expect(canTransition(from, to, actor)).toBe(allowed);
  });

  it('the guest can only ever cancel a pending order', () => {
    const guestMoves = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.filter((to) => canTransition(from, to, 'guest')).map((to) => `${from}→${to}`));
    expect(guestMoves).toEqual(['pending→cancelled']);
  });

  it('the host steps forward one status per tap and stops at served', () => {
    const path: OrderStatus[] = ['pending'];
    for (let next = nextHostStatus('pending'); next; next = nextHostStatus(next)) path.push(next);
    expect(path).toEqual(['pending', 'preparing', 'ready', 'served']);
    expect(nextHostStatus('cancelled')).toBeNull();
    for (let i = 0; i < path.length - 1; i++) expect(canTransition(path[i], path[i + 1], 'host')).toBe(true);
  });

  it('pending and preparing count against the open-orders limit', () => {
    expect(ORDER_STATUSES.filter(countsAsOpen)).toEqual(['pending', 'preparing']);
  });

  it('recognises statuses and their progress', () => {
    expect(isOrderStatus('ready')).toBe(true);
    expect(isOrderStatus('lost')).toBe(false);
    expect(progressStep('ready')).toBe(2);
    expect(progressStep('cancelled')).toBe(-1);
  });
});
