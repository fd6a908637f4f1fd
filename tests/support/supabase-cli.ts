// The pinned Supabase CLI (the `supabase` devDependency) run as a host runs it, but offline: a throw-away HOME
// (no login, no linked project of the machine's user), no telemetry.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { PROJECT_ROOT } from './stack-process.ts';

export const SUPABASE_CLI = join(PROJECT_ROOT, 'node_modules', '.bin', 'supabase');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function runSupabaseCli(args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  const home = await mkdtemp(join(tmpdir(), 'barkeep-supabase-home-'));
  try {
    return await new Promise<CliResult>((resolve, reject) => {
      const child = spawn(SUPABASE_CLI, args, {
        cwd: options.cwd ?? PROJECT_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH ?? '', HOME: home, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', NO_COLOR: '1', ...options.env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
      child.once('error', reject);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * A throw-away copy of the project's supabase/ folder (without the local stack) to run the CLI in: it writes
 * supabase/.temp/ (the linked project) next to config.toml, which must not land in the real project.
 */
export async function copyOfSupabaseProject(): Promise<{ root: string; remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'barkeep-cli-project-'));
  const source = join(PROJECT_ROOT, 'supabase');
  await cp(source, join(root, 'supabase'), {
    recursive: true,
    filter: (path) =>
      ![join(source, 'local'), join(source, '.temp'), join(source, 'functions', '.env')].some((skip) => path === skip || path.startsWith(skip + sep)),
  });
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/**
 * The flags of a printed `npx supabase …` command line that the pinned CLI's `--help` for that subcommand does not
 * list (empty when the command is one the pinned version accepts). Needs no account and no network.
 */
export async function unknownSupabaseFlags(commandLine: string): Promise<string[]> {
  const words = commandLine.trim().split(/\s+/);
  const start = words[0] === 'npx' ? 2 : 1;
  const subcommand = words.slice(start).filter((word, index, all) => !word.startsWith('-') && all.slice(0, index).every((before) => !before.startsWith('-')));
  const flags = words.filter((word) => word.startsWith('--')).map((word) => word.split('=')[0]);
  const help = await runSupabaseCli([...subcommand, '--help']);
  // An unknown subcommand prints its parent's help: the USAGE line tells them apart.
  const usage = new RegExp(`USAGE\\s+supabase${subcommand.map((word) => ` ${word}`).join('')}( |$)`, 'm');
  if (help.code !== 0 || !usage.test(help.stdout)) return [`(no such command: supabase ${subcommand.join(' ')})`];
  return flags.filter((flag) => !new RegExp(`(^|\\s)${flag}[\\s,]`, 'm').test(help.stdout));
}
