import assert from 'node:assert/strict';
import { backoffSeconds, classifyNetworkError, classifyResponse, parseRetryAfter } from './outcome.ts';

const policy = { maxAttempts: 3, baseDelaySeconds: 10, maxDelaySeconds: 100 };

Deno.test('2xx means sent', () => {
  for (const status of [200, 201, 202]) assert.deepEqual(classifyResponse(status, 1, null, policy), { outcome: 'sent', status });
});

Deno.test('404 and 410 mean the subscription is gone', () => {
  for (const status of [404, 410]) assert.deepEqual(classifyResponse(status, 1, null, policy), { outcome: 'gone', status });
});

Deno.test('5xx and 429 are retried with exponential backoff, capped', () => {
  assert.partialDeepStrictEqual(classifyResponse(500, 1, null, policy), { outcome: 'retry', retry_in_seconds: 10 });
  assert.partialDeepStrictEqual(classifyResponse(503, 2, null, policy), { outcome: 'retry', retry_in_seconds: 20 });
  assert.equal(backoffSeconds(3, policy), 40);
  assert.equal(backoffSeconds(10, policy), 100);
});

Deno.test('a longer Retry-After is honoured, a shorter one is not', () => {
  assert.partialDeepStrictEqual(classifyResponse(429, 1, '45', policy), { outcome: 'retry', retry_in_seconds: 45 });
  assert.partialDeepStrictEqual(classifyResponse(429, 1, '1', policy), { outcome: 'retry', retry_in_seconds: 10 });
});

Deno.test('gives up after the last attempt', () => {
  assert.partialDeepStrictEqual(classifyResponse(500, 3, null, policy), { outcome: 'failed', status: 500 });
  assert.partialDeepStrictEqual(classifyNetworkError(new Error('connection refused'), 3, policy), { outcome: 'failed' });
  assert.partialDeepStrictEqual(classifyNetworkError(new Error('connection refused'), 1, policy), { outcome: 'retry', retry_in_seconds: 10 });
});

Deno.test('400, 401, 403 and 413 are not retried', () => {
  for (const status of [400, 401, 403, 413]) assert.partialDeepStrictEqual(classifyResponse(status, 1, null, policy), { outcome: 'failed', status });
});

Deno.test('Retry-After is read as seconds or as a date', () => {
  assert.equal(parseRetryAfter('120'), 120);
  assert.equal(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 1)).toUTCString(), Date.UTC(2026, 0, 1)), 60);
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(null), undefined);
});
