// A PostgreSQL left running by a Barkeep that died without stopping it (killed with -9, crashed, out of memory):
// it keeps the database's lock file and port, so the next start would fail with "lock file already exists" and
// leave the host to find and kill a process. It is ours to stop when it serves our data directory and the
// process that started it is gone. Linux only (/proc); elsewhere PostgreSQL's own message stands.
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../shared/log.ts';
import { StartupError } from '../shared/processes.ts';

interface ProcessInfo {
  state: string;
  parent: number;
  args: string[];
}

function processInfo(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid …; comm may hold spaces and parentheses, so the fields start after the last ')'.
    const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { state, parent: Number(parent), args };
  } catch {
    return undefined; // gone, or not ours to read
  }
}

/** Alive and not a zombie (a zombie holds no port, files or memory; it only waits to be reaped). */
function running(pid: number): boolean {
  const info = processInfo(pid);
  return info !== undefined && info.state !== 'Z';
}

async function until(done: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Exited (a zombie counts: it has stopped and let go of the lock file and port). */
const exited = (pid: number, withinMs: number) => until(() => !running(pid), withinMs);
/** Reaped: no process with that id at all. */
const gone = (pid: number, withinMs: number) => until(() => processInfo(pid) === undefined, withinMs);

function sameDir(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

export async function stopLeftoverPostmaster(databaseDir: string, log: Logger): Promise<void> {
  const lockFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync('/proc') || !existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  const postmaster = Number.isInteger(pid) && pid > 0 ? processInfo(pid) : undefined;
  if (!postmaster) return; // a stale lock file, which PostgreSQL removes itself
  if (postmaster.state === 'Z') {
    // Killed, and not reaped yet (where PID 1 is no init, that can take seconds or forever). PostgreSQL counts a
    // zombie as a running postmaster and would refuse to start; it holds nothing, so its lock file can go.
    if (!(await gone(pid, 5_000))) {
      rmSync(lockFile, { force: true });
      log.info('postgres', `Removed the lock file of a database process that was killed (${pid}, not reaped yet).`);
    }
    return;
  }
  const dataDirArg = postmaster.args.indexOf('-D');
  if (!/postgres$/.test(postmaster.args[0] ?? '') || dataDirArg < 0 || !sameDir(postmaster.args[dataDirArg + 1] ?? '', databaseDir)) return;

  const starter = processInfo(postmaster.parent);
  if (starter && starter.state !== 'Z' && /(^|\/)node$/.test(starter.args[0] ?? '')) {
    throw new StartupError(
      `Another Barkeep (process ${postmaster.parent}) is running on this data directory. ` +
        `Stop it first (Ctrl-C in its terminal, or \`kill ${postmaster.parent}\`), or give this one its own BARKEEP_DATA_DIR.`,
    );
  }
  log.warn('postgres', `The database was left running by a Barkeep that did not stop (process ${pid}); stopping it before starting again.`);
  // Fast shutdown: open transactions roll back, everything committed (every acknowledged order) stays.
  process.kill(pid, 'SIGINT');
  if (await exited(pid, 15_000)) return;
  // Immediate shutdown: PostgreSQL recovers from its write-ahead log at the next start, committed data included.
  process.kill(pid, 'SIGQUIT');
  if (await exited(pid, 5_000)) return;
  throw new StartupError(`The database left running by an earlier Barkeep (process ${pid}) did not stop. Stop it with \`kill -9 ${pid}\` and start again.`);
}
