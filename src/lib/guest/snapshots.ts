// Small things the guest's phone remembers between visits, in localStorage: the last menu and orders seen
// (so the bar opens offline) and which orders already showed their "ready" alert. Bounded, and a corrupt
// entry reads as none.
type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function readSnapshot<T>(storage: KeyValueStorage, key: string): T | null {
  try {
    return JSON.parse(storage.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

export function writeSnapshot<T>(storage: KeyValueStorage, key: string, value: T): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the live screen works without it.
  }
}

/** A remembered set of ids (newest kept, at most `limit`). */
export function rememberedIds(storage: KeyValueStorage, key: string, limit = 100) {
  const read = () => {
    const ids = readSnapshot<unknown>(storage, key);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  };
  return {
    has: (id: string) => read().includes(id),
    add(id: string) {
      writeSnapshot(storage, key, [...read().filter((known) => known !== id), id].slice(-limit));
    },
  };
}
