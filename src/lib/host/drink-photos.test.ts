import { describe, expect, it, vi } from 'vitest';
import { centredSquare } from '$lib/images/encode';

// The module reads the app's public config for uploads; its pure rules need none of it.
vi.mock('$env/dynamic/public', () => ({ env: {} }));
const { classifyFile, filesOf, MAX_SOURCE_BYTES, overallProgress, uploadPlan } = await import('./drink-photos');

const drinkId = '3f0c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098';

describe('drink photos', () => {
  it('tells HEIC and non-images apart from photos it can use', () => {
    expect(classifyFile({ name: 'IMG_0001.HEIC', type: '', size: 10 })).toBe('heic');
    expect(classifyFile({ name: 'photo', type: 'image/heif', size: 10 })).toBe('heic');
    expect(classifyFile({ name: 'menu.pdf', type: 'application/pdf', size: 10 })).toBe('not_image');
    expect(classifyFile({ name: 'notes.txt', type: 'text/plain', size: 10 })).toBe('not_image');
    expect(classifyFile({ name: 'drink.jpg', type: 'image/jpeg', size: 10 })).toBe('image');
    expect(classifyFile({ name: 'drink.webp', type: '', size: 10 })).toBe('image');
    expect(classifyFile({ name: 'huge.png', type: 'image/png', size: MAX_SOURCE_BYTES + 1 })).toBe('too_big');
  });

  it('plans three files under a new version prefix', () => {
    expect(uploadPlan(drinkId, 'abc123xyz', 'webp')).toEqual([
      { width: 320, path: `drinks/${drinkId}/abc123xyz/320.webp` },
      { width: 640, path: `drinks/${drinkId}/abc123xyz/640.webp` },
      { width: 1200, path: `drinks/${drinkId}/abc123xyz/1200.webp` },
    ]);
    expect(uploadPlan(drinkId, 'abc123xyz-jpeg', 'jpeg')[0]!.path).toBe(`drinks/${drinkId}/abc123xyz-jpeg/320.jpg`);
  });

  it('knows which files an image_path stands for, and nothing for foreign paths', () => {
    expect(filesOf(`drinks/${drinkId}/abc123xyz`)).toEqual([320, 640, 1200].map((width) => `drinks/${drinkId}/abc123xyz/${width}.webp`));
    expect(filesOf(null)).toEqual([]);
    expect(filesOf('drinks/../../secrets')).toEqual([]);
  });

  it('adds up progress over all files, capped at 1', () => {
    expect(overallProgress([0, 0, 0], [100, 300, 600])).toBe(0);
    expect(overallProgress([100, 150, 0], [100, 300, 600])).toBe(0.25);
    expect(overallProgress([100, 300, 700], [100, 300, 600])).toBe(1);
    expect(overallProgress([], [])).toBe(0);
  });

  it('crops the centred square', () => {
    expect(centredSquare(4000, 3000)).toEqual({ x: 500, y: 0, side: 3000 });
    expect(centredSquare(1080, 1920)).toEqual({ x: 0, y: 420, side: 1080 });
  });
});
