import assert from 'node:assert/strict';
import { checkRateLimit, clientAddress, positiveIntegerSetting, type HitCounter } from './rate-limit.ts';
import { guestIdentitySettings } from './settings.ts';

Deno.test('the client address is the right-most entry not added by our own proxies', () => {
  assert.equal(clientAddress('203.0.113.7'), '203.0.113.7');
  assert.equal(clientAddress('6.6.6.6, 203.0.113.7'), '203.0.113.7', 'a client-written entry is ignored');
  assert.equal(clientAddress('6.6.6.6, 203.0.113.7, 10.0.0.2', 1), '203.0.113.7');
  assert.equal(clientAddress('::ffff:192.168.1.20'), '192.168.1.20');
  assert.equal(clientAddress('203.0.113.7', 3), '203.0.113.7', 'fewer hops than configured: the left-most');
  assert.equal(clientAddress(null), 'unknown');
  assert.equal(clientAddress(' , '), 'unknown');
});

function memoryCounter(): HitCounter {
  const hits = new Map<string, number>();
  return async (key) => {
    hits.set(key, (hits.get(key) ?? 0) + 1);
    return { hits: hits.get(key)!, retryAfterSeconds: 42 };
  };
}

Deno.test('requests up to the limit pass, then 429 with the time left in the window', async () => {
  const hit = memoryCounter();
  const rule = { name: 'register', limit: 3, windowSeconds: 60 };
  for (let i = 0; i < 3; i++) assert.deepEqual(await checkRateLimit(rule, '203.0.113.7', hit), { allowed: true });
  assert.deepEqual(await checkRateLimit(rule, '203.0.113.7', hit), { allowed: false, retryAfterSeconds: 42 });
  assert.deepEqual(await checkRateLimit(rule, '198.51.100.1', hit), { allowed: true }, 'other addresses are counted apart');
  assert.deepEqual(await checkRateLimit({ ...rule, name: 'refresh' }, '203.0.113.7', hit), { allowed: true }, 'other rules too');
});

Deno.test('limits come from the environment with party-sized defaults', () => {
  const defaults = guestIdentitySettings(() => undefined);
  assert.ok(defaults.registerPerMinute >= 60, 'a 60-guest party behind one address registers within a minute');
  assert.equal(guestIdentitySettings((name) => (name === 'REGISTER_RATE_LIMIT_PER_MINUTE' ? '5' : undefined)).registerPerMinute, 5);
  assert.equal(positiveIntegerSetting('X', ' ', 7), 7);
  assert.throws(() => positiveIntegerSetting('X', 'lots', 7), /X=lots/);
  assert.throws(() => positiveIntegerSetting('X', '-1', 7));
});
