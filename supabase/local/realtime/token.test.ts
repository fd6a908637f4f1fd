import { describe, expect, it } from 'vitest';
import { InvalidJwtError } from '../shared/jwt.ts';
import { describeTokenFailure, joinReason, msUntilExpiry } from './token.ts';

// A token whose payload says exp = 1000 (the signature is irrelevant to the wording).
const expiredAt1000 = `e30.${Buffer.from(JSON.stringify({ exp: 1000, role: 'authenticated' })).toString('base64url')}.sig`;

describe('describeTokenFailure', () => {
  const table: Array<[unknown, string]> = [
    [new InvalidJwtError('JWT expired', 'expired'), 'InvalidJWTToken: Token has expired 5 seconds ago'],
    [new InvalidJwtError('JWT is malformed', 'malformed'), 'MalformedJWT: The token provided is not a valid JWT'],
    [
      new InvalidJwtError('JWT is not signed by a trusted key (unknown or missing kid)', 'untrusted_key'),
      'JwtSignerError: Failed to generate JWT signer, check your JWT secret or JWKS configuration',
    ],
    [new InvalidJwtError('JWT has no role claim', 'missing_role'), 'InvalidJWTToken: Fields `role` and `exp` are required in JWT'],
    [new InvalidJwtError('a message that says anything', 'missing_exp'), 'InvalidJWTToken: Fields `role` and `exp` are required in JWT'],
    [new InvalidJwtError('JWT signature or claims are invalid', 'invalid'), 'JwtSignatureError: Failed to validate JWT signature'],
    [new Error('boom'), 'JwtSignatureError: Failed to validate JWT signature'],
  ];
  for (const [error, reason] of table) {
    it(`words "${(error as Error).message}" as Supabase does`, () => {
      expect(joinReason(describeTokenFailure(error, expiredAt1000, 1_005_000))).toBe(reason);
    });
  }
});

describe('msUntilExpiry', () => {
  it('counts down to exp without leeway and caps at an hour', () => {
    expect(msUntilExpiry({ role: 'anon', exp: 10 }, 9_000)).toBe(1000);
    expect(msUntilExpiry({ role: 'anon', exp: 10 }, 11_000)).toBe(0);
    expect(msUntilExpiry({ role: 'anon', exp: 10_000_000 }, 0)).toBe(3_600_000);
  });
});
