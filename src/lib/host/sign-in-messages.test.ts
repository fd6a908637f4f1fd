import { describe, expect, it } from 'vitest';
import { signInErrorMessage } from './sign-in-messages';

describe('signInErrorMessage', () => {
  it.each([
    [{ code: 'invalid_credentials', status: 400 }, 'Wrong email or password.'],
    [{ code: 'over_request_rate_limit', status: 429 }, 'Too many failed attempts. Wait a few minutes, then try again.'],
    [{ status: 0 }, 'Cannot reach the sign-in service right now. Try again in a moment.'],
    [{ code: 'something_new', status: 400 }, 'Sign-in failed. Check your email and password.'],
  ])('%o → %s', (error, message) => {
    expect(signInErrorMessage(error)).toBe(message);
  });
});
