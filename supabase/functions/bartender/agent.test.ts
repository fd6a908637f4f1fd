import assert from 'node:assert/strict';
import { AgentError, runAgent } from './agent.ts';
import type { Completion } from './completion.ts';
import type { CompleteOptions } from './provider.ts';

const text = (content: string): Completion => ({ content, toolCalls: [], finishReason: 'stop' });
const calls = (...names: string[]): Completion => ({
  content: '',
  toolCalls: names.map((name, i) => ({ id: `c${i}`, name, arguments: '{}' })),
  finishReason: 'tool_calls',
});

function scripted(answers: Completion[]) {
  const seen: CompleteOptions[] = [];
  return {
    seen,
    complete: async (options: CompleteOptions) => {
      seen.push({ ...options, messages: [...options.messages] });
      const next = answers.shift();
      if (!next) throw new Error('asked more often than scripted');
      return next;
    },
  };
}

const base = { messages: [{ role: 'user' as const, content: 'hi' }], tools: [{}], signal: new AbortController().signal };

Deno.test('tools run and their results go back to the model, then its text is the reply', async () => {
  const model = scripted([calls('search_menu'), text('Try the Gin Tonic.')]);
  const ran: string[] = [];
  const result = await runAgent({ ...base, complete: model.complete, maxToolRounds: 4, runTool: async (name) => (ran.push(name), { drinks: [] }) });
  assert.deepEqual(result, { reply: 'Try the Gin Tonic.', rounds: 2, toolCalls: 1 });
  assert.deepEqual(ran, ['search_menu']);
  const second = model.seen[1].messages;
  assert.equal(second.at(-1)!.role, 'tool');
  assert.equal((second.at(-1) as { content: string }).content, '{"drinks":[]}');
});

Deno.test('the rounds are bounded: after maxToolRounds the model is asked once more without tools', async () => {
  const model = scripted([calls('a'), calls('b'), text('Done.')]);
  const result = await runAgent({ ...base, complete: model.complete, maxToolRounds: 2, runTool: async () => ({}) });
  assert.equal(result.rounds, 3);
  assert.equal(model.seen.length, 3);
  assert.ok(model.seen[0].tools && model.seen[1].tools);
  assert.equal(model.seen[2].tools, undefined, 'the last ask offers no tools');

  const stubborn = scripted([calls('a'), calls('b'), calls('c')]);
  await assert.rejects(runAgent({ ...base, complete: stubborn.complete, maxToolRounds: 2, runTool: async () => ({}) }), AgentError);
  assert.equal(stubborn.seen.length, 3, 'never more than maxToolRounds + 1 asks');
});

Deno.test('calls per round are bounded, and an empty answer is a failure', async () => {
  const model = scripted([calls('a', 'b', 'c', 'd'), text('ok')]);
  const ran: string[] = [];
  await runAgent({ ...base, complete: model.complete, maxToolRounds: 3, maxCallsPerRound: 2, runTool: async (name) => (ran.push(name), {}) });
  assert.deepEqual(ran, ['a', 'b']);
  const toolMessages = model.seen[1].messages.filter((message) => message.role === 'tool');
  assert.equal(toolMessages.length, 4, 'every call gets an answer, the extra ones an error');
  await assert.rejects(runAgent({ ...base, complete: scripted([text('  ')]).complete, maxToolRounds: 3, runTool: async () => ({}) }), AgentError);
});

Deno.test('a huge tool result is cut before it reaches the model', async () => {
  const model = scripted([calls('search_menu'), text('ok')]);
  await runAgent({ ...base, complete: model.complete, maxToolRounds: 1, runTool: async () => ({ text: 'x'.repeat(100_000) }) });
  assert.ok((model.seen[1].messages.at(-1) as { content: string }).content.length <= 4000);
});
