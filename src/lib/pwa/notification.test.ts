import { describe, expect, it } from 'vitest';
import { notificationFor, safeAppPath } from './notification.ts';

const orderId = '2b7e1516-28ae-4d2a-abf7-158809cf4f3c';

describe('notificationFor', () => {
  it('names the drink, vibrates and opens the order', () => {
    const shown = notificationFor({ type: 'order_ready', order_id: orderId, drink_name: 'Mojito' });
    expect(shown.title).toBe('Your Mojito is ready!');
    expect(shown.options).toMatchObject({ icon: '/pwa-192x192.png', tag: `order-${orderId}`, data: { url: `/orders/${orderId}` } });
    expect(shown.options.vibrate?.length).toBeGreaterThan(0);
  });

  it('falls back to a generic text and the orders list for an incomplete payload', () => {
    expect(notificationFor(null)).toMatchObject({ title: 'Your drink is ready!', options: { data: { url: '/orders' } } });
    expect(notificationFor({ order_id: 'not-a-uuid' }).options.tag).toBe('order-ready');
  });

  it('describes a new order for the host', () => {
    const shown = notificationFor({ type: 'new_order', order_id: orderId, drink_name: 'Negroni', username: 'Sam', url: '/host' });
    expect(shown.title).toBe('New order: Negroni');
    expect(shown.options.body).toBe('Sam ordered.');
    expect(shown.options.data).toEqual({ url: '/host' });
  });
});

describe('safeAppPath', () => {
  it.each([
    ['/orders/1', '/orders/1'],
    ['https://evil.example/', '/x'],
    ['//evil.example', '/x'],
    ['javascript:alert(1)', '/x'],
    [42, '/x'],
  ])('%s → %s', (input, expected) => expect(safeAppPath(input, '/x')).toBe(expected));
});
