import { describe, expect, it } from 'vitest';
import Serializer from '@supabase/realtime-js/dist/main/lib/serializer.js';
import { decodeFrame, encodeText, encodeUserBroadcast, FrameError, jsonBytes, OutgoingBroadcast, type Vsn } from './framing.ts';
import { readWireFrame } from './wire.ts';

const text = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

/** What realtime-js itself puts on the wire for a v2 push (its own serializer, not a copy of it). */
function realtimeJsEncode(message: {
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}): Uint8Array {
  let out: ArrayBuffer | string = '';
  new Serializer().encode(message, (result: ArrayBuffer | string) => (out = result));
  return typeof out === 'string' ? text(out) : new Uint8Array(out);
}

describe('decodeFrame', () => {
  const table: Array<{ name: string; vsn: Vsn; frame: unknown; expected: object }> = [
    {
      name: 'v2 array',
      vsn: '2.0.0',
      frame: ['1', '2', 'realtime:room', 'phx_join', { config: {} }],
      expected: { joinRef: '1', ref: '2', topic: 'realtime:room', event: 'phx_join', payload: { config: {} } },
    },
    {
      name: 'v2 heartbeat with null join_ref',
      vsn: '2.0.0',
      frame: [null, '3', 'phoenix', 'heartbeat', {}],
      expected: { joinRef: null, ref: '3', topic: 'phoenix', event: 'heartbeat', payload: {} },
    },
    {
      name: 'v1 object',
      vsn: '1.0.0',
      frame: { topic: 'realtime:room', event: 'phx_join', payload: {}, ref: '1', join_ref: '1' },
      expected: { joinRef: '1', ref: '1', topic: 'realtime:room', event: 'phx_join', payload: {} },
    },
    {
      name: 'v1 object without join_ref',
      vsn: '1.0.0',
      frame: { topic: 'phoenix', event: 'heartbeat', payload: {}, ref: '5' },
      expected: { joinRef: null, ref: '5', topic: 'phoenix', event: 'heartbeat', payload: {} },
    },
  ];
  for (const { name, vsn, frame, expected } of table) {
    it(`decodes ${name}`, () => {
      const decoded = decodeFrame(vsn, text(frame), false);
      expect(decoded.kind).toBe('message');
      expect(decoded.message).toEqual(expected);
    });
  }

  it('decodes a v1 text broadcast into a JSON user broadcast', () => {
    const frame = { topic: 'realtime:room', event: 'broadcast', payload: { type: 'broadcast', event: 'ping', payload: { n: 1 } }, ref: '7', join_ref: '1' };
    const decoded = decodeFrame('1.0.0', text(frame), false);
    expect(decoded.kind).toBe('broadcast');
    if (decoded.kind !== 'broadcast') return;
    expect(decoded.broadcast.event).toBe('ping');
    expect(decoded.broadcast.encoding).toBe('json');
    expect(JSON.parse(new TextDecoder().decode(decoded.broadcast.payload))).toEqual({ n: 1 });
  });

  it('decodes the kind 3 frame realtime-js sends for a JSON broadcast', () => {
    const bytes = realtimeJsEncode({
      join_ref: '1',
      ref: '9',
      topic: 'realtime:café',
      event: 'broadcast',
      payload: { type: 'broadcast', event: 'änd', payload: { drink: 'Mojito 🍹' } },
    });
    expect(bytes[0]).toBe(3);
    const decoded = decodeFrame('2.0.0', bytes, true);
    expect(decoded.kind).toBe('broadcast');
    if (decoded.kind !== 'broadcast') return;
    expect(decoded.message).toMatchObject({ joinRef: '1', ref: '9', topic: 'realtime:café', event: 'broadcast' });
    expect(decoded.broadcast.event).toBe('änd');
    expect((decoded.message.payload as { payload: unknown }).payload).toEqual({ drink: 'Mojito 🍹' });
  });

  it('decodes a kind 3 frame with a binary payload', () => {
    const body = new Uint8Array([1, 2, 3, 250]).buffer;
    const bytes = realtimeJsEncode({
      join_ref: '1',
      ref: '2',
      topic: 'realtime:room',
      event: 'broadcast',
      payload: { type: 'broadcast', event: 'blob', payload: body },
    });
    const decoded = decodeFrame('2.0.0', bytes, true);
    if (decoded.kind !== 'broadcast') throw new Error('expected a broadcast');
    expect(decoded.broadcast.encoding).toBe('binary');
    expect([...decoded.broadcast.payload]).toEqual([1, 2, 3, 250]);
  });

  const malformed: Array<{ name: string; vsn: Vsn; data: Uint8Array; binary: boolean }> = [
    { name: 'not JSON', vsn: '2.0.0', data: text('{nope'), binary: false },
    { name: 'v2 object instead of array', vsn: '2.0.0', data: text({ topic: 'x', event: 'y' }), binary: false },
    { name: 'v2 array of 4', vsn: '2.0.0', data: text([null, '1', 'phoenix', 'heartbeat']), binary: false },
    { name: 'v1 array', vsn: '1.0.0', data: text([null, '1', 'phoenix', 'heartbeat', {}]), binary: false },
    { name: 'numeric topic', vsn: '2.0.0', data: text([null, '1', 42, 'heartbeat', {}]), binary: false },
    { name: 'invalid UTF-8', vsn: '2.0.0', data: new Uint8Array([0xff, 0xfe]), binary: false },
    { name: 'binary on v1', vsn: '1.0.0', data: new Uint8Array([3, 0, 0, 0, 0, 0, 1]), binary: true },
    { name: 'kind 4 from a client', vsn: '2.0.0', data: new Uint8Array([4, 0, 0, 0, 1]), binary: true },
    { name: 'truncated kind 3', vsn: '2.0.0', data: new Uint8Array([3, 5, 0, 0, 0, 0, 1, 65]), binary: true },
    { name: 'short header', vsn: '2.0.0', data: new Uint8Array([3, 0]), binary: true },
    { name: 'unknown encoding', vsn: '2.0.0', data: new Uint8Array([3, 0, 0, 0, 0, 0, 9]), binary: true },
    { name: 'kind 3 with bad JSON payload', vsn: '2.0.0', data: new Uint8Array([3, 0, 0, 0, 0, 0, 1, 123]), binary: true },
  ];
  for (const { name, vsn, data, binary } of malformed) {
    it(`rejects ${name}`, () => {
      expect(() => decodeFrame(vsn, data, binary)).toThrow(FrameError);
    });
  }
});

