import { describe, expect, it } from 'vitest';
import { Outbox, type PendingOrder } from './outbox';
import type { SendResult } from './outbox';

function memoryStorage() {
  const values = new Map<string, string>();
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) };
}
const pending = (id: string): PendingOrder => ({ id, drink_id: 'd', drink_name: 'Hugo', note: null, queued_at: '2026-11-27T20:00:00Z' });
const ok: SendResult = { status: 201, error: null };
const offline: SendResult = { status: 0, error: { message: 'TypeError: Failed to fetch' } };

describe('order outbox', () => {
  it('keeps orders across instances (a reload) until they are sent', async () => {
    const storage = memoryStorage();
    new Outbox(storage, 'k').add(pending('a'));
    const outbox = new Outbox(storage, 'k');
    expect(outbox.list().map((order) => order.id)).toEqual(['a']);
    const result = await outbox.flush(async () => ok);
    expect(result.sent.map((order) => order.id)).toEqual(['a']);
    expect(outbox.list()).toEqual([]);
  });

  it('stops at the network and keeps the rest in order', async () => {
    const outbox = new Outbox(memoryStorage(), 'k');
    outbox.add(pending('a'));
    outbox.add(pending('b'));
    const tried: string[] = [];
    const result = await outbox.flush(async (order) => (tried.push(order.id), offline));
    expect(tried).toEqual(['a']);
    expect(result.waiting).toBe(2);
    const thrown = await outbox.flush(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(thrown.waiting).toBe(2);
  });

  it('drops an order the bar refuses and says why', async () => {
    const outbox = new Outbox(memoryStorage(), 'k');
    outbox.add(pending('a'));
    const result = await outbox.flush(async () => ({ status: 400, error: { message: 'The bar is closed right now', details: 'bar_closed' } }));
    expect(result.refused).toEqual([{ order: pending('a'), problem: 'bar_closed' }]);
    expect(outbox.list()).toEqual([]);
  });

  it('sends each order once when flushes overlap', async () => {
    const outbox = new Outbox(memoryStorage(), 'k');
    outbox.add(pending('a'));
    let sends = 0;
    const send = async () => (sends++, await new Promise((resolve) => setTimeout(resolve, 5)), ok);
    await Promise.all([outbox.flush(send), outbox.flush(send)]);
    expect(sends).toBe(1);
  });

  it('survives a corrupted store', () => {
    const storage = memoryStorage();
    storage.setItem('k', '{not json');
    expect(new Outbox(storage, 'k').list()).toEqual([]);
  });
});
