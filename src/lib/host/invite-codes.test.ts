import { describe, expect, it } from 'vitest';
import { codeStatus, expiryFor, joinUrl, normaliseJoinBase, type InviteCode } from './invite-codes';

const now = Date.parse('2026-11-27T20:00:00Z');
const code = (changes: Partial<InviteCode>): InviteCode => ({
  code: '6f1c1f0e-8a7e-4a53-9d5c-2f3c1d2e3f40',
  short_code: 'K7QM3XPDR2',
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

  // B5: "bar.local" or "192.168.1.5:5173" in the Join address field threw "Invalid URL" and broke the page for good.
  it('takes a join address without a scheme, and never throws on a bad one', () => {
    expect(normaliseJoinBase('bar.local')).toBe('http://bar.local');
    expect(normaliseJoinBase(' 192.168.1.5:5173 ')).toBe('http://192.168.1.5:5173');
    expect(normaliseJoinBase('https://bar.example.com/whatever?x=1')).toBe('https://bar.example.com');
    for (const bad of ['', 'not a url', 'javascript:alert(1)', 'ftp://bar', 'http://', 'http://user:pw@bar', '%%%'])
      expect(normaliseJoinBase(bad), bad).toBeNull();
    expect(joinUrl('bar.local', 'abc')).toBe('http://bar.local/join?code=abc');
    expect(() => joinUrl('not a url', 'abc')).not.toThrow();
  });

  it('keeps the validity between 1 and 168 hours', () => {
    expect(expiryFor(0, now)).toBe('2026-11-27T21:00:00.000Z');
    expect(expiryFor(500, now)).toBe('2026-12-04T20:00:00.000Z');
  });
});
