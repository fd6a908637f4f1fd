// Realtime's REST side: broadcast over HTTP, as realtime-js uses it for send() before joining
// (`POST /realtime/v1/api/broadcast` {messages}) and for httpSend() (`POST …/api/broadcast/<topic>/events/<event>`).
// Private messages need the caller's write permission (same RLS probe as a socket), public ones only the apikey.
import { findPayloadTooLarge, readBody } from '../shared/body.ts';
import { bearerToken } from '../shared/jwt.ts';
import { authorizeWrite } from './authorization.ts';
import { jsonBytes, type UserBroadcast } from './framing.ts';
import { MAX_NAME_BYTES } from './limits.ts';
import { reasonText, REASONS } from './reasons.ts';
import type { RealtimeParts } from './session.ts';
import { checkToken, joinReason } from './token.ts';

const BROADCAST_PATH = '/realtime/v1/api/broadcast';

interface OutboundMessage {
  topic: string;
  isPrivate: boolean;
  broadcast: UserBroadcast;
}

const error = (status: number, message: string) => Response.json({ message }, { status });

/** Why a topic or event name cannot be sent, or undefined when it can. */
function nameProblem(topic: string, event: string): string | undefined {
  if (topic === '') return reasonText(REASONS.topicNameRequired);
  if (Buffer.byteLength(`realtime:${topic}`) > MAX_NAME_BYTES) return reasonText(REASONS.topicTooLong(MAX_NAME_BYTES));
  if (Buffer.byteLength(event) > MAX_NAME_BYTES) return reasonText(REASONS.eventTooLong(MAX_NAME_BYTES));
  return undefined;
}

function parseMessages(body: unknown, parts: RealtimeParts): OutboundMessage[] | string {
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages) || messages.length === 0) return 'Body must be {"messages": [{topic, event, payload, private?}, …]}';
  if (messages.length > parts.limits.maxMessagesPerRequest) return `At most ${parts.limits.maxMessagesPerRequest} messages per request`;
  const parsed: OutboundMessage[] = [];
  for (const message of messages as Array<Record<string, unknown>>) {
    if (typeof message?.topic !== 'string' || typeof message.event !== 'string') return 'Every message needs a topic and an event (strings)';
    const problem = nameProblem(message.topic, message.event);
    if (problem) return problem;
    const payload = jsonBytes(message.payload ?? {});
    if (payload.length > parts.limits.maxPayloadBytes) return reasonText(REASONS.payloadTooLarge(parts.limits.maxPayloadBytes));
    parsed.push({ topic: message.topic, isPrivate: message.private === true, broadcast: { event: message.event, encoding: 'json', payload } });
  }
  return parsed;
}

async function readMessages(request: Request, url: URL, parts: RealtimeParts): Promise<OutboundMessage[] | Response> {
  const rest = url.pathname.slice(BROADCAST_PATH.length);
  const single = /^\/([^/]+)\/events\/([^/]+)$/.exec(rest);
  if (!single && rest !== '' && rest !== '/') return error(404, 'Not found');
  let bytes: Uint8Array;
  try {
    bytes = await readBody(request, parts.limits.maxPayloadBytes);
  } catch (caught) {
    if (findPayloadTooLarge(caught)) return error(413, REASONS.payloadTooLarge(parts.limits.maxPayloadBytes).message);
    throw caught;
  }
  if (single) {
    const binary = (request.headers.get('content-type') ?? '').startsWith('application/octet-stream');
    if (!binary) {
      try {
        JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        return error(400, 'Body must be JSON (or application/octet-stream)');
      }
    }
    let topic: string;
    let event: string;
    try {
      topic = decodeURIComponent(single[1]!);
      event = decodeURIComponent(single[2]!);
    } catch {
      return error(400, 'Topic and event must be URL-encoded UTF-8');
    }
    const problem = nameProblem(topic, event);
    if (problem) return error(400, problem);
    return [{ topic, isPrivate: url.searchParams.get('private') === 'true', broadcast: { event, encoding: binary ? 'binary' : 'json', payload: bytes } }];
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return error(400, 'Body must be JSON');
  }
  const messages = parseMessages(body, parts);
  return typeof messages === 'string' ? error(400, messages) : messages;
}

export async function handleHttp(request: Request, parts: RealtimeParts): Promise<Response> {
  const url = new URL(request.url);
  if (request.method !== 'POST' || !url.pathname.startsWith(BROADCAST_PATH)) return error(404, 'Not found');

  const token = bearerToken(request.headers.get('authorization')) ?? request.headers.get('apikey') ?? '';
  const check = await checkToken(parts.verifyAccessToken, token);
  if (!check.ok) return error(401, joinReason(check));

  const messages = await readMessages(request, url, parts);
  if (messages instanceof Response) return messages;
  // One authorization probe per private topic of the request, however often it repeats.
  const allowed = new Map<string, Promise<boolean>>();
  for (const message of messages) {
    if (message.isPrivate) {
      if (!allowed.has(message.topic)) allowed.set(message.topic, authorizeWrite(parts.sql, { topic: message.topic, claims: check.claims }, 'broadcast'));
      // Unauthorized private messages are skipped, as hosted Realtime does.
      if (!(await allowed.get(message.topic))) continue;
    }
    parts.fanOut.deliver(message.isPrivate, message.topic, message.broadcast);
  }
  return new Response(null, { status: 202 });
}
