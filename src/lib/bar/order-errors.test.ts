import { describe, expect, it } from 'vitest';
import { isRetryable, orderProblem } from './order-errors';

describe('order problems', () => {
  it('reads the stable reason from details', () => {
    expect(orderProblem({ status: 400, error: { message: 'The bar is closed right now', details: 'bar_closed' } })).toBe('bar_closed');
    expect(orderProblem({ status: 400, error: { message: 'A note is one line of plain text', details: 'invalid_note' } })).toBe('invalid_note');
    expect(orderProblem({ status: 400, error: { message: 'x', details: 'something new' } })).toBe('unknown');
    expect(orderProblem({ status: 201, error: null })).toBeNull();
  });

  it('treats no answer and gateway failures as offline, and only those as retryable', () => {
    expect(orderProblem({ status: 0, error: { message: 'TypeError: Failed to fetch' } })).toBe('offline');
    expect(isRetryable({ status: 503, error: { message: 'unavailable' } })).toBe(true);
    expect(isRetryable({ status: 400, error: { message: 'closed', details: 'bar_closed' } })).toBe(false);
    expect(isRetryable({ status: 409, error: { message: 'dup' } })).toBe(false);
  });
});
