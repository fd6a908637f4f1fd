// Runs the `barkeep` command line as a user does (`npx barkeep …` → bin/barkeep.js), as a child process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './stack-process.ts';

export interface BarkeepResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runBarkeep(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<BarkeepResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'barkeep.js'), ...args], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
