import { describe, expect, it } from 'vitest';
import { newPhotoVersion, parsePhotoPrefix, photoPrefix, photoSources, variantPath } from './photo-paths';

const drinkId = '0b9c7a52-3f8e-4d55-9a7e-2f3c1d4e5f60';

describe('photo paths', () => {
  it('builds drinks/<id>/<version> prefixes and refuses anything else', () => {
    const version = newPhotoVersion('webp', 1_700_000_000_000, () => 0.5);
    expect(photoPrefix(drinkId, version)).toBe(`drinks/${drinkId}/${version}`);
    expect(() => photoPrefix('../../etc', version)).toThrow();
    expect(() => photoPrefix(drinkId, '../x')).toThrow();
  });

  it('gives every new photo a different version, marking JPEG ones', () => {
    expect(newPhotoVersion('webp', 1, () => 0.1)).not.toBe(newPhotoVersion('webp', 1, () => 0.2));
    expect(newPhotoVersion('jpeg')).toMatch(/-jpeg$/);
    expect(parsePhotoPrefix(`drinks/${drinkId}/${newPhotoVersion('jpeg')}`)?.format).toBe('jpeg');
    expect(parsePhotoPrefix(`drinks/${drinkId}/${newPhotoVersion('webp')}`)?.format).toBe('webp');
  });

  it('ignores image paths the app did not write', () => {
    expect(parsePhotoPrefix(null)).toBeNull();
    expect(parsePhotoPrefix('https://example.com/a.jpg')).toBeNull();
    expect(parsePhotoPrefix(`drinks/${drinkId}/abc123/../../x`)).toBeNull();
  });

  it('lists three widths in srcset with the middle one as src', () => {
    const prefix = `drinks/${drinkId}/lq2w3e4r`;
    const sources = photoSources(prefix, 'http://bar.local:54321/');
    const base = `http://bar.local:54321/storage/v1/object/public/drink-images/${prefix}`;
    expect(sources).toEqual({ src: `${base}/640.webp`, srcset: `${base}/320.webp 320w, ${base}/640.webp 640w, ${base}/1200.webp 1200w` });
    expect(variantPath(`${prefix}-jpeg`, 320, 'jpeg')).toBe(`${prefix}-jpeg/320.jpg`);
  });
});
