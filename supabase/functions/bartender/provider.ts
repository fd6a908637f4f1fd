// Calls an OpenAI-compatible `/chat/completions` with streaming and tool calling, reading the SSE answer
// with eventsource-parser (splits inside lines and inside UTF-8 characters are its and TextDecoderStream's
// job). Every failure — HTTP error, timeout, hang, garbage — is a ProviderError the caller falls back on.
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { CompletionAccumulator, type Completion } from './completion.ts';
import type { ModelSettings } from './settings.ts';

export type ProviderFailure = 'http' | 'timeout' | 'network' | 'garbage' | 'empty';

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderFailure,
    message: string,
  ) {
    super(message);
  }
}

export type WireMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }> }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface CompleteOptions {
  messages: WireMessage[];
  tools?: unknown[];
  signal: AbortSignal;
  onDelta?: (text: string) => void;
  stream?: boolean;
}

export type Complete = (options: CompleteOptions) => Promise<Completion>;

/** Reads an SSE body of completion chunks into `accumulator`, until `[DONE]` or the end of the stream. */
export async function readCompletionStream(
  body: ReadableStream<Uint8Array>,
  accumulator: CompletionAccumulator,
  onDelta?: (text: string) => void,
): Promise<void> {
  const events = body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  for await (const event of events) {
    const data = event.data.trim();
    if (data === '[DONE]') return;
    if (data === '') continue;
    feed(accumulator, data, onDelta);
  }
}

/** One chunk's JSON text into the accumulator; anything that is not a completion chunk is garbage. */
function feed(accumulator: CompletionAccumulator, data: string, onDelta?: (text: string) => void): void {
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch {
    throw new ProviderError('garbage', 'The model server sent something that is not JSON.');
  }
  try {
    const text = accumulator.add(chunk);
    if (text) onDelta?.(text);
  } catch (error) {
    throw new ProviderError('garbage', (error as Error).message);
  }
}

export function openAiCompatible(settings: ModelSettings): Complete {
  return async ({ messages, tools, signal, onDelta, stream = true }) => {
    const timeout = AbortSignal.timeout(settings.callTimeoutMs);
    const both = AbortSignal.any([signal, timeout]);
    const accumulator = new CompletionAccumulator();
    try {
      const response = await fetch(`${settings.baseUrl}/chat/completions`, {
        method: 'POST',
        signal: both,
        headers: {
          'content-type': 'application/json',
          accept: stream ? 'text/event-stream' : 'application/json',
          ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: settings.model,
          messages,
          stream,
          temperature: 0.4,
          max_tokens: 400,
          ...(tools?.length ? { tools, tool_choice: 'auto' } : {}),
        }),
      });
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        throw new ProviderError('http', `The model server answered ${response.status}.`);
      }
      // Some servers ignore `stream: true` and answer with one JSON completion.
      if (!stream || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
        feed(accumulator, await response.text(), onDelta);
      } else {
        await readCompletionStream(response.body, accumulator, onDelta);
      }
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      if (timeout.aborted) throw new ProviderError('timeout', `The model did not answer within ${settings.callTimeoutMs / 1000} s.`);
      if (signal.aborted) throw error;
      throw new ProviderError('network', `The model server could not be reached: ${(error as Error).message}`);
    }
    if (accumulator.chunks === 0) throw new ProviderError('empty', 'The model server sent no answer.');
    return accumulator.result();
  };
}
