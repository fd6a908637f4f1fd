// B17 and every other pair: each text colour on each background it is used on reaches WCAG AA (4.5:1), in
// light and in dark mode. Computed from theme.css itself.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./theme.css', import.meta.url), 'utf8');

function tokens(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((match) => [match[1], match[2]]));
}
const light = tokens(css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)')));
const dark = { ...light, ...tokens(css.slice(css.indexOf('@media (prefers-color-scheme: dark)'))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// [text, background] as the components use them.
const PAIRS: [string, string][] = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'surface-2'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['muted', 'surface-2'],
  ['accent', 'bg'],
  ['accent', 'surface'],
  ['accent-text', 'accent'],
  ['danger', 'surface'],
  ['danger', 'surface-2'],
  ['danger', 'bg'],
  ['ok', 'surface'],
  ['warn', 'surface'],
  ['warn', 'bg'],
  ['text', 'fresh-bg'],
  ['text', 'waiting-bg'],
  ['text', 'late-bg'],
  ['toast-text', 'toast-bg'],
  ['danger-solid-text', 'danger-solid'],
];

describe('colour contrast (WCAG AA)', () => {
  it('tells a bad pair from a good one', () => {
    expect(contrast('#ffffff', '#ff8a80')).toBeLessThan(4.5); // the dark-mode error toast of the trial (B17)
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21);
  });

  for (const [mode, palette] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it.each(PAIRS)(`${mode}: %s on %s ≥ 4.5:1`, (text, background) => {
      expect(palette[text], text).toBeDefined();
      expect(palette[background], background).toBeDefined();
      expect(contrast(palette[text], palette[background])).toBeGreaterThanOrEqual(4.5);
    });
  }
});
