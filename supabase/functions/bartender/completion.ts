// Accumulates an OpenAI-compatible streamed chat completion, chunk by chunk, tolerant of how servers
// differ: a whole tool call in one chunk, tool calls without `index`, names repeated in every chunk,
// arguments sent as an object, `finish_reason: "stop"` next to tool calls, or one non-streamed `message`.
// Pure: the provider feeds it parsed chunks.

export interface ToolCall {
  id: string;
  name: string;
  /** The JSON text of the arguments, as the model wrote it. */
  arguments: string;
}

export interface Completion {
  content: string;
  toolCalls: ToolCall[];
  finishReason: string | null;
}

/** Bounds on what one answer may hold: a runaway or hostile server cannot fill the function's memory. */
export const LIMITS = { contentChars: 8_000, argumentChars: 16_000, toolCalls: 16 };

interface ToolCallDelta {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: unknown };
}

export class CompletionAccumulator {
  #content = '';
  #calls: Array<{ id: string; name: string; arguments: string; index?: number }> = [];
  #finishReason: string | null = null;
  #chunks = 0;

  /** Adds one parsed chunk; returns the new text it carries (for streaming to the guest). */
  add(chunk: unknown): string {
    if (typeof chunk !== 'object' || chunk === null) throw new TypeError('A completion chunk must be a JSON object.');
    const choices = (chunk as { choices?: unknown }).choices;
    if (!Array.isArray(choices)) {
      const error = (chunk as { error?: { message?: unknown } }).error;
      throw new TypeError(error ? `The model server reported an error: ${String(error.message ?? 'unknown')}` : 'A completion chunk has no choices.');
    }
    this.#chunks++;
    let text = '';
    for (const choice of choices as Array<Record<string, unknown>>) {
      const delta = (choice.delta ?? choice.message ?? {}) as { content?: unknown; tool_calls?: unknown };
      if (typeof delta.content === 'string') text += delta.content;
      if (Array.isArray(delta.tool_calls)) for (const call of delta.tool_calls as ToolCallDelta[]) this.#addCall(call);
      if (typeof choice.finish_reason === 'string') this.#finishReason = choice.finish_reason;
    }
    this.#content += text;
    if (this.#content.length > LIMITS.contentChars) throw new TypeError('The answer is longer than any bartender would talk.');
    return text;
  }

  #addCall(delta: ToolCallDelta): void {
    let call =
      typeof delta.index === 'number'
        ? this.#calls.find((candidate) => candidate.index === delta.index)
        : delta.id
          ? this.#calls.find((candidate) => candidate.id === delta.id)
          : this.#calls.at(-1);
    // A new id without an index starts a new call (servers that send each call whole, unindexed).
    if (call && typeof delta.index !== 'number' && delta.id && call.id && call.id !== delta.id) call = undefined;
    if (!call) {
      if (this.#calls.length >= LIMITS.toolCalls) throw new TypeError('Too many tool calls in one answer.');
      call = { id: delta.id ?? '', name: '', arguments: '', index: delta.index };
      this.#calls.push(call);
    }
    if (delta.id && !call.id) call.id = delta.id;
    const name = delta.function?.name;
    if (typeof name === 'string' && name && !call.name.endsWith(name)) call.name += name;
    const args = delta.function?.arguments;
    if (typeof args === 'string') call.arguments += args;
    else if (args && typeof args === 'object') call.arguments = JSON.stringify(args);
    if (call.arguments.length > LIMITS.argumentChars || call.name.length > 64) throw new TypeError('A tool call is larger than any tool needs.');
  }

  get chunks(): number {
    return this.#chunks;
  }

  result(): Completion {
    const toolCalls = this.#calls
      .filter((call) => call.name)
      .map((call, index) => ({ id: call.id || `call_${index}`, name: call.name, arguments: call.arguments || '{}' }));
    return { content: this.#content, toolCalls, finishReason: toolCalls.length ? 'tool_calls' : this.#finishReason };
  }
}

/** A tool call's arguments as an object; a model that wrote broken JSON gets an empty object. */
export function parseArguments(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}