describe('encoding', () => {
  it('encodes text frames per version', () => {
    const message = { joinRef: '1', ref: '2', topic: 'realtime:room', event: 'phx_reply', payload: { status: 'ok', response: {} } };
    expect(JSON.parse(encodeText('2.0.0', message))).toEqual(['1', '2', 'realtime:room', 'phx_reply', { status: 'ok', response: {} }]);
    expect(JSON.parse(encodeText('1.0.0', message))).toEqual({
      join_ref: '1',
      ref: '2',
      topic: 'realtime:room',
      event: 'phx_reply',
      payload: { status: 'ok', response: {} },
    });
  });

  it('encodes kind 4 frames that realtime-js decodes', () => {
    const frame = encodeUserBroadcast('realtime:orders:é', {
      event: 'ORDER_STATUS_CHANGED',
      encoding: 'json',
      payload: jsonBytes({ status: 'ready' }),
      meta: { id: 'abc' },
    });
    let decoded: unknown;
    const buffer = new Uint8Array(frame).buffer;
    new Serializer().decode(buffer, (result: unknown) => (decoded = result));
    expect(decoded).toEqual({
      join_ref: null,
      ref: null,
      topic: 'realtime:orders:é',
      event: 'broadcast',
      payload: { type: 'broadcast', event: 'ORDER_STATUS_CHANGED', payload: { status: 'ready' }, meta: { id: 'abc' } },
    });
  });

  it('builds each frame once and refuses binary payloads to v1 sockets', () => {
    const json = new OutgoingBroadcast('realtime:room', { event: 'e', encoding: 'json', payload: jsonBytes({ a: 1 }) });
    expect(json.frame('2.0.0')).toBe(json.frame('2.0.0'));
    expect(json.frame('1.0.0')).toBe(json.frame('1.0.0'));
    expect(JSON.parse(readWireFrame(json.frame('1.0.0')!).data.toString('utf8'))).toEqual({
      join_ref: null,
      ref: null,
      topic: 'realtime:room',
      event: 'broadcast',
      payload: { type: 'broadcast', event: 'e', payload: { a: 1 } },
    });
    const binary = new OutgoingBroadcast('realtime:room', { event: 'e', encoding: 'binary', payload: new Uint8Array([1]) });
    expect(binary.frame('1.0.0')).toBeNull();
    expect(readWireFrame(binary.frame('2.0.0')!).binary).toBe(true);
  });

  it('frames a v2 broadcast as one binary WebSocket message holding exactly the kind 4 frame', () => {
    const broadcast = { event: 'E', encoding: 'json' as const, payload: jsonBytes({ status: 'ready' }), meta: { id: 'abc' } };
    const wire = readWireFrame(new OutgoingBroadcast('realtime:orders:é', broadcast).frame('2.0.0')!);
    expect(wire.binary).toBe(true);
    expect(wire.data).toEqual(encodeUserBroadcast('realtime:orders:é', broadcast));
  });

  it('sends names too long for a binary frame to v2 sockets as a text message, and nothing for a payload that is not JSON', () => {
    const long = new OutgoingBroadcast('realtime:room', { event: 'E'.repeat(300), encoding: 'json', payload: jsonBytes({ a: 1 }) });
    const wire = readWireFrame(long.frame('2.0.0')!);
    expect(wire.binary).toBe(false);
    expect(JSON.parse(wire.data.toString('utf8'))[4]).toEqual({ type: 'broadcast', event: 'E'.repeat(300), payload: { a: 1 } });
    const broken = new OutgoingBroadcast('realtime:room', { event: 'e', encoding: 'json', payload: new TextEncoder().encode('{nope') });
    expect(broken.frame('1.0.0')).toBeNull();
  });
});
