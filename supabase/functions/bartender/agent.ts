// The model's turn: ask, run the tools it calls, ask again — bounded. At most `maxToolRounds` rounds of
// tool calls and `maxCallsPerRound` calls in each; then one last ask without tools. A model that still
// gives no text has failed, and the caller lets the house bartender answer.
import { parseArguments, type Completion, type ToolCall } from './completion.ts';
import type { Complete, WireMessage } from './provider.ts';

export interface AgentOptions {
  complete: Complete;
  runTool: (name: string, args: Record<string, unknown>) => Promise<unknown>;
  messages: WireMessage[];
  tools: unknown[];
  maxToolRounds: number;
  maxCallsPerRound?: number;
  signal: AbortSignal;
  onDelta?: (text: string) => void;
  /** Called before each tool runs (the UI shows "Looking at the menu…"). */
  onTool?: (name: string) => void;
}

export interface AgentResult {
  reply: string;
  rounds: number;
  toolCalls: number;
}

export class AgentError extends Error {}

/** Tool results travel as JSON text, capped so one result cannot flood the model's context. */
const MAX_RESULT_CHARS = 4000;

export async function runAgent(options: AgentOptions): Promise<AgentResult> {
  const messages = [...options.messages];
  const maxCalls = options.maxCallsPerRound ?? 6;
  let toolCalls = 0;
  for (let round = 0; round <= options.maxToolRounds; round++) {
    const lastRound = round === options.maxToolRounds;
    const completion: Completion = await options.complete({
      messages,
      tools: lastRound ? undefined : options.tools,
      signal: options.signal,
      onDelta: options.onDelta,
    });
    if (completion.toolCalls.length === 0 || lastRound) {
      const reply = completion.content.trim();
      if (!reply) throw new AgentError(lastRound && completion.toolCalls.length ? 'The model kept calling tools.' : 'The model gave no answer.');
      return { reply, rounds: round + 1, toolCalls };
    }
    const calls: ToolCall[] = completion.toolCalls;
    messages.push({
      role: 'assistant',
      content: completion.content || null,
      tool_calls: calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
    });
    for (const [index, call] of calls.entries()) {
      let result: unknown;
      if (index >= maxCalls) result = { error: `At most ${maxCalls} tool calls at once.` };
      else {
        options.onTool?.(call.name);
        toolCalls++;
        result = await options.runTool(call.name, parseArguments(call.arguments));
      }
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result).slice(0, MAX_RESULT_CHARS) });
    }
  }
  throw new AgentError('unreachable');
}
