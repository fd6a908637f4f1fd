// The drawing code for illustrations (illustration-svg.ts and its tables, ~5 KB) loads when the first drawing is
// near the screen, or when the guest starts to scroll or touch the page: a menu whose first screen is photos
// does not wait for it. Once loaded, each illustration draws when it comes on screen.
import { deferred } from '$lib/components/deferred';
import type { Recipe } from '$lib/bar/types';

const drawing = $state<{ url: ((recipe: Recipe) => string) | null }>({ url: null });

export const loadIllustrations = deferred(() =>
  import('./illustration-svg').then((module) => {
    drawing.url = module.illustrationUrl;
  }),
);

/** The illustration's URL, or null until the drawing code is there. */
export function illustrationSrc(recipe: Recipe): string | null {
  return drawing.url ? drawing.url(recipe) : null;
}

/**
 * Calls `onScreen` once `element` is on screen (at once without IntersectionObserver); returns a stop function. Each
 * drawing waits for its own turn: drawing all forty of a menu at once, most of them far below the fold, was one long
 * task on a phone just as the menu appeared. No margin ahead of the screen: a first screen of photos would then load
 * the drawing code for the drinks just below it, and drawing one glass as it scrolls in takes no visible time.
 */
export function whenOnScreen(element: Element, onScreen: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    onScreen();
    return () => {};
  }
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    observer.disconnect();
    onScreen();
  });
  observer.observe(element);
  return () => observer.disconnect();
}
