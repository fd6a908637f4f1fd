import type { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { binaryWireFrame, readWireFrame, textWireFrame } from './wire.ts';

/** ws's own frame parser: exported by ws, not declared by @types/ws. */
const { Receiver } = ws as unknown as { Receiver: new (options: { isServer: boolean; maxPayload: number }) => Writable };

/** What `ws` on the client side (the transport realtime-js uses in Node) reads from bytes the server wrote. */
function receive(bytes: Buffer): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false, maxPayload: 0 });
    receiver.on('message', (data: Buffer, isBinary: boolean) => resolve({ data, isBinary }));
    receiver.on('error', reject);
    receiver.write(bytes);
  });
}

describe('wire frames', () => {
  // Each length form of RFC 6455 §5.2: 7-bit (≤ 125), 16-bit (126 … 65535) and 64-bit (≥ 65536).
  for (const length of [0, 1, 125, 126, 65535, 65536, 300_000]) {
    it(`frames ${length} bytes so that ws reads them back, binary and text`, async () => {
      const bytes = Buffer.alloc(length, 7);
      const binary = await receive(binaryWireFrame(bytes));
      expect(binary.isBinary).toBe(true);
      expect(binary.data.equals(bytes)).toBe(true);

      const text = 'é'.repeat(Math.floor(length / 2)) + (length % 2 ? 'x' : '');
      const framed = textWireFrame(text);
      const read = await receive(framed);
      expect(read.isBinary).toBe(false);
      expect(read.data.toString('utf8')).toBe(text);
      const own = readWireFrame(framed);
      expect(own.binary).toBe(false);
      expect(own.data.equals(Buffer.from(text))).toBe(true);
    });
  }

  it('is one unmasked final frame: FIN set, no mask bit', () => {
    const frame = textWireFrame('hi');
    expect([...frame]).toEqual([0x81, 2, 0x68, 0x69]);
    expect(binaryWireFrame(new Uint8Array([4]))[0]).toBe(0x82);
  });

  it('refuses to read anything but one complete frame', () => {
    expect(() => readWireFrame(textWireFrame('hello').subarray(0, 4))).toThrow(/one complete frame/);
  });
});
