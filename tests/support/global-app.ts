// Vitest global setup for browser tests: `barkeep start` (stack + built PWA) as a real process.
import type { TestProject } from 'vitest/node';
import { makeDataDir, removeDataDir, reportUnexpectedExit, startStackProcess, type StackInfo } from './stack-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await makeDataDir();
  const app = await startStackProcess({ dataDir, command: 'start' });
  const { child: _child, output: _output, stop: _stop, killGroup: _killGroup, ...info } = app;
  project.provide('stack', info);
  const stopping = reportUnexpectedExit(app, "The browser suites' barkeep start");
  return async () => {
    stopping();
    await app.stop();
    await removeDataDir(dataDir);
  };
}
