// Server → client WebSocket messages as bytes on the wire (RFC 6455 §5.2): one unfragmented, unmasked frame, built
// once and written as is to every socket that receives it. Fan-out to 1,000 sockets then costs one `write` of a
// shared Buffer per socket: no per-socket header, no copy, no `ws` Sender work. Pure: no I/O.

declare const wireBrand: unique symbol;

/** A complete WebSocket message (frame header and payload), ready for `socket.write`. */
export type WireFrame = Buffer & { readonly [wireBrand]: true };

const FIN = 0x80;
const OPCODE_TEXT = 0x1;
const OPCODE_BINARY = 0x2;

/** Header bytes before a payload of `length` bytes: 7-bit, 16-bit or 64-bit length (§5.2). */
function headerLength(length: number): number {
  return length < 126 ? 2 : length < 65536 ? 4 : 10;
}

/**
 * A frame with room for `payloadLength` payload bytes: the header is written, the payload starts at `offset` and is
 * the caller's to fill (so a payload is encoded straight into the frame, without a copy).
 */
export function allocateWireFrame(binary: boolean, payloadLength: number): { frame: WireFrame; offset: number } {
  const offset = headerLength(payloadLength);
  const frame = Buffer.allocUnsafe(offset + payloadLength);
  frame[0] = FIN | (binary ? OPCODE_BINARY : OPCODE_TEXT);
  if (offset === 2) {
    frame[1] = payloadLength;
  } else if (offset === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(payloadLength, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(payloadLength), 2);
  }
  return { frame: frame as WireFrame, offset };
}

/** A text message (UTF-8). */
export function textWireFrame(text: string): WireFrame {
  const { frame, offset } = allocateWireFrame(false, Buffer.byteLength(text));
  frame.write(text, offset, 'utf8');
  return frame;
}

/** A binary message. */
export function binaryWireFrame(bytes: Uint8Array): WireFrame {
  const { frame, offset } = allocateWireFrame(true, bytes.length);
  frame.set(bytes, offset);
  return frame;
}

/** The inverse, for tests and diagnostics: what a client reads from one frame this module built. */
export function readWireFrame(frame: Uint8Array): { binary: boolean; data: Buffer } {
  const bytes = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  const opcode = bytes[0]! & 0x0f;
  const short = bytes[1]! & 0x7f;
  const offset = short < 126 ? 2 : short === 126 ? 4 : 10;
  const length = short < 126 ? short : short === 126 ? bytes.readUInt16BE(2) : Number(bytes.readBigUInt64BE(2));
  if (offset + length !== bytes.length) throw new Error('not one complete frame');
  return { binary: opcode === OPCODE_BINARY, data: bytes.subarray(offset) };
}
