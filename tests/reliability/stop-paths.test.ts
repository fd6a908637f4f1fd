// Every way a foreground stack is told to go ends in the same clean stop, leaving nothing running: the terminal
// window closing (SIGHUP), and a stop asked for after whoever read its output has gone (its next line meets a
// closed pipe — unhandled, that EPIPE ended the process at once and left PostgreSQL and PostgREST behind).
import { afterEach, describe, expect, it } from 'vitest';
import { descendantsOf, isAlive } from '../support/processes.ts';
import { makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

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

  it('stops cleanly when its terminal closes (SIGHUP)', async () => {
    dataDir = await makeDataDir();
    stack = await startStackProcess({ dataDir });
    children = descendantsOf(stack.child.pid!);
    expect(children.length).toBeGreaterThanOrEqual(2);
    const code = exited(stack);
    stack.child.kill('SIGHUP');
    expect(await code).toBe(0);
    expect(stack.output()).toMatch(/SIGHUP: stopping…/);
    expect(children.filter(isAlive)).toEqual([]);
  }, 120_000);

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
