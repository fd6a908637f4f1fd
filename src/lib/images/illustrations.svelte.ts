// The drawing code for illustrations (illustration-svg.ts and its tables, ~5 KB) loads when the first drawing is
// near the screen, or when the guest starts to scroll or touch the page: a menu whose first screen is photos
// does not wait for it. Once loaded, every illustration on the page draws at once.
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

/** Loads the drawing code once `element` is on screen (at once without IntersectionObserver); returns a stop function. */
export function drawWhenVisible(element: Element): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    void loadIllustrations().catch(() => undefined);
    return () => {};
  }
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    observer.disconnect();
    void loadIllustrations().catch(() => undefined);
  });
  observer.observe(element);
  return () => observer.disconnect();
}
