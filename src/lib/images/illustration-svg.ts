// The illustration of a drink as one self-contained SVG document (pure, deterministic): the page shows it as an
// <img>, so a long menu costs one element per drink, offscreen ones are not drawn until scrolled near, and the
// drawing follows light and dark mode through its own prefers-color-scheme styles.
import type { Recipe } from '$lib/bar/types';
import { GLASS_SHAPES, type GlassShape } from './glass-shapes';
import { illustrationOf, shade, type Garnish, type Illustration } from './illustration';

const STYLE = `
.glass{fill:#ffffff8c;stroke:#8f88a8;stroke-width:1.5;stroke-linejoin:round}
.shadow{fill:#0000001f}
@media (prefers-color-scheme:dark){.glass{fill:#ffffff12;stroke:#a79fc2}}
.copper{fill:#b8693a;stroke:#8a4a24;stroke-width:1.5}
.handle{fill:none;stroke:#a85c31;stroke-width:5;stroke-linecap:round}
.line{fill:none;stroke-linecap:round}
.ice{fill:#ffffff59;stroke:#ffffffd9;stroke-width:1}
.bubble{fill:none;stroke:#ffffffd9;stroke-width:.8}
.leaf{fill:#4caf50;stroke:#2e7d32;stroke-width:.8}
.stalk{fill:none;stroke:#3d7a2a;stroke-width:1.5}`;

const WHEELS: Partial<Record<Garnish, [peel: string, flesh: string]>> = {
  lime: ['#6a9b2a', '#cfe68a'],
  lemon: ['#e8c51c', '#f9ec8f'],
  orange: ['#ee8a12', '#fbbf5a'],
  grapefruit: ['#f08a5d', '#f7a8a0'],
  cucumber: ['#2f6b2f', '#c7e6b5'],
};

function garnish(art: Illustration, shape: GlassShape): string {
  if (!art.garnish) return '';
  const { x, y } = shape.rim;
  const surface = shape.fill - y;
  const wheel = WHEELS[art.garnish];
  let body = '';
  if (wheel) {
    body = `<circle r="11" fill="${wheel[0]}"/><circle r="8.5" fill="${wheel[1]}"/><path class="line" stroke="#ffffffbf" stroke-width=".9" d="M0 -8V8M-7 -4L7 4M-7 4L7 -4"/>`;
  } else if (art.garnish === 'zest') {
    body = `<path class="line" stroke="#ee8a12" stroke-width="3" d="M-10 -1C-4 -6 4 -4 3 2C2 8 -6 8 -4 14C-2 19 6 18 8 24"/>`;
  } else if (art.garnish === 'mint') {
    body = `<g transform="translate(-16 ${surface})"><path class="stalk" d="M0 6C1 -6 4 -14 6 -20"/><ellipse class="leaf" cx="-3" cy="-10" rx="4" ry="7" transform="rotate(-35 -3 -10)"/><ellipse class="leaf" cx="8" cy="-14" rx="4" ry="7" transform="rotate(30 8 -14)"/><ellipse class="leaf" cx="3" cy="-22" rx="3.5" ry="6" transform="rotate(5 3 -22)"/></g>`;
  } else if (art.garnish === 'cherry') {
    body = `<path class="stalk" d="M-4 -4C-2 -14 4 -18 10 -20"/><circle cx="-5" cy="0" r="6" fill="#c3122f"/><circle cx="-7" cy="-2" r="1.5" fill="#ffffffb3"/>`;
  } else if (art.garnish === 'pineapple') {
    body = `<path class="leaf" d="M-2 -8L-8 -22L0 -12L2 -25L5 -11L12 -20L6 -7Z"/><path d="M-10 -8H12L1 12Z" fill="#f5c518" stroke="#c99400" stroke-width=".8"/>`;
  } else if (art.garnish === 'beans') {
    body = `<g transform="translate(${60 - x} ${surface - 2})">${[-9, 0, 9]
      .map(
        (at) =>
          `<ellipse cx="${at}" cy="0" rx="3.6" ry="2.4" fill="#4a2a14"/><path class="line" stroke="#2a160b" stroke-width=".8" d="M${at - 2.5} 0H${at + 2.5}"/>`,
      )
      .join('')}</g>`;
  } else if (art.garnish === 'berries') {
    body = `<g transform="translate(-14 ${surface - 2})"><circle r="4.2" fill="#a3295e"/><circle cx="7" cy="-2" r="4" fill="#5b1a4a"/><circle cx="3.5" cy="-7" r="3.6" fill="#a3295e"/></g>`;
  }
  return `<g transform="translate(${x} ${y})">${body}</g>`;
}

