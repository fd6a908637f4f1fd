// What the benches read about the stack's processes from /proc (Linux): resident memory, and the PostgREST process
// behind the gateway (so orders can be sent to it directly, beside the gateway).
import { readdir, readFile } from 'node:fs/promises';

/** Resident set size of one process, in MB (VmRSS). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return kb / 1024;
}

export async function processTreeRssMb(pids: number[]): Promise<number> {
  const sizes = await Promise.all(pids.map((pid) => rssMb(pid).catch(() => 0)));
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** Every descendant of `pid` (children, their children, …). */
export async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // Field 4 (ppid) follows the command name in parentheses, which may itself contain spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!parents.has(ppid)) parents.set(ppid, []);
    parents.get(ppid)!.push(Number(name));
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of parents.get(queue.shift()!) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** The origin of the PostgREST process the stack `stackPid` started (its PGRST_SERVER_PORT, on loopback). */
export async function postgrestOrigin(stackPid: number): Promise<string> {
  for (const pid of await descendants(stackPid)) {
    const comm = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
    if (comm !== 'postgrest') continue;
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8');
    const port = /(?:^|\0)PGRST_SERVER_PORT=(\d+)/.exec(environ)?.[1];
    if (port) return `http://127.0.0.1:${port}`;
  }
  throw new Error(`no PostgREST process under the stack (pid ${stackPid})`);
}
