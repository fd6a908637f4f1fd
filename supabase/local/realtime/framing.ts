// Bytes ↔ Phoenix messages, as realtime-js speaks them (lib/serializer.ts in @supabase/realtime-js).
// vsn 1.0.0: text frames holding JSON objects {join_ref, ref, topic, event, payload}.
// vsn 2.0.0: text frames holding JSON arrays [join_ref, ref, topic, event, payload]; binary frames of kind 3
// (client → server user broadcast push) and kind 4 (server → client user broadcast). Pure: no I/O.
import { binaryWireFrame, textWireFrame, type WireFrame } from './wire.ts';

export type Vsn = '1.0.0' | '2.0.0';
export const SUPPORTED_VSNS: readonly Vsn[] = ['1.0.0', '2.0.0'];

export interface PhoenixMessage {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
}

/** A user broadcast as it travels through the server: the user payload is kept encoded so it is serialized once. */
export interface UserBroadcast {
  event: string;
  /** `json`: `payload` is UTF-8 JSON text; `binary`: opaque bytes (only vsn 2.0.0 clients can receive them). */
  encoding: 'json' | 'binary';
  payload: Uint8Array;
  /** Sent as `meta` (e.g. `{id}` for messages from the database, `{replayed, id}` for replays). */
  meta?: Record<string, unknown>;
}

/** An inbound frame: a plain message, or (vsn 2.0.0 kind 3) a user broadcast push. */
export type InboundFrame = { kind: 'message'; message: PhoenixMessage } | { kind: 'broadcast'; message: PhoenixMessage; broadcast: UserBroadcast };

export class FrameError extends Error {}

const KIND_USER_BROADCAST_PUSH = 3;
const KIND_USER_BROADCAST = 4;
const ENCODING_BINARY = 0;
const ENCODING_JSON = 1;

const textDecoder = new TextDecoder('utf-8', { fatal: true });
const textEncoder = new TextEncoder();

function refOf(value: unknown, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new FrameError(`${field} must be a string or null`);
}

function stringOf(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new FrameError(`${field} must be a string`);
  return value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new FrameError('frame is not valid JSON');
  }
}

