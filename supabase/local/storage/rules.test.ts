import { describe, expect, it } from 'vitest';
import { matchStorageRoute } from './routes.ts';
import { isAllowedMimeType, isValidKey, parseSize } from './rules.ts';
import { isNotModified, parseRange, safeContentType } from './serve.ts';

describe('object keys', () => {
  it.each(['a.png', 'drinks/x/v1/320.webp', "folder/it's (1) & more!.png", 'a+b=c@d;e:f,g?h$.png'])('accepts %s', (key) => {
    expect(isValidKey(key)).toBe(true);
  });
  it.each(['', '../a.png', 'a/../b.png', 'a/./b', '..', 'line\nbreak', 'nul\u0000', 'über.png', 'a\\b', 'x'.repeat(1025)])('refuses %j', (key) => {
    expect(isValidKey(key)).toBe(false);
  });
});

describe('MIME types', () => {
  it('matches exact types, wildcards, and ignores parameters and case', () => {
    expect(isAllowedMimeType('image/webp', ['image/webp', 'image/png'])).toBe(true);
    expect(isAllowedMimeType('image/gif', ['image/*'])).toBe(true);
    expect(isAllowedMimeType('IMAGE/PNG; charset=binary', ['image/png'])).toBe(true);
    expect(isAllowedMimeType('text/plain', ['image/*'])).toBe(false);
    expect(isAllowedMimeType('image', ['image/*'])).toBe(false);
    expect(isAllowedMimeType('anything/at-all', null)).toBe(true);
  });
});

describe('sizes', () => {
  it('reads Supabase size strings', () => {
    expect(parseSize('10MiB')).toBe(10 * 1024 * 1024);
    expect(parseSize('5MB')).toBe(5_000_000);
    expect(parseSize('300KB')).toBe(300_000);
    expect(parseSize(42)).toBe(42);
    expect(() => parseSize('lots')).toThrow();
  });
});

describe('ranges and conditional requests', () => {
  it('parses single byte ranges against the size', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange(null, 100)).toBeNull();
  });

  it('answers 304 for a matching ETag, or an unchanged date when there is no ETag condition', () => {
    const modified = new Date('2026-12-01T10:00:00.500Z');
    expect(isNotModified(new Headers({ 'if-none-match': '"abc"' }), '"abc"', modified)).toBe(true);
    expect(isNotModified(new Headers({ 'if-none-match': 'W/"abc", "x"' }), '"abc"', modified)).toBe(true);
    expect(isNotModified(new Headers({ 'if-none-match': '"other"', 'if-modified-since': modified.toUTCString() }), '"abc"', modified)).toBe(false);
    expect(isNotModified(new Headers({ 'if-modified-since': modified.toUTCString() }), '"abc"', modified)).toBe(true);
    expect(isNotModified(new Headers({ 'if-modified-since': 'Mon, 30 Nov 2026 10:00:00 GMT' }), '"abc"', modified)).toBe(false);
  });

  it('never serves stored HTML as a page', () => {
    expect(safeContentType('text/html; charset=utf-8')).toBe('text/plain');
    expect(safeContentType('image/webp')).toBe('image/webp');
    expect(safeContentType(undefined)).toBe('application/octet-stream');
  });
});

describe('routes', () => {
  it('tells the operations storage-js calls apart', () => {
    expect(matchStorageRoute('POST', '/object/sign/drink-images')).toMatchObject({ operation: 'object.signMany', bucket: 'drink-images' });
    expect(matchStorageRoute('POST', '/object/sign/drink-images/a/b.png')).toMatchObject({ operation: 'object.sign', key: 'a/b.png' });
    expect(matchStorageRoute('GET', '/object/public/drink-images/a%20b.png')).toMatchObject({ operation: 'public.download', key: 'a b.png' });
    expect(matchStorageRoute('GET', '/object/info/public/b/k')).toMatchObject({ operation: 'public.info' });
    expect(matchStorageRoute('GET', '/object/b/k')).toMatchObject({ operation: 'object.download', allowAnon: true });
    expect(matchStorageRoute('DELETE', '/object/b')).toMatchObject({ operation: 'object.removeMany' });
    expect(matchStorageRoute('POST', '/object/list/b')).toMatchObject({ operation: 'object.list' });
    expect(matchStorageRoute('PUT', '/object/upload/sign/b/k')).toMatchObject({ operation: 'object.signedUpload' });
    expect(matchStorageRoute('POST', '/bucket/b/empty')).toMatchObject({ operation: 'bucket.empty' });
    expect(matchStorageRoute('PATCH', '/object/b/k')).toMatchObject({ status: 405 });
    expect(matchStorageRoute('GET', '/nothing')).toMatchObject({ status: 404 });
    expect(matchStorageRoute('GET', '/object/public/b/%E0%A4%A')).toMatchObject({ status: 400 });
  });
});
