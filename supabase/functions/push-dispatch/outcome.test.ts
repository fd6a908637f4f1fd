import { describe, expect, it } from 'vitest';
import { backoffSeconds, classifyNetworkError, classifyResponse, parseRetryAfter } from './outcome.ts';

const policy = { maxAttempts: 3, baseDelaySeconds: 10, maxDelaySeconds: 100 };

describe('push outcome', () => {
  it.each([200, 201, 202])('%i means sent', (status) => {
    expect(classifyResponse(status, 1, null, policy)).toEqual({ outcome: 'sent', status });
  });

  it.each([404, 410])('%i means the subscription is gone', (status) => {
    expect(classifyResponse(status, 1, null, policy)).toEqual({ outcome: 'gone', status });
  });

  it('retries 5xx and 429 with exponential backoff, capped', () => {
    expect(classifyResponse(500, 1, null, policy)).toMatchObject({ outcome: 'retry', retry_in_seconds: 10 });
    expect(classifyResponse(503, 2, null, policy)).toMatchObject({ outcome: 'retry', retry_in_seconds: 20 });
    expect(backoffSeconds(3, policy)).toBe(40);
    expect(backoffSeconds(10, policy)).toBe(100);
  });

  it('honours a longer Retry-After', () => {
    expect(classifyResponse(429, 1, '45', policy)).toMatchObject({ outcome: 'retry', retry_in_seconds: 45 });
    expect(classifyResponse(429, 1, '1', policy)).toMatchObject({ outcome: 'retry', retry_in_seconds: 10 });
  });

  it('gives up after the last attempt', () => {
    expect(classifyResponse(500, 3, null, policy)).toMatchObject({ outcome: 'failed', status: 500 });
    expect(classifyNetworkError(new Error('connection refused'), 3, policy)).toMatchObject({ outcome: 'failed' });
    expect(classifyNetworkError(new Error('connection refused'), 1, policy)).toMatchObject({ outcome: 'retry', retry_in_seconds: 10 });
  });

  it.each([400, 401, 403, 413])('%i is not retried', (status) => {
    expect(classifyResponse(status, 1, null, policy)).toMatchObject({ outcome: 'failed', status });
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 1)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(60);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