function decodeText(vsn: Vsn, text: string): PhoenixMessage {
  const parsed = parseJson(text);
  if (vsn === '2.0.0') {
    if (!Array.isArray(parsed) || parsed.length !== 5) throw new FrameError('vsn 2.0.0 text frames are arrays [join_ref, ref, topic, event, payload]');
    const [joinRef, ref, topic, event, payload] = parsed as unknown[];
    return { joinRef: refOf(joinRef, 'join_ref'), ref: refOf(ref, 'ref'), topic: stringOf(topic, 'topic'), event: stringOf(event, 'event'), payload };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new FrameError('vsn 1.0.0 frames are JSON objects');
  const object = parsed as Record<string, unknown>;
  return {
    joinRef: refOf(object.join_ref, 'join_ref'),
    ref: refOf(object.ref, 'ref'),
    topic: stringOf(object.topic, 'topic'),
    event: stringOf(object.event, 'event'),
    payload: object.payload,
  };
}

function decodeUserBroadcastPush(bytes: Uint8Array): InboundFrame {
  const headerLength = 7;
  if (bytes.length < headerLength) throw new FrameError('binary frame is shorter than its header');
  if (bytes[0] !== KIND_USER_BROADCAST_PUSH) throw new FrameError(`binary frames of kind ${bytes[0]} are not accepted`);
  const [joinRefSize, refSize, topicSize, eventSize, metadataSize, encodingByte] = bytes.subarray(1, headerLength);
  if (encodingByte !== ENCODING_BINARY && encodingByte !== ENCODING_JSON) throw new FrameError(`unknown payload encoding ${encodingByte}`);
  let offset = headerLength;
  const take = (size: number, field: string) => {
    if (offset + size > bytes.length) throw new FrameError(`binary frame is truncated in ${field}`);
    let text: string;
    try {
      text = textDecoder.decode(bytes.subarray(offset, offset + size));
    } catch {
      throw new FrameError(`${field} is not UTF-8`);
    }
    offset += size;
    return text;
  };
  const joinRef = take(joinRefSize, 'join_ref');
  const ref = take(refSize, 'ref');
  const topic = take(topicSize, 'topic');
  const event = take(eventSize, 'event');
  const metadataText = take(metadataSize, 'metadata');
  const payload = bytes.subarray(offset);
  let metadata: Record<string, unknown> | undefined;
  if (metadataText !== '') {
    const parsed = parseJson(metadataText);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new FrameError('metadata must be a JSON object');
    metadata = parsed as Record<string, unknown>;
  }
  const encoding = encodingByte === ENCODING_JSON ? 'json' : 'binary';
  let userPayload: unknown = payload;
  if (encoding === 'json') {
    try {
      userPayload = parseJson(textDecoder.decode(payload));
    } catch {
      throw new FrameError('JSON payload is not valid UTF-8 JSON');
    }
  }
  const message: PhoenixMessage = {
    joinRef: joinRef === '' ? null : joinRef,
    ref: ref === '' ? null : ref,
    topic,
    event: 'broadcast',
    payload: { type: 'broadcast', event, payload: userPayload, ...(metadata ?? {}) },
  };
  return { kind: 'broadcast', message, broadcast: { event, encoding, payload: Uint8Array.from(payload) } };
}

/** Decodes one WebSocket frame. Throws FrameError on anything realtime-js would never send. */
export function decodeFrame(vsn: Vsn, data: Uint8Array, isBinary: boolean): InboundFrame {
  if (isBinary) {
    if (vsn !== '2.0.0') throw new FrameError('binary frames need vsn 2.0.0');
    return decodeUserBroadcastPush(data);
  }
  let text: string;
  try {
    text = textDecoder.decode(data);
  } catch {
    throw new FrameError('text frame is not UTF-8');
  }
  const message = decodeText(vsn, text);
  // A v2 client sends JSON broadcasts with a string event as kind 3; a text one is still accepted (v1 always does this).
  if (message.event === 'broadcast') {
    const payload = message.payload as Record<string, unknown> | null;
    if (typeof payload === 'object' && payload !== null && typeof payload.event === 'string') {
      const json = JSON.stringify(payload.payload ?? {});
      return { kind: 'broadcast', message, broadcast: { event: payload.event, encoding: 'json', payload: textEncoder.encode(json) } };
    }
  }
  return { kind: 'message', message };
}

/** Encodes a message as a text frame of the given protocol version. */
export function encodeText(vsn: Vsn, message: PhoenixMessage): string {
  if (vsn === '2.0.0') return JSON.stringify([message.joinRef, message.ref, message.topic, message.event, message.payload]);
  return JSON.stringify({ join_ref: message.joinRef, ref: message.ref, topic: message.topic, event: message.event, payload: message.payload });
}

/** The parts of a vsn 2.0.0 kind 4 frame and their byte lengths, measured once. */
interface UserBroadcastLayout {
  meta: string;
  topicLength: number;
  eventLength: number;
  metaLength: number;
  /** The whole kind 4 frame. */
  length: number;
}

function layoutUserBroadcast(topic: string, broadcast: UserBroadcast): UserBroadcastLayout {
  const meta = broadcast.meta ? JSON.stringify(broadcast.meta) : '';
  const topicLength = Buffer.byteLength(topic);
  const eventLength = Buffer.byteLength(broadcast.event);
  const metaLength = Buffer.byteLength(meta);
  return { meta, topicLength, eventLength, metaLength, length: 5 + topicLength + eventLength + metaLength + broadcast.payload.length };
}

/** True when topic, event and metadata fit the one-byte lengths of a vsn 2.0.0 binary frame. */
function fitsLayout(layout: UserBroadcastLayout): boolean {
  return layout.topicLength <= 255 && layout.eventLength <= 255 && layout.metaLength <= 255;
}

/** Writes the kind 4 frame into `target`, which has exactly `layout.length` bytes. */
function writeUserBroadcast(target: Buffer, topic: string, broadcast: UserBroadcast, layout: UserBroadcastLayout): void {
  target[0] = KIND_USER_BROADCAST;
  target[1] = layout.topicLength;
  target[2] = layout.eventLength;
  target[3] = layout.metaLength;
  target[4] = broadcast.encoding === 'json' ? ENCODING_JSON : ENCODING_BINARY;
  let at = 5;
  at += target.write(topic, at, 'utf8');
  at += target.write(broadcast.event, at, 'utf8');
  at += target.write(layout.meta, at, 'utf8');
  target.set(broadcast.payload, at);
}

/** The vsn 2.0.0 kind 4 frame for a user broadcast on `topic`: one allocation, no copies. */
export function encodeUserBroadcast(topic: string, broadcast: UserBroadcast): Buffer {
  const layout = layoutUserBroadcast(topic, broadcast);
  for (const [field, length] of [
    ['topic', layout.topicLength],
    ['event', layout.eventLength],
    ['metadata', layout.metaLength],
  ] as const) {
    if (length > 255) throw new FrameError(`${field} is longer than 255 bytes`);
  }
  const frame = Buffer.allocUnsafe(layout.length);
  writeUserBroadcast(frame, topic, broadcast, layout);
  return frame;
}

/** The vsn 1.0.0 text form of a user broadcast (JSON payloads only: v1 cannot carry bytes). */
export function encodeUserBroadcastText(vsn: Vsn, topic: string, broadcast: UserBroadcast): string {
  const payload: Record<string, unknown> = { type: 'broadcast', event: broadcast.event, payload: JSON.parse(textDecoder.decode(broadcast.payload)) };
  if (broadcast.meta) payload.meta = broadcast.meta;
  return encodeText(vsn, { joinRef: null, ref: null, topic, event: 'broadcast', payload });
}

/**
 * A broadcast whose WebSocket messages (wire.ts) are built at most once per protocol version, however many sockets
 * receive it: fan-out then writes the same Buffer to each of them.
 */
export class OutgoingBroadcast {
  private v1?: WireFrame | null;
  private v2?: WireFrame | null;

  constructor(
    readonly topic: string,
    readonly broadcast: UserBroadcast,
  ) {}

  /**
   * The message for `vsn`, or null when that version cannot carry it (a binary payload to a vsn 1.0.0 socket, or
   * with names too long for a binary frame, or a JSON payload that does not parse). A vsn 2.0.0 client also reads
   * broadcasts as text frames: JSON payloads whose topic or event is longer than a binary frame allows travel that way.
   */
  frame(vsn: Vsn): WireFrame | null {
    if (vsn === '2.0.0') return this.v2 === undefined ? (this.v2 = this.encodeV2()) : this.v2;
    return this.v1 === undefined ? (this.v1 = this.encodeText('1.0.0')) : this.v1;
  }

  private encodeV2(): WireFrame | null {
    const layout = layoutUserBroadcast(this.topic, this.broadcast);
    if (!fitsLayout(layout)) return this.encodeText('2.0.0');
    const payload = Buffer.allocUnsafe(layout.length);
    writeUserBroadcast(payload, this.topic, this.broadcast, layout);
    return binaryWireFrame(payload);
  }

  private encodeText(vsn: Vsn): WireFrame | null {
    if (this.broadcast.encoding !== 'json') return null;
    try {
      return textWireFrame(encodeUserBroadcastText(vsn, this.topic, this.broadcast));
    } catch {
      return null; // a payload that is not JSON never keeps the message from the other subscribers
    }
  }
}

export function jsonBytes(value: unknown): Uint8Array {
  return textEncoder.encode(JSON.stringify(value));
}
