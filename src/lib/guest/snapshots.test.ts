import { describe, expect, it } from 'vitest';
import { readSnapshot, rememberedIds } from './snapshots';

function memoryStorage() {
  const values = new Map<string, string>();
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) };
}

describe('what the phone remembers', () => {
  it('remembers alerted orders across instances, newest kept', () => {
    const storage = memoryStorage();
    rememberedIds(storage, 'k', 2).add('a');
    const again = rememberedIds(storage, 'k', 2);
    expect(again.has('a')).toBe(true);
    again.add('b');
    again.add('c');
    expect(['a', 'b', 'c'].map((id) => again.has(id))).toEqual([false, true, true]);
  });

  it('reads a corrupt entry as none', () => {
    const storage = memoryStorage();
    storage.setItem('k', '{oops');
    expect(readSnapshot(storage, 'k')).toBeNull();
    expect(rememberedIds(storage, 'k').has('x')).toBe(false);
  });
});
