// Calling the bartender function through the gateway as the app does, and reading its SSE stream with the
// same parser library the app uses, keeping each event's arrival order.
import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { StackInfo } from './stack-process.ts';

export interface BartenderEvent {
  event: string;
  data: Record<string, unknown>;
}

export function askBartender(stack: StackInfo, token: string | undefined, body: unknown, accept = 'application/json', signal?: AbortSignal): Promise<Response> {
  return fetch(`${stack.apiUrl}/functions/v1/bartender`, {
    method: 'POST',
    signal,
    headers: { apikey: stack.anonKey, ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', accept },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const turn = (content: string) => ({ messages: [{ role: 'user', content }], locale: 'en' });

/** Reads events one by one; `onEvent` may await (to prove the stream is incremental). */
export async function readEvents(response: Response, onEvent?: (event: BartenderEvent) => void | Promise<void>): Promise<BartenderEvent[]> {
  const events: BartenderEvent[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  for (;;) {
    const { done, value: message } = await reader.read();
    if (done) break;
    const event = { event: message.event ?? 'message', data: JSON.parse(message.data) };
    events.push(event);
    await onEvent?.(event);
  }
  return events;
}
