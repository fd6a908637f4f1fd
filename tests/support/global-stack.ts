// Vitest global setup: one real stack for the integration and security suites, torn down after them.
// It runs the project's migrations and functions from a throw-away copy whose function secrets let push-dispatch
// deliver to the suites' fake push service on loopback http (PUSH_ALLOW_LOOPBACK_ENDPOINTS; never set at a party).
import type { TestProject } from 'vitest/node';
import { copyProjectWithSecrets } from './project-copy.ts';
import { makeDataDir, removeDataDir, reportUnexpectedExit, startStackProcess, type StackInfo } from './stack-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await makeDataDir();
  const copy = await copyProjectWithSecrets({ PUSH_ALLOW_LOOPBACK_ENDPOINTS: 'true' });
  const stack = await startStackProcess({ dataDir, env: { BARKEEP_SUPABASE_DIR: copy.supabaseDir } });
  const { child: _child, output: _output, stop: _stop, killGroup: _killGroup, ...info } = stack;
  project.provide('stack', info);
  const stopping = reportUnexpectedExit(stack, "The integration suites' stack");
  return async () => {
    stopping();
    await stack.stop();
    await removeDataDir(dataDir);
    await copy.remove();
  };
}
