// The nine glasses of the illustrations in one 120×120 drawing space: the glass outline, its inside (where the
// drink goes), how full it is poured, and the point on the rim where the garnish sits. Foot and stem are drawn
// for stemmed glasses. Pure data.
import type { Glass } from './illustration';

export interface GlassShape {
  outline: string;
  inside: string;
  /** y of the drink's surface and of the inside's lowest point. */
  fill: number;
  bottom: number;
  /** Left and right of the inside at the surface (ice, bubbles, foam stay within). */
  left: number;
  right: number;
  rim: { x: number; y: number };
  stem?: { top: number; bottom: number };
  /** A copper mug: the body is opaque, only the surface shows. */
  opaque?: boolean;
}

const foot = { top: 0, bottom: 106 };

export const GLASS_SHAPES: Record<Glass, GlassShape> = {
  highball: {
    outline: 'M37 20 H83 V104 Q83 109 78 109 H42 Q37 109 37 104 Z',
    inside: 'M40 22 H80 V102 Q80 105 77 105 H43 Q40 105 40 102 Z',
    fill: 32,
    bottom: 105,
    left: 40,
    right: 80,
    rim: { x: 80, y: 20 },
  },
  tumbler: {
    outline: 'M28 52 H92 L89 104 Q88 109 83 109 H37 Q32 109 31 104 Z',
    inside: 'M31 54 H89 L86.5 100 Q86 103 83 103 H37 Q34 103 33.5 100 Z',
    fill: 64,
    bottom: 103,
    left: 32,
    right: 88,
    rim: { x: 89, y: 52 },
  },
  coupe: {
    outline: 'M16 42 H104 C103 64 84 76 60 76 C36 76 17 64 16 42 Z',
    inside: 'M19 44 H101 C99 62 82 73 60 73 C38 73 21 62 19 44 Z',
    fill: 48,
    bottom: 73,
    left: 21,
    right: 99,
    rim: { x: 101, y: 42 },
    stem: { top: 76, bottom: foot.bottom },
  },
  martini: {
    outline: 'M14 28 H106 L60 72 Z',
    inside: 'M19 30 H101 L60 68 Z',
    fill: 36,
    bottom: 68,
    left: 25,
    right: 95,
    rim: { x: 103, y: 28 },
    stem: { top: 72, bottom: foot.bottom },
  },
  copa: {
    outline: 'M24 22 C16 58 28 86 60 86 C92 86 104 58 96 22 Z',
    inside: 'M27 24 C20 58 31 83 60 83 C89 83 100 58 93 24 Z',
    fill: 44,
    bottom: 83,
    left: 24,
    right: 96,
    rim: { x: 94, y: 22 },
    stem: { top: 86, bottom: foot.bottom },
  },
  wine: {
    outline: 'M32 16 C27 48 34 70 60 70 C86 70 93 48 88 16 Z',
    inside: 'M35 18 C31 48 37 67 60 67 C83 67 89 48 85 18 Z',
    fill: 36,
    bottom: 67,
    left: 33,
    right: 87,
    rim: { x: 86, y: 16 },
    stem: { top: 70, bottom: foot.bottom },
  },
  shot: {
    outline: 'M36 52 H84 L79.5 108 H40.5 Z',
    inside: 'M39.5 54 H80.5 L76.5 103 H43.5 Z',
    fill: 62,
    bottom: 103,
    left: 41,
    right: 79,
    rim: { x: 82, y: 52 },
  },
  mug: {
    outline: 'M28 38 H80 V102 Q80 109 73 109 H35 Q28 109 28 102 Z',
    inside: 'M31 40 H77 V47 H31 Z',
    fill: 41,
    bottom: 47,
    left: 31,
    right: 77,
    rim: { x: 78, y: 38 },
    opaque: true,
  },
  hurricane: {
    outline: 'M38 14 C34 34 30 46 36 60 C42 72 40 84 45 94 V102 H75 V94 C80 84 78 72 84 60 C90 46 86 34 82 14 Z',
    inside: 'M41 16 C37 34 33 46 39 59 C45 71 43 83 48 93 V100 H72 V93 C77 83 75 71 81 59 C87 46 83 34 79 16 Z',
    fill: 28,
    bottom: 100,
    left: 38,
    right: 82,
    rim: { x: 80, y: 14 },
    stem: { top: 102, bottom: foot.bottom },
  },
};
