import { describe, expect, it } from 'vitest';
import { createAddressLimiter, createFailedSignInLimiter } from './rate-limit.ts';

describe('address limiter', () => {
  it('allows `limit` requests per window and address, then says how long to wait', () => {
    let clock = 0;
    const limiter = createAddressLimiter({ limit: 3, windowMs: 300_000, now: () => clock });
    for (let i = 0; i < 3; i++, clock += 1000) expect(limiter.take('10.0.0.2')).toBe(0);
    expect(limiter.take('10.0.0.2')).toBe(300_000 - 3000);
    expect(limiter.take('10.0.0.3')).toBe(0);
    clock = 300_001;
    expect(limiter.take('10.0.0.2')).toBe(0);
  });

  it('stays bounded however many addresses it sees', () => {
    const limiter = createAddressLimiter({ limit: 1, windowMs: 60_000 });
    for (let i = 0; i < 30_000; i++) limiter.take(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    // The most recent addresses are still counted.
    expect(limiter.take('10.0.117.47')).toBeGreaterThan(0);
  });
});

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
