import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { SocketWriter } from './socket-writer.ts';
import { textWireFrame } from './wire.ts';

/** A real Writable that records how its bytes reached it: one `write` each, or several at once by `writev`. */
function recordingStream() {
  const calls: string[][] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      calls.push([chunk.toString('latin1')]);
      done();
    },
    writev(chunks, done) {
      calls.push(chunks.map(({ chunk }) => (chunk as Buffer).toString('latin1')));
      done();
    },
  });
  return { stream, calls };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const payloads = (calls: string[][]) => calls.map((call) => call.map((bytes) => bytes.slice(2)));

describe('SocketWriter', () => {
  it('writes the first message of a turn at once', () => {
    const { stream, calls } = recordingStream();
    new SocketWriter(stream).write(textWireFrame('a'));
    expect(payloads(calls)).toEqual([['a']]);
  });

  it('sends further messages of the same turn together, in order, when the turn ends', async () => {
    const { stream, calls } = recordingStream();
    const writer = new SocketWriter(stream);
    writer.write(textWireFrame('a'));
    writer.write(textWireFrame('b'));
    writer.write(textWireFrame('c'));
    expect(payloads(calls)).toEqual([['a']]);
    expect(writer.bufferedBytes).toBe(6); // corked bytes count as not sent yet
    await nextTurn();
    expect(payloads(calls)).toEqual([['a'], ['b', 'c']]);
    expect(writer.bufferedBytes).toBe(0);
  });

  it('does not hold back messages of later turns', async () => {
    const { stream, calls } = recordingStream();
    const writer = new SocketWriter(stream);
    writer.write(textWireFrame('a'));
    await nextTurn();
    writer.write(textWireFrame('b'));
    await Promise.resolve();
    await nextTurn();
    writer.write(textWireFrame('c'));
    expect(payloads(calls)).toEqual([['a'], ['b'], ['c']]);
  });

  it('keeps each socket to its own batch', async () => {
    const first = recordingStream();
    const second = recordingStream();
    const writers = [new SocketWriter(first.stream), new SocketWriter(second.stream)];
    for (const text of ['1', '2']) for (const writer of writers) writer.write(textWireFrame(text));
    expect(payloads(first.calls)).toEqual([['1']]);
    expect(payloads(second.calls)).toEqual([['1']]);
    await nextTurn();
    expect(payloads(first.calls)).toEqual([['1'], ['2']]);
    expect(payloads(second.calls)).toEqual([['1'], ['2']]);
  });

  describe('on a real WebSocket connection', () => {
    let server: Server | undefined;
    afterEach(() => server?.close());

    it('reaches a ws client in order, before the close frame ws sends after them', async () => {
      const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
      server = createServer();
      server.on('upgrade', (request, socket: Duplex, head) =>
        wss.handleUpgrade(request, socket, head, (ws) => {
          const writer = new SocketWriter(socket);
          for (let n = 0; n < 50; n++) writer.write(textWireFrame(`m${n}`));
          ws.close(1001, 'bye'); // ws's own Sender, into the same (corked) socket
        }),
      );
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: false });
      const received: string[] = [];
      client.on('message', (data) => received.push(String(data)));
      const [code] = (await once(client, 'close')) as [number];
      expect(code).toBe(1001);
      expect(received).toEqual(Array.from({ length: 50 }, (_, n) => `m${n}`));
    });
  });
});
