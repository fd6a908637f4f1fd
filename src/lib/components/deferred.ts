// A part of a page the first paint does not need (a sheet, a tab, a dictionary): loaded once, when first needed
// or as soon as something hints it will be (the pointer over the page, a touch, focus), so a tap never waits.
// A failed load (offline, a deploy replaced the chunk) is forgotten, so the next need tries again.
export function deferred<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
