// Talks to the bartender function (CONTRACT §7) with the guest's token and reads its SSE stream with
// eventsource-parser, handing each event to the chat as it arrives.
import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { DrinkCard, OrderProposal } from './taste-model';

export type BartenderEvent =
  | { event: 'status'; text: string }
  | { event: 'delta'; text: string }
  | { event: 'drinks'; drinks: DrinkCard[] }
  | { event: 'order_proposal'; proposal: OrderProposal }
  | { event: 'done'; reply: string; provider: string }
  | { event: 'error'; code: string; message: string };

export class BartenderError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** The last 12 turns, each cut to 500 characters: what the function accepts. */
export function turnsToSend(turns: ChatTurn[]): ChatTurn[] {
  return turns
    .filter((turn) => turn.content.trim())
    .slice(-12)
    .map((turn) => ({ role: turn.role, content: [...turn.content.trim()].slice(0, 500).join('') }));
}

export async function askBartender(options: {
  url: string;
  anonKey: string;
  token: string;
  turns: ChatTurn[];
  locale: 'de' | 'en';
  signal: AbortSignal;
  onEvent: (event: BartenderEvent) => void;
}): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${options.url}/functions/v1/bartender`, {
      method: 'POST',
      signal: options.signal,
      headers: { apikey: options.anonKey, authorization: `Bearer ${options.token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ messages: turnsToSend(options.turns), locale: options.locale }),
    });
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw new BartenderError('offline', 'No connection.');
  }
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    const retryAfter = Number(response.headers.get('retry-after')) || undefined;
    throw new BartenderError(
      body?.error?.code ?? (response.status === 401 ? 'unauthorized' : 'unknown'),
      body?.error?.message ?? `HTTP ${response.status}`,
      retryAfter,
    );
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  for (;;) {
    const { done, value: message } = await reader.read();
    if (done) return;
    const data = JSON.parse(message.data);
    if (message.event === 'order_proposal') options.onEvent({ event: 'order_proposal', proposal: data });
    else options.onEvent({ event: message.event, ...data } as BartenderEvent);
  }
}
