import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { AuthError } from './errors.ts';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('hashes with bcrypt and verifies', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    await expect(verifyPassword('correct horse', hash)).resolves.toBe(true);
    await expect(verifyPassword('wrong horse', hash)).resolves.toBe(false);
  });

  it('never matches a user without a password', async () => {
    await expect(verifyPassword('anything', null)).resolves.toBe(false);
  });

  it('refuses short passwords as weak_password with the length reason', () => {
    try {
      assertPasswordAcceptable('12345', 6);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AuthError);
      expect(error).toMatchObject({ status: 422, code: 'weak_password', weakPasswordReasons: ['length'] });
    }
    expect(() => assertPasswordAcceptable('123456', 6)).not.toThrow();
  });

  it('hashes off the event loop: the loop stays mostly idle while sign-ins are checked', async () => {
    const hash = await hashPassword('correct horse');
    const before = performance.eventLoopUtilization();
    await Promise.all(Array.from({ length: 8 }, (_, i) => verifyPassword(i % 2 ? 'wrong' : 'correct horse', hash)));
    // The share of the time the event loop was busy: on the loop itself (bcryptjs' async API) it is close to 1,
    // and every request of the stack waits meanwhile (F2).
    const { utilization } = performance.eventLoopUtilization(before);
    expect(utilization).toBeLessThan(0.5);
  });

  it('refuses passwords bcrypt would truncate', () => {
    expect(() => assertPasswordAcceptable('x'.repeat(73), 6)).toThrow(/72/);
  });
});
