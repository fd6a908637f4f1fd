// Storage test helpers: the drink-images bucket seen through real storage-js clients, unique keys per test, tiny
// valid images, and a look at the files under the stack's data dir (what an aborted upload must not leave).
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stackInfo } from './clients.ts';

export const BUCKET = 'drink-images';

/** A key under a fresh folder, so parallel tests never share objects. */
export function testKey(name = 'photo.webp', folder = `test-${randomUUID()}`): string {
  return `${folder}/${name}`;
}

/** A 1×1 PNG (the bucket checks the declared type, not the bytes; real bytes keep the test honest anyway). */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export function bytes(size: number, seed = 1): Buffer<ArrayBuffer> {
  const buffer = Buffer.alloc(size) as Buffer<ArrayBuffer>;
  for (let index = 0; index < size; index++) buffer[index] = (index * 31 + seed) & 0xff;
  return buffer;
}

/** Files in the storage folders of the stack (objects/ holds one file per stored version, tmp/ uploads in flight). */
export async function storedFiles(stack = stackInfo()): Promise<{ objects: string[]; tmp: string[] }> {
  const list = (dir: string) => readdir(join(stack.dataDir, 'storage', dir)).catch(() => [] as string[]);
  return { objects: await list('objects'), tmp: await list('tmp') };
}

export function publicUrl(key: string, stack = stackInfo()): string {
  return `${stack.apiUrl}/storage/v1/object/public/${BUCKET}/${key}`;
}
