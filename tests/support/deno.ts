// The project's Deno (the `deno` npm package), run with the settings the local functions runner uses.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function denoBinary(): string {
  return createRequire(import.meta.url)('deno/install_api.cjs').runInstall() as string;
}

export function runDeno(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(denoBinary(), args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The same module cache as the test stacks, so npm: packages download once per machine.
      env: {
        ...process.env,
        DENO_DIR: process.env.DENO_DIR || join(tmpdir(), 'barkeep-deno-cache'),
        DENO_NO_PACKAGE_JSON: '1',
        DENO_NO_UPDATE_CHECK: '1',
        NO_COLOR: '1',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
