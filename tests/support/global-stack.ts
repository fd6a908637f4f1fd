// Vitest global setup: one real stack for the integration and security suites, torn down after them.
import type { TestProject } from 'vitest/node';
import { makeDataDir, removeDataDir, startStackProcess, type StackInfo } from './stack-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await makeDataDir();
  const stack = await startStackProcess({ dataDir });
  const { child: _child, output: _output, stop: _stop, ...info } = stack;
  project.provide('stack', info);
  return async () => {
    await stack.stop();
    await removeDataDir(dataDir);
  };
}
