import assert from 'node:assert/strict';
import { CompletionAccumulator, LIMITS, parseArguments } from './completion.ts';
import { readCompletionStream } from './provider.ts';

const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({ choices: [{ index: 0, delta, finish_reason: finish }] });

Deno.test('tool calls accumulate by index across chunks', () => {
  const acc = new CompletionAccumulator();
  acc.add(chunk({ tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'search_menu', arguments: '' } }] }));
  acc.add(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"que' } }] }));
  acc.add(chunk({ tool_calls: [{ index: 1, id: 'b', function: { name: 'get_taste', arguments: '{}' } }] }));
  acc.add(chunk({ tool_calls: [{ index: 0, function: { arguments: 'ry":"gin"}' } }] }));
  acc.add(chunk({}, 'tool_calls'));
  assert.deepEqual(acc.result().toolCalls, [
    { id: 'a', name: 'search_menu', arguments: '{"query":"gin"}' },
    { id: 'b', name: 'get_taste', arguments: '{}' },
  ]);
});

Deno.test('server quirks: whole call in one chunk, no index, repeated names, object arguments, "stop" with tool calls, one message', () => {
  const unindexed = new CompletionAccumulator();
  unindexed.add(chunk({ tool_calls: [{ id: 'x', function: { name: 'recommend', arguments: '{"wish":"sour"}' } }] }));
  unindexed.add(chunk({ tool_calls: [{ id: 'y', function: { name: 'my_orders', arguments: {} } }] }, 'stop'));
  const result = unindexed.result();
  assert.deepEqual(
    result.toolCalls.map((call) => [call.id, call.name, call.arguments]),
    [
      ['x', 'recommend', '{"wish":"sour"}'],
      ['y', 'my_orders', '{}'],
    ],
  );
  assert.equal(result.finishReason, 'tool_calls', 'a "stop" next to tool calls still means tool calls');

  const continued = new CompletionAccumulator();
  continued.add(chunk({ tool_calls: [{ function: { name: 'get_recipe', arguments: '{"drink_' } }] }));
  continued.add(chunk({ tool_calls: [{ function: { name: 'get_recipe', arguments: 'id":"1"}' } }] }));
  assert.deepEqual(continued.result().toolCalls, [{ id: 'call_0', name: 'get_recipe', arguments: '{"drink_id":"1"}' }]);

  const whole = new CompletionAccumulator();
  assert.equal(whole.add({ choices: [{ message: { content: 'Hello', tool_calls: [] }, finish_reason: 'stop' }] }), 'Hello');
  assert.deepEqual(whole.result(), { content: 'Hello', toolCalls: [], finishReason: 'stop' });
});

Deno.test('an answer is bounded: endless text, huge arguments or a flood of calls are refused', () => {
  const talker = new CompletionAccumulator();
  assert.throws(() => {
    for (let i = 0; i < 10_000; i++) talker.add(chunk({ content: 'bla bla ' }));
  }, /longer/);
  assert.throws(() =>
    new CompletionAccumulator().add(chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'x', arguments: 'y'.repeat(LIMITS.argumentChars + 1) } }] })),
  );
  const flood = Array.from({ length: LIMITS.toolCalls + 1 }, (_, index) => ({ index, id: `c${index}`, function: { name: 'get_taste', arguments: '{}' } }));
  assert.throws(() => new CompletionAccumulator().add(chunk({ tool_calls: flood })), /Too many/);
});

Deno.test('garbage chunks are refused, broken arguments become {}', () => {
  assert.throws(() => new CompletionAccumulator().add('nope'));
  assert.throws(() => new CompletionAccumulator().add({ error: { message: 'overloaded' } }), /overloaded/);
  assert.deepEqual(parseArguments('{"a":'), {});
  assert.deepEqual(parseArguments('[1]'), {});
  assert.deepEqual(parseArguments('{"a":1}'), { a: 1 });
});

/** A body that delivers `bytes` in the given pieces, as a network would. */
function body(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [0, ...cuts, bytes.length];
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < points.length - 1; i++) controller.enqueue(bytes.slice(points[i], points[i + 1]));
      controller.close();
    },
  });
}

Deno.test('SSE: splits inside lines, inside UTF-8 characters and between CR LF are all read the same', async () => {
  const text = [
    ': keep-alive comment\n\n',
    `data: ${JSON.stringify(chunk({ content: 'Grüß dich! ' }))}\r\n\r\n`,
    `data: ${JSON.stringify(chunk({ content: 'Ein Gin Tonic 🍸 für dich.' }))}\n\n`,
    `data: ${JSON.stringify(chunk({ tool_calls: [{ index: 0, id: 't', function: { name: 'show_drinks', arguments: '{"drinks":[]}' } }] }))}\n\n`,
    'data: [DONE]\n\n',
    'data: {"this is after done and never read"\n\n',
  ].join('');
  const bytes = new TextEncoder().encode(text);
  const umlaut = bytes.indexOf(0xc3) + 1; // between the two bytes of "ü"
  const emoji = bytes.indexOf(0xf0) + 2; // inside the four bytes of 🍸
  const inLine = text.indexOf('content') + 3;
  const crlf = text.indexOf('\r\n') + 1;
  for (const cuts of [[], [umlaut], [emoji], [inLine], [crlf], [1, 2, 3, umlaut, inLine, emoji], Array.from({ length: bytes.length - 1 }, (_, i) => i + 1)]) {
    const acc = new CompletionAccumulator();
    const deltas: string[] = [];
    await readCompletionStream(
      body(
        bytes,
        [...new Set(cuts)].sort((a, b) => a - b),
      ),
      acc,
      (delta) => deltas.push(delta),
    );
    assert.equal(acc.result().content, 'Grüß dich! Ein Gin Tonic 🍸 für dich.', `cuts ${cuts.length}`);
    assert.deepEqual(deltas, ['Grüß dich! ', 'Ein Gin Tonic 🍸 für dich.']);
    assert.equal(acc.result().toolCalls[0].name, 'show_drinks');
  }
});

Deno.test('SSE: a line that is not JSON is garbage', async () => {
  await assert.rejects(readCompletionStream(body(new TextEncoder().encode('data: <html>oops</html>\n\n'), []), new CompletionAccumulator()), /not JSON/);
});
