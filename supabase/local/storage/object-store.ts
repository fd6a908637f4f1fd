// The files behind storage.objects, under <data dir>/storage. Each upload is a new file named by a fresh version
// id (the row's `version` column), never by the object's name: names cannot reach the file system, two uploads to
// one key never share a file, and a replaced version is deleted only after the row points elsewhere.
// A write streams to tmp/ with a byte count and MD5, fsyncs, then renames into objects/: a file is either whole
// or absent, and an aborted or refused upload leaves nothing behind.
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ERRORS } from './errors.ts';

export interface StoredFile {
  version: string;
  size: number;
  /** Hex MD5 of the bytes, the ETag S3 (and so Supabase Storage) gives a single-part upload. */
  md5: string;
}

const VERSION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class ObjectStore {
  readonly #objects: string;
  readonly #tmp: string;

  constructor(root: string) {
    this.#objects = join(root, 'objects');
    this.#tmp = join(root, 'tmp');
  }

  /** Creates the folders and drops whatever an interrupted run left in tmp/. */
  async init(): Promise<void> {
    await rm(this.#tmp, { recursive: true, force: true });
    await mkdir(this.#tmp, { recursive: true, mode: 0o700 });
    await mkdir(this.#objects, { recursive: true, mode: 0o700 });
  }

  #path(version: string): string {
    if (!VERSION.test(version)) throw new Error(`not a storage version id: ${version}`);
    return join(this.#objects, version);
  }

  /** Streams `source` into a new file; more than `maxBytes` aborts with EntityTooLarge and removes the partial file. */
  async write(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredFile> {
    const version = randomUUID();
    const tmp = join(this.#tmp, version);
    const hash = createHash('md5');
    let size = 0;
    let handle: FileHandle | undefined;
    try {
      handle = await open(tmp, 'wx', 0o600);
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > maxBytes) throw ERRORS.entityTooLarge();
        hash.update(chunk);
        await handle.write(chunk);
      }
      await handle.sync();
      await handle.close();
      handle = undefined;
      await rename(tmp, this.#path(version));
      await this.#syncDirectory();
      return { version, size, md5: hash.digest('hex') };
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
  }

  /** A second name for an existing file (files never change, so a copy can share the bytes). */
  async duplicate(version: string): Promise<string> {
    const copy = randomUUID();
    await link(this.#path(version), this.#path(copy));
    return copy;
  }

  /** Bytes `start`…`end` (inclusive) of a version, or null when the file is gone (replaced a moment ago). */
  async read(version: string, range?: { start: number; end: number }): Promise<{ stream: Readable; size: number } | null> {
    try {
      // Opened before streaming, so a concurrent replace (unlink) cannot cut the answer short.
      const handle = await open(this.#path(version), 'r');
      const { size } = await handle.stat();
      return { stream: handle.createReadStream({ start: range?.start, end: range?.end }), size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async exists(version: string): Promise<boolean> {
    return stat(this.#path(version)).then(
      () => true,
      () => false,
    );
  }

  async remove(versions: Iterable<string | null | undefined>): Promise<void> {
    for (const version of versions) {
      if (version && VERSION.test(version)) await unlink(this.#path(version)).catch(() => undefined);
    }
  }

  /** Deletes files no row refers to (left by a crash between rename and the row's commit). */
  async sweep(referenced: (versions: string[]) => Promise<Set<string>>): Promise<number> {
    const files = (await readdir(this.#objects)).filter((name) => VERSION.test(name));
    if (files.length === 0) return 0;
    const known = await referenced(files);
    const orphans = files.filter((name) => !known.has(name));
    await this.remove(orphans);
    return orphans.length;
  }

  async #syncDirectory(): Promise<void> {
    const directory = await open(this.#objects, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }
}
