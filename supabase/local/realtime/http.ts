// Realtime's REST side: broadcast over HTTP, as realtime-js uses it for send() before joining
// (`POST /realtime/v1/api/broadcast` {messages}) and for httpSend() (`POST …/api/broadcast/<topic>/events/<event>`).
// Private messages need the caller's write permission (same RLS probe as a socket), public ones only the apikey.
import { bearerToken } from '../shared/jwt.ts';
import { authorizeWrite } from './authorization.ts';
import { jsonBytes, type UserBroadcast } from './framing.ts';
import type { RealtimeParts } from './session.ts';
import { checkToken, joinReason } from './token.ts';

const BROADCAST_PATH = '/realtime/v1/api/broadcast';

interface OutboundMessage {
  topic: string;
  isPrivate: boolean;
  broadcast: UserBroadcast;
}

const error = (status: number, message: string) => Response.json({ message }, { status });

function parseMessages(body: unknown, maxPayloadBytes: number): OutboundMessage[] | string {
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages) || messages.length === 0) return 'Body must be {"messages": [{topic, event, payload, private?}, …]}';
  const parsed: OutboundMessage[] = [];
  for (const message of messages as Array<Record<string, unknown>>) {
    if (typeof message?.topic !== 'string' || message.topic === '' || typeof message.event !== 'string') return 'Every message needs a topic and an event (strings)';
    const payload = jsonBytes(message.payload ?? {});
    if (payload.length > maxPayloadBytes) return `Payload size exceeded the limit of ${maxPayloadBytes} bytes`;
    parsed.push({ topic: message.topic, isPrivate: message.private === true, broadcast: { event: message.event, encoding: 'json', payload } });
  }
  return parsed;
}

export async function handleHttp(request: Request, parts: RealtimeParts): Promise<Response> {
  const url = new URL(request.url);
  if (request.method !== 'POST' || !url.pathname.startsWith(BROADCAST_PATH)) return error(404, 'Not found');

  const token = bearerToken(request.headers.get('authorization')) ?? request.headers.get('apikey') ?? '';
  const check = await checkToken(parts.verifyAccessToken, token);
  if (!check.ok) return error(401, joinReason(check));

  let messages: OutboundMessage[] | string;
  const rest = url.pathname.slice(BROADCAST_PATH.length);
  const single = /^\/([^/]+)\/events\/([^/]+)$/.exec(rest);
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > parts.limits.maxPayloadBytes) return error(413, `Payload size exceeded the limit of ${parts.limits.maxPayloadBytes} bytes`);
  if (single) {
    const binary = (request.headers.get('content-type') ?? '').startsWith('application/octet-stream');
    if (!binary) {
      try {
        JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        return error(400, 'Body must be JSON (or application/octet-stream)');
      }
    }
    messages = [{ topic: decodeURIComponent(single[1]), isPrivate: url.searchParams.get('private') === 'true', broadcast: { event: decodeURIComponent(single[2]), encoding: binary ? 'binary' : 'json', payload: bytes } }];
  } else if (rest === '' || rest === '/') {
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return error(400, 'Body must be JSON');
    }
    messages = parseMessages(body, parts.limits.maxPayloadBytes);
  } else {
    return error(404, 'Not found');
  }
  if (typeof messages === 'string') return error(400, messages);

  for (const message of messages) {
    // Unauthorized private messages are skipped, as hosted Realtime does.
    if (message.isPrivate && !(await authorizeWrite(parts.sql, { topic: message.topic, claims: check.claims }, 'broadcast'))) continue;
    parts.fanOut.deliver(message.isPrivate, message.topic, message.broadcast);
  }
  return new Response(null, { status: 202 });
}
