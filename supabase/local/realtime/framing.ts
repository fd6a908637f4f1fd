// Bytes ↔ Phoenix messages, as realtime-js speaks them (lib/serializer.ts in @supabase/realtime-js).
// vsn 1.0.0: text frames holding JSON objects {join_ref, ref, topic, event, payload}.
// vsn 2.0.0: text frames holding JSON arrays [join_ref, ref, topic, event, payload]; binary frames of kind 3
// (client → server user broadcast push) and kind 4 (server → client user broadcast). Pure: no I/O.

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

/** True when topic, event and metadata fit the one-byte lengths of a vsn 2.0.0 binary frame. */
export function fitsBinaryFrame(topic: string, broadcast: UserBroadcast): boolean {
  const meta = broadcast.meta ? JSON.stringify(broadcast.meta) : '';
  return Buffer.byteLength(topic) <= 255 && Buffer.byteLength(broadcast.event) <= 255 && Buffer.byteLength(meta) <= 255;
}

/** The vsn 2.0.0 kind 4 frame for a user broadcast on `topic`. Hot path of fan-out: one allocation, no copies. */
export function encodeUserBroadcast(topic: string, broadcast: UserBroadcast): Buffer {
  const meta = broadcast.meta ? JSON.stringify(broadcast.meta) : '';
  const topicLength = Buffer.byteLength(topic);
  const eventLength = Buffer.byteLength(broadcast.event);
  const metaLength = Buffer.byteLength(meta);
  for (const [field, length] of [
    ['topic', topicLength],
    ['event', eventLength],
    ['metadata', metaLength],
  ] as const) {
    if (length > 255) throw new FrameError(`${field} is longer than 255 bytes`);
  }
  const frame = Buffer.allocUnsafe(5 + topicLength + eventLength + metaLength + broadcast.payload.length);
  frame[0] = KIND_USER_BROADCAST;
  frame[1] = topicLength;
  frame[2] = eventLength;
  frame[3] = metaLength;
  frame[4] = broadcast.encoding === 'json' ? ENCODING_JSON : ENCODING_BINARY;
  let offset = 5;
  offset += frame.write(topic, offset, 'utf8');
  offset += frame.write(broadcast.event, offset, 'utf8');
  offset += frame.write(meta, offset, 'utf8');
  frame.set(broadcast.payload, offset);
  return frame;
}

/** The vsn 1.0.0 text form of a user broadcast (JSON payloads only: v1 cannot carry bytes). */
export function encodeUserBroadcastText(vsn: Vsn, topic: string, broadcast: UserBroadcast): string {
  const payload: Record<string, unknown> = { type: 'broadcast', event: broadcast.event, payload: JSON.parse(textDecoder.decode(broadcast.payload)) };
  if (broadcast.meta) payload.meta = broadcast.meta;
  return encodeText(vsn, { joinRef: null, ref: null, topic, event: 'broadcast', payload });
}

/** A broadcast whose frames are built at most once per protocol version, however many sockets receive it. */
export class OutgoingBroadcast {
  private v1?: string | null;
  private v2?: Buffer;

  constructor(
    readonly topic: string,
    readonly broadcast: UserBroadcast,
  ) {}

  private v2Text?: string | null;

  /**
   * The frame for `vsn`, or null when that version cannot carry it (a binary payload to a vsn 1.0.0 socket, or
   * with names too long for a binary frame). A vsn 2.0.0 client also reads broadcasts as text frames: JSON
   * payloads whose topic or event is longer than a binary frame allows travel that way.
   */
  frame(vsn: Vsn): string | Buffer | null {
    if (vsn === '2.0.0') {
      if (fitsBinaryFrame(this.topic, this.broadcast)) return (this.v2 ??= encodeUserBroadcast(this.topic, this.broadcast));
      if (this.v2Text === undefined) this.v2Text = this.broadcast.encoding === 'json' ? encodeUserBroadcastText('2.0.0', this.topic, this.broadcast) : null;
      return this.v2Text;
    }
    if (this.v1 === undefined) this.v1 = this.broadcast.encoding === 'json' ? encodeUserBroadcastText('1.0.0', this.topic, this.broadcast) : null;
    return this.v1;
  }
}

export function jsonBytes(value: unknown): Uint8Array {
  return textEncoder.encode(JSON.stringify(value));
}
