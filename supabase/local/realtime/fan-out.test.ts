import { describe, expect, it } from 'vitest';
import type { Channel, Outbox } from './channel.ts';
import { FanOut, parseNotification } from './fan-out.ts';
import { jsonBytes, type Vsn } from './framing.ts';
import { readWireFrame, type WireFrame } from './wire.ts';

/** What the client reads from each message it was sent: text as a string, binary as bytes. */
function channel(
  name: string,
  options: { isPrivate?: boolean; vsn?: Vsn; read?: boolean } = {},
): Channel & { frames: Array<string | Buffer>; sent: WireFrame[] } {
  const frames: Array<string | Buffer> = [];
  const sent: WireFrame[] = [];
  const sendFrame = (frame: WireFrame) => {
    sent.push(frame);
    const { binary, data } = readWireFrame(frame);
    frames.push(binary ? data : data.toString('utf8'));
  };
  const outbox: Outbox = { vsn: options.vsn ?? '2.0.0', address: '10.0.0.1', push: () => {}, sendFrame };
  const isPrivate = options.isPrivate ?? true;
  return {
    frames,
    sent,
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

  it('hands every subscriber of a protocol version the very same message bytes', () => {
    const fanOut = new FanOut();
    const v2 = [channel('room'), channel('room'), channel('room')];
    const v1 = [channel('room', { vsn: '1.0.0' }), channel('room', { vsn: '1.0.0' })];
    for (const c of [...v2, ...v1]) fanOut.subscribe(c);
    expect(fanOut.deliver(true, 'room', { event: 'E', encoding: 'json', payload: jsonBytes({ n: 1 }), meta: { id: 'x' } })).toBe(5);
    for (const c of v2) expect(c.sent[0]).toBe(v2[0]!.sent[0]);
    for (const c of v1) expect(c.sent[0]).toBe(v1[0]!.sent[0]);
    expect(v1[0]!.sent[0]).not.toBe(v2[0]!.sent[0]);
  });

  it('skips what a protocol version cannot carry and still delivers to the others', () => {
    const fanOut = new FanOut();
    const v2 = channel('room');
    const v1 = channel('room', { vsn: '1.0.0' });
    for (const c of [v2, v1]) fanOut.subscribe(c);
    expect(fanOut.deliver(true, 'room', { event: 'E', encoding: 'binary', payload: new Uint8Array([1, 2]) })).toBe(1);
    expect(v2.frames).toHaveLength(1);
    expect(v1.frames).toHaveLength(0);
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
