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

  it('refuses passwords bcrypt would truncate', () => {
    expect(() => assertPasswordAcceptable('x'.repeat(73), 6)).toThrow(/72/);
  });
});
