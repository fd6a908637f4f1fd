// Live screens re-read their rows on every rejoin, return to the app and poll. Most re-reads find what is already
// shown; handing Svelte fresh (equal) arrays would still re-run everything derived from them — the whole menu.

/** Whether `next` holds exactly what `shown` holds (rows as PostgREST returns them: plain JSON). */
export function sameRows(shown: unknown, next: unknown): boolean {
  return JSON.stringify(shown) === JSON.stringify(next);
}
