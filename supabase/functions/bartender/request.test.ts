import assert from 'node:assert/strict';
import { parseChatRequest, readBody } from './request.ts';

const turn = (content: string, role = 'user') => ({ role, content });

Deno.test('a chat of up to 12 turns of up to 500 characters is accepted', () => {
  const messages = Array.from({ length: 12 }, (_, i) => turn('x'.repeat(500), i % 2 ? 'assistant' : 'user'));
  messages[11] = turn('ö'.repeat(500));
  const result = parseChatRequest({ messages, locale: 'de' });
  assert.equal(result.ok, true);
  assert.deepEqual(parseChatRequest({ messages: [turn('  hi\u0000 ')] }), { ok: true, value: { messages: [turn('hi')], locale: 'en' } });
  assert.equal(parseChatRequest({ messages: [turn('😀'.repeat(500))] }).ok, true, 'characters, not UTF-16 units');
});

Deno.test('anything else is refused', () => {
  const bad: unknown[] = [
    null,
    [],
    'hi',
    {},
    { messages: [] },
    { messages: 'hi' },
    { messages: Array.from({ length: 13 }, () => turn('hi')) },
    { messages: [turn('x'.repeat(501))] },
    { messages: [turn('hi', 'system')] },
    { messages: [turn('hi', 'tool')] },
    { messages: [{ role: 'user', content: 42 }] },
    { messages: [turn('   ')] },
    { messages: [turn('hi'), turn('hello', 'assistant')] },
    { messages: [turn('hi')], locale: 'fr' },
    { messages: [null] },
  ];
  for (const body of bad) assert.equal(parseChatRequest(body).ok, false, JSON.stringify(body)?.slice(0, 60));
});

Deno.test('bodies are read up to a limit and must be UTF-8 JSON', async () => {
  const post = (body: BodyInit) => new Request('http://function/bartender', { method: 'POST', body });
  assert.deepEqual(await readBody(post('{"a":1}')), { ok: true, value: { a: 1 } });
  assert.equal((await readBody(post('x'.repeat(40_000)))).ok, false);
  assert.equal((await readBody(post('not json'))).ok, false);
  assert.equal((await readBody(post(new Uint8Array([0x7b, 0xff, 0x7d])))).ok, false);
});
