import { describe, expect, it } from 'vitest';
import { extractInviteCode } from './join-code.ts';

const code = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';

describe('extractInviteCode', () => {
  it.each([
    [code, code],
    [`  ${code.toUpperCase()} `, code],
    [`http://192.168.1.20:5173/join?code=${code}`, code],
    [`https://bar.example/join?code=${code}&utm=x`, code],
    ['K7QM-3XPD-R2', 'K7QM3XPDR2'],
    ['k7qm 3xpd r2', 'K7QM3XPDR2'],
    ['http://bar/join?code=K7QM-3XPD-R2', 'K7QM3XPDR2'],
  ])('finds the code in %s', (input, expected) => {
    expect(extractInviteCode(input)).toBe(expected);
  });

  it.each([null, '', 'hello', `${code}x`, `http://bar/join?code=nope`, 'http://bar/join', `x${code}`])('finds none in %s', (input) => {
    expect(extractInviteCode(input)).toBeNull();
  });
});