function liquid(art: Illustration, shape: GlassShape): string {
  let y = shape.bottom;
  const gradients: string[] = [];
  const bands = art.layers.map((layer, index) => {
    const height = index === art.layers.length - 1 ? y - shape.fill : (shape.bottom - shape.fill) * layer.share;
    y -= height;
    gradients.push(
      `<linearGradient id="l${index}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${shade(layer.colour, 0.35)}"/><stop offset="1" stop-color="${layer.colour}"/></linearGradient>`,
    );
    return `<rect x="0" y="${y.toFixed(1)}" width="120" height="${(height + 0.5).toFixed(1)}" fill="url(#l${index})"/>`;
  });
  const width = shape.right - shape.left;
  const depth = Math.min(1, (shape.bottom - shape.fill) / 40);
  const ice = art.ice
    ? [0.18, 0.52].map((at, index) => {
        const cx = shape.left + width * at;
        const cy = shape.fill + 4 + index * 9;
        return `<rect class="ice" x="${cx.toFixed(1)}" y="${cy}" width="14" height="14" rx="3" transform="rotate(${index ? -12 : 9} ${(cx + 7).toFixed(1)} ${cy + 7})"/>`;
      })
    : [];
  const bubbles = art.bubbles
    ? [0.2, 0.45, 0.7, 0.33, 0.82].map(
        (at, index) =>
          `<circle class="bubble" cx="${(shape.left + width * at).toFixed(1)}" cy="${(shape.fill + 8 + ((index * 13) % 30) * depth).toFixed(1)}" r="1.6"/>`,
      )
    : [];
  const foam = art.foam ? `<rect x="0" y="${shape.fill - 1}" width="120" height="5" fill="#f3e6cf"/>` : '';
  return `<defs><clipPath id="in"><path d="${shape.inside}"/></clipPath>${gradients.join('')}</defs>
<g clip-path="url(#in)"><rect x="0" y="${shape.fill}" width="120" height="${shape.bottom - shape.fill + 1}" fill="#cfe5ee" opacity=".55"/>
<g opacity="${shape.opaque ? 1 : art.opacity.toFixed(2)}">${bands.join('')}${foam}</g>${ice.join('')}${bubbles.join('')}
<path class="line" stroke="#ffffff8c" stroke-width="1.2" d="M0 ${shape.fill}H120"/></g>`;
}

/** The drink’s illustration as a square SVG document (132 × 132 drawing units around the 120-wide glasses). */
export function illustrationSvg(recipe: Recipe): string {
  const art = illustrationOf(recipe);
  const shape = GLASS_SHAPES[art.glass];
  const stem = shape.stem
    ? `<path class="glass" d="M58.5 ${shape.stem.top}V${shape.stem.bottom}H61.5V${shape.stem.top}Z"/><ellipse class="glass" cx="60" cy="${shape.stem.bottom + 1.5}" rx="18" ry="3.5"/>`
    : '';
  const body = shape.opaque
    ? `<path class="copper" d="${shape.outline}"/>${liquid(art, shape)}<path class="handle" d="M80 52H88Q95 52 95 60V80Q95 88 88 88H80"/><path class="line" stroke="#ffdcbe59" stroke-width="1.2" d="M34 56H74M34 72H74M34 88H74"/>`
    : `<path class="glass" d="${shape.outline}"/>${liquid(art, shape)}<path class="line" stroke="#ffffffb3" stroke-width="2.2" d="M${shape.left + 4} ${shape.fill + 4}V${Math.min(shape.bottom - 6, shape.fill + 26)}"/>`;
  const salt = art.saltRim
    ? `<path class="line" stroke="#fff" stroke-width="3" stroke-dasharray="1.2 1.6" d="M${122 - shape.rim.x} ${shape.rim.y}H${shape.rim.x - 2}"/>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-6 -12 132 132"><style>${STYLE}</style><ellipse class="shadow" cx="60" cy="111" rx="30" ry="3.5"/>${stem}${body}${salt}${garnish(art, shape)}</svg>`;
}

/** The illustration as a URL for <img src>. */
export function illustrationUrl(recipe: Recipe): string {
  return `data:image/svg+xml,${encodeURIComponent(illustrationSvg(recipe))}`;
}
