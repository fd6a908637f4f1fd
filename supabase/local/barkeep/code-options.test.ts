import { describe, expect, it } from 'vitest';
import { joinUrl, parseCodeCreateOptions, parseDuration } from './code-options.ts';

describe('barkeep code create flags', () => {
  it('parses durations', () => {
    expect(parseDuration('4h')).toBe(4 * 3600);
    expect(parseDuration('90m')).toBe(5400);
    expect(parseDuration('2d')).toBe(2 * 86400);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration('4H')).toBe(4 * 3600);
    for (const bad of ['', '4', 'h', '4 hours', '-1h', '4h!', '4w']) expect(parseDuration(bad)).toBeUndefined();
  });

  it('accepts valid flags', () => {
    expect(parseCodeCreateOptions({ 'max-uses': '30', 'expires-in': '4h', notes: '  Garden party ', json: true })).toEqual({
      maxUses: 30,
      expiresInSeconds: 4 * 3600,
      notes: 'Garden party',
      json: true,
    });
    expect(parseCodeCreateOptions({ 'max-uses': '1', 'expires-in': '1h' })).toMatchObject({ maxUses: 1, notes: null, json: false });
    expect(parseCodeCreateOptions({ 'max-uses': '500', 'expires-in': '7d' })).toMatchObject({ maxUses: 500, expiresInSeconds: 7 * 86400 });
  });

  it.each([
    [{ 'expires-in': '4h' }, /--max-uses is required/],
    [{ 'max-uses': '0', 'expires-in': '4h' }, /1 to 500/],
    [{ 'max-uses': '501', 'expires-in': '4h' }, /1 to 500/],
    [{ 'max-uses': '2.5', 'expires-in': '4h' }, /whole number/],
    [{ 'max-uses': 'lots', 'expires-in': '4h' }, /whole number/],
    [{ 'max-uses': '5' }, /--expires-in is required/],
    [{ 'max-uses': '5', 'expires-in': 'tomorrow' }, /not a duration/],
    [{ 'max-uses': '5', 'expires-in': '30m' }, /1h to 7d/],
    [{ 'max-uses': '5', 'expires-in': '8d' }, /1h to 7d/],
    [{ 'max-uses': '5', 'expires-in': '4h', notes: 'x'.repeat(201) }, /200/],
  ])('refuses %o with a clear message', (values, message) => {
    expect(() => parseCodeCreateOptions(values)).toThrow(message);
  });

  it('builds the join URL the QR code carries', () => {
    expect(joinUrl('http://192.168.1.20:5173', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')).toBe(
      'http://192.168.1.20:5173/join?code=a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    );
  });
});
