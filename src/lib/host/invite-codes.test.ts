import { describe, expect, it } from 'vitest';
import { codeStatus, expiryFor, joinUrl, type InviteCode } from './invite-codes';

const now = Date.parse('2026-11-27T20:00:00Z');
const code = (changes: Partial<InviteCode>): InviteCode => ({
  code: '6f1c1f0e-8a7e-4a53-9d5c-2f3c1d2e3f40',
  created_at: '2026-11-27T19:00:00Z',
  expires_at: '2026-11-28T19:00:00Z',
  max_uses: 5,
  use_count: 0,
  notes: null,
  revoked_at: null,
  ...changes,
});

describe('invite codes', () => {
  it('derives the status, revoked first', () => {
    expect(codeStatus(code({}), now)).toBe('active');
    expect(codeStatus(code({ use_count: 5 }), now)).toBe('used');
    expect(codeStatus(code({ expires_at: '2026-11-27T19:30:00Z' }), now)).toBe('expired');
    expect(codeStatus(code({ revoked_at: '2026-11-27T19:10:00Z', use_count: 5 }), now)).toBe('revoked');
  });

  it('builds the join URL from the base the phones can reach', () => {
    expect(joinUrl('http://192.168.1.20:5173', 'abc')).toBe('http://192.168.1.20:5173/join?code=abc');
  });

  it('keeps the validity between 1 and 168 hours', () => {
    expect(expiryFor(0, now)).toBe('2026-11-27T21:00:00.000Z');
    expect(expiryFor(500, now)).toBe('2026-12-04T20:00:00.000Z');
  });
});
