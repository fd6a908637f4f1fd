// Server → client WebSocket messages as bytes on the wire: one unfragmented, unmasked frame (RFC 6455 §5.2), built
// once by ws's own framer and written as is to every socket that receives it. Fan-out to 1,000 sockets then costs
// one `write` of a shared Buffer per socket: no per-socket header, no copy, no per-socket Sender work.
import * as ws from 'ws';

declare const wireBrand: unique symbol;

/** A complete WebSocket message (frame header and payload), ready for `socket.write`. */
export type WireFrame = Buffer & { readonly [wireBrand]: true };

interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}
/** ws's framer and parser: exported by ws (its `Sender.frame` is what `ws.send` uses), not declared by @types/ws. */
const { Sender, Receiver } = ws as unknown as {
  Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] };
  Receiver: new (options: { isServer: boolean; maxPayload: number }) => NodeJS.WritableStream & {
    on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): unknown;
    on(event: 'error', listener: (error: Error) => void): unknown;
  };
};

const OPCODE_TEXT = 0x1;
const OPCODE_BINARY = 0x2;

function wireFrame(payload: Buffer, opcode: number): WireFrame {
  // Server frames are never masked; readOnly: false lets ws skip a defensive copy of the payload.
  return Buffer.concat(Sender.frame(payload, { fin: true, opcode, mask: false, readOnly: false, rsv1: false })) as WireFrame;
}

/** A text message (UTF-8). */
export function textWireFrame(text: string): WireFrame {
  return wireFrame(Buffer.from(text, 'utf8'), OPCODE_TEXT);
}

/** A binary message. */
export function binaryWireFrame(bytes: Uint8Array): WireFrame {
  return wireFrame(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), OPCODE_BINARY);
}

/** The inverse, for tests and diagnostics: what a ws client reads from one frame built here. */
export function readWireFrame(frame: Uint8Array): { binary: boolean; data: Buffer } {
  let read: { binary: boolean; data: Buffer } | undefined;
  const receiver = new Receiver({ isServer: false, maxPayload: 0 });
  receiver.on('message', (data, isBinary) => (read = { binary: isBinary, data }));
  receiver.on('error', () => {});
  receiver.write(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength));
  if (!read) throw new Error('not one complete frame');
  return read;
}
