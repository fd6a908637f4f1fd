// The stack a benchmark runs against: the tests' own (support/stack-process.ts), with more time to start, since a
// bench may share the machine with test runs and every bench starts a fresh stack.
import { startStackProcess } from '../support/stack-process.ts';

export { makeDataDir, PROJECT_ROOT, removeDataDir, type StackProcess } from '../support/stack-process.ts';

export function startBenchStack(options: Parameters<typeof startStackProcess>[0]): ReturnType<typeof startStackProcess> {
  return startStackProcess({ startTimeoutMs: 300_000, ...options });
}
