import { describe, expect, it } from 'vitest';
import { AuthError, errorBody, requestedApiVersion } from './errors.ts';

describe('requestedApiVersion', () => {
  it.each([
    ['2024-01-01', '2024-01-01'],
    ['2026-11-27', '2024-01-01'],
    ['2023-12-31', undefined],
    ['yesterday', undefined],
    [null, undefined],
  ])('%s → %s', (header, expected) => {
    expect(requestedApiVersion(header)).toBe(expected);
  });
});

describe('errorBody', () => {
  const error = new AuthError(400, 'invalid_credentials', 'Invalid login credentials');

  it('uses {code, message} for API version 2024-01-01', () => {
    expect(errorBody(error, '2024-01-01')).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
  });

  it('uses the initial {code: status, error_code, msg} shape otherwise', () => {
    expect(errorBody(error, undefined)).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
  });

  it('adds weak password reasons', () => {
    const weak = new AuthError(422, 'weak_password', 'Password should be at least 6 characters.', ['length']);
    expect(errorBody(weak, '2024-01-01')).toEqual({
      code: 'weak_password',
      message: 'Password should be at least 6 characters.',
      weak_password: { reasons: ['length'] },
    });
  });
});
