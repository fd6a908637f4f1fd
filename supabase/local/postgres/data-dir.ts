// Where the embedded database keeps its files: <dataDir>/db. PostgreSQL refuses to run as root, so as root it runs
// as the `postgres` system user, which must be able to enter every folder on the way to its binaries and its data.
// The stack never changes the modes of the user's folders to make that so: when the data directory is private,
// the database lives in a folder of its own under /var/tmp (kept across reboots), linked from <dataDir>/db.
import { createHash } from 'node:crypto';
import { lstat, mkdir, readlink, realpath, rm, stat, symlink } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { StartupError } from '../shared/processes.ts';

export const ROOT_DATABASE_BASE = '/var/tmp/barkeep-postgres';

/** The first folder on the way to `path` (itself included) that users other than its owner cannot enter. */
export async function firstClosedFolder(path: string): Promise<string | undefined> {
  const folders: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    folders.unshift(dir);
    if (dir === dirname(dir)) break;
  }
  for (const folder of folders) {
    const info = await stat(folder).catch(() => undefined);
    if (!info) return undefined; // created later, by us, with the default modes
    if (info.isDirectory() && (info.mode & 0o001) === 0) return folder;
  }
  return undefined;
}

export interface DatabaseLocation {
  /** The PostgreSQL data directory. */
  dir: string;
  /** Said once at start when the database does not live in <dataDir>/db itself. */
  note?: string;
}

/** A folder owned by root that nobody else can replace: /var/tmp is world-writable. */
async function ensureBase(): Promise<void> {
  await mkdir(ROOT_DATABASE_BASE, { recursive: true, mode: 0o755 });
  const info = await lstat(ROOT_DATABASE_BASE);
  if (!info.isDirectory() || info.uid !== 0) {
    throw new StartupError(`${ROOT_DATABASE_BASE} exists but is not a folder owned by root. Remove it, then start again.`);
  }
}

export async function databaseLocation(dataDir: string, binary: string): Promise<DatabaseLocation> {
  const link = join(dataDir, 'db');
  if (userInfo().uid !== 0) return { dir: link };

  const closedOnBinaries = await firstClosedFolder(dirname(binary));
  if (closedOnBinaries) {
    throw new StartupError(
      `PostgreSQL refuses to run as root, so Barkeep runs it as the "postgres" user — which cannot enter ${closedOnBinaries} ` +
        `to reach its programs in ${dirname(binary)}.\n` +
        'Barkeep does not change the permissions of your folders. Either run Barkeep as a normal user, move the project to a folder ' +
        `others may enter (for example /opt or /srv), allow it yourself (chmod o+x ${closedOnBinaries}), or set DATABASE_URL to a PostgreSQL you run.`,
    );
  }

  const existing = await lstat(link).catch(() => undefined);
  if (existing?.isDirectory()) {
    // The database folder itself belongs to `postgres` (PostgreSQL wants it private); the way to it must be open.
    const closed = await firstClosedFolder(dataDir);
    if (closed)
      throw new StartupError(
        `The database in ${link} cannot be reached by the "postgres" user (${closed} is private). Run \`chmod o+x ${closed}\`, or move the data directory.`,
      );
    return { dir: link };
  }
  if (existing?.isSymbolicLink()) {
    const target = resolve(dirname(link), await readlink(link));
    return { dir: target, note: `The database lives in ${target} (linked from ${link}).` };
  }
  if (!(await firstClosedFolder(dataDir))) return { dir: link };

  // A private data directory: the database gets a folder of its own, named after the data directory.
  await ensureBase();
  const id = createHash('sha256')
    .update(await realpath(dataDir))
    .digest('hex')
    .slice(0, 16);
  const target = join(ROOT_DATABASE_BASE, id);
  // No link means the data directory was deleted to start over: whatever is left there belongs to that old start.
  await rm(target, { recursive: true, force: true });
  await symlink(target, link);
  return {
    dir: target,
    note:
      `Running as root: PostgreSQL runs as the "postgres" user, which cannot enter ${await firstClosedFolder(dataDir)}, ` +
      `so the database lives in ${target} (linked from ${link}). Barkeep leaves your folder permissions as they are.`,
  };
}

/** Removes the database folder a data directory links to (tests and "start over" clean-ups). */
export async function removeLinkedDatabase(dataDir: string): Promise<void> {
  const link = join(dataDir, 'db');
  const info = await lstat(link).catch(() => undefined);
  if (!info?.isSymbolicLink()) return;
  const target = resolve(dirname(link), await readlink(link));
  if (target.startsWith(`${ROOT_DATABASE_BASE}/`)) await rm(target, { recursive: true, force: true });
}
