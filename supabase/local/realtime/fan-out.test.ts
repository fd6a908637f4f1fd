import { describe, expect, it } from 'vitest';
import type { Channel, Outbox } from './channel.ts';
import { FanOut, parseNotification } from './fan-out.ts';
import { jsonBytes, type Vsn } from './framing.ts';

function channel(name: string, options: { isPrivate?: boolean; vsn?: Vsn; read?: boolean } = {}): Channel & { frames: Array<string | Buffer> } {
  const frames: Array<string | Buffer> = [];
  const outbox: Outbox = { vsn: options.vsn ?? '2.0.0', address: '10.0.0.1', push: () => {}, sendFrame: (frame) => frames.push(frame) };
  const isPrivate = options.isPrivate ?? true;
  return {
    frames,
    outbox,
    topic: `realtime:${name}`,
    name,
    joinRef: '1',
    isPrivate,
    self: false,
    ack: false,
    presenceEnabled: false,
    presenceKey: 'k',
    token: 't',
    claims: { role: 'authenticated', exp: 0 },
    policies: isPrivate ? { broadcastRead: options.read ?? true, presenceRead: null, broadcastWrite: null, presenceWrite: null } : null,
  };
}

describe('parseNotification', () => {
  it('splits the header from the payload text without parsing the payload', () => {
    expect(parseNotification('{"id": "a", "topic": "orders:1", "event": "E", "private": true}\n{"status": "ready"}')).toEqual({
      id: 'a',
      topic: 'orders:1',
      event: 'E',
      private: true,
      payload: '{"status": "ready"}',
    });
  });
  it('leaves payloads to fetch unset and rejects junk', () => {
    const toFetch = parseNotification('{"id": "a", "topic": "t", "event": null, "private": false, "fetch": true}\n');
    expect(toFetch?.fetch).toBe(true);
    expect(toFetch?.payload).toBeUndefined();
    expect(parseNotification('{"id": "a"}')).toBeUndefined();
    expect(parseNotification('nope\n{}')).toBeUndefined();
    expect(parseNotification('{"id": 1, "topic": "t", "private": true}\n{}')).toBeUndefined();
  });
});

describe('FanOut', () => {
  it('delivers to readers of the topic, once per protocol version, keeping public and private apart', () => {
    const fanOut = new FanOut();
    const a = channel('room');
    const b = channel('room');
    const v1 = channel('room', { vsn: '1.0.0' });
    const blocked = channel('room', { read: false });
    const publicOne = channel('room', { isPrivate: false });
    const elsewhere = channel('other');
    for (const c of [a, b, v1, blocked, publicOne, elsewhere]) fanOut.subscribe(c);

    const count = fanOut.deliver(true, 'room', { event: 'E', encoding: 'json', payload: jsonBytes({ n: 1 }), meta: { id: 'x' } }, b);
    expect(count).toBe(2);
    expect(a.frames).toHaveLength(1);
    expect(b.frames).toHaveLength(0);
    expect(blocked.frames).toHaveLength(0);
    expect(publicOne.frames).toHaveLength(0);
    expect(elsewhere.frames).toHaveLength(0);
    expect(JSON.parse(v1.frames[0] as string).payload).toEqual({ type: 'broadcast', event: 'E', payload: { n: 1 }, meta: { id: 'x' } });

    fanOut.unsubscribe(a);
    expect(fanOut.deliver(true, 'room', { event: 'E', encoding: 'json', payload: jsonBytes({}) })).toBe(2);
  });

  it('delivers topics and event names longer than a binary frame carries to every subscriber, as text', () => {
    const fanOut = new FanOut();
    const name = `room-${'x'.repeat(300)}`;
    const subscribers = [channel(name), channel(name), channel(name, { vsn: '1.0.0' })];
    for (const c of subscribers) fanOut.subscribe(c);
    const event = 'E'.repeat(300);
    expect(fanOut.deliver(true, name, { event, encoding: 'json', payload: jsonBytes({ n: 1 }), meta: { id: 'x' } })).toBe(3);
    for (const c of subscribers) {
      expect(c.frames).toHaveLength(1);
      const frame = JSON.parse(c.frames[0] as string);
      const payload = Array.isArray(frame) ? frame[4] : frame.payload;
      expect(payload).toEqual({ type: 'broadcast', event, payload: { n: 1 }, meta: { id: 'x' } });
    }
  });
});
