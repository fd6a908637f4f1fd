// Runs and reports the steps of a command like `barkeep check`: one line per step with its time, a reason and what
// to do next when it fails. The first failed step stops the run (StepFailed); clean-up steps only report.
export class StepFailed extends Error {}

const STEP_TIMEOUT_MS = 30_000;

export interface StepResult {
  name: string;
  ok: boolean;
  ms: number;
  detail?: string;
  cleanup: boolean;
}

export class Steps {
  readonly results: StepResult[] = [];
  constructor(private readonly print: (line: string) => void) {}

  /**
   * Runs one step; `work` may set `step.detail` to say more on the step's line (e.g. a measured latency). A step
   * that does not finish within `timeoutMs` fails: a hung request must not hang the command.
   */
  async run<T>(name: string, work: (step: { detail?: string }) => Promise<T>, options: { cleanup?: boolean; timeoutMs?: number } = {}): Promise<T> {
    const started = performance.now();
    const step: { detail?: string } = {};
    const timeoutMs = options.timeoutMs ?? STEP_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StepFailed(`No answer within ${timeoutMs / 1000} s. Is the project reachable and healthy (Dashboard → Logs)?`)),
        timeoutMs,
      );
    });
    try {
      const value = await Promise.race([work(step), timedOut]);
      const ms = Math.round(performance.now() - started);
      this.record({ name, ok: true, ms, detail: step.detail, cleanup: Boolean(options.cleanup) });
      return value;
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      const detail = error instanceof StepFailed ? error.message : `unexpected error: ${(error as Error).message ?? String(error)}`;
      this.record({ name, ok: false, ms, detail, cleanup: Boolean(options.cleanup) });
      throw error instanceof StepFailed ? error : new StepFailed(detail);
    } finally {
      clearTimeout(timer);
    }
  }

  section(title: string): void {
    this.print(title);
  }

  note(text: string): void {
    this.print(`  ${text}`);
  }

  get failed(): StepResult[] {
    return this.results.filter((result) => !result.ok);
  }

  private record(result: StepResult): void {
    this.results.push(result);
    this.print(`  ${result.ok ? '✓' : '✗'} ${result.name.padEnd(58)} ${String(result.ms).padStart(6)} ms`);
    if (result.detail) this.print(`    ${result.detail}`);
  }
}
