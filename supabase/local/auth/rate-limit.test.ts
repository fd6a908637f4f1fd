import { describe, expect, it } from 'vitest';
import { createFailedSignInLimiter } from './rate-limit.ts';

describe('failed sign-in limiter', () => {
  function setup() {
    let clock = 1_000_000;
    const limiter = createFailedSignInLimiter({ maxFailures: 3, windowMs: 60_000, now: () => clock });
    return { limiter, tick: (ms: number) => (clock += ms) };
  }

  it('allows attempts until the limit of failures, then refuses until the window passes', () => {
    const { limiter, tick } = setup();
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs('host@example.com', '10.0.0.2')).toBe(0);
      limiter.recordFailure('host@example.com', '10.0.0.2');
      tick(1000);
    }
    expect(limiter.retryAfterMs('host@example.com', '10.0.0.2')).toBe(57_000);
    tick(57_000);
    expect(limiter.retryAfterMs('host@example.com', '10.0.0.2')).toBe(0);
  });

  it('counts each email and IP pair separately, case-insensitively for the email', () => {
    const { limiter } = setup();
    for (let i = 0; i < 3; i++) limiter.recordFailure('Host@Example.com', '10.0.0.2');
    expect(limiter.retryAfterMs('host@example.com', '10.0.0.2')).toBeGreaterThan(0);
    expect(limiter.retryAfterMs('host@example.com', '10.0.0.3')).toBe(0);
    expect(limiter.retryAfterMs('other@example.com', '10.0.0.2')).toBe(0);
  });

  it('forgets failures after a successful sign-in', () => {
    const { limiter } = setup();
    limiter.recordFailure('host@example.com', '10.0.0.2');
    limiter.recordFailure('host@example.com', '10.0.0.2');
    limiter.recordSuccess('host@example.com', '10.0.0.2');
    limiter.recordFailure('host@example.com', '10.0.0.2');
    expect(limiter.retryAfterMs('host@example.com', '10.0.0.2')).toBe(0);
  });
});
