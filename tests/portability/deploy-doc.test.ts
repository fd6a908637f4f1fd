// docs/deploy.md stays runnable: every Supabase CLI command it shows is one the pinned CLI accepts, every barkeep
// command exists with those flags, the version it names is the pinned one, and its links lead to real files.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBarkeep } from '../support/barkeep-cli.ts';
import { PROJECT_ROOT } from '../support/stack-process.ts';
import { unknownSupabaseFlags } from '../support/supabase-cli.ts';

const DOC = join(PROJECT_ROOT, 'docs', 'deploy.md');
const doc = readFileSync(DOC, 'utf8');
const pinned = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.supabase;

/** Command lines in the document: fenced shell blocks (with `\` continuations joined, comments cut) and inline code. */
function commandLines(prefix: string): string[] {
  const fenced = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
    block[1]
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim()),
  );
  const inline = [...doc.matchAll(/`([^`\n]+)`/g)].map((match) => match[1].trim());
  // A fenced line may set environment variables first (`PUBLIC_…=… node build`): only lines starting with the prefix.
  // `npx supabase …` in prose names the tool, not a command.
  return [...new Set([...fenced, ...inline].filter((line) => line.startsWith(`${prefix} `) && !line.endsWith(' …')))];
}

describe('docs/deploy.md', () => {
  it('names the pinned Supabase CLI version, which is the one installed', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(doc).toContain(`version ${pinned}`);
    expect(JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', 'supabase', 'package.json'), 'utf8')).version).toBe(pinned);
  });

  it.each(commandLines('npx supabase'))('the pinned CLI accepts: %s', async (line) => {
    expect(await unknownSupabaseFlags(line)).toEqual([]);
  });

  it('every barkeep command it shows exists with the flags it uses', async () => {
    const { stdout } = await runBarkeep(['help']);
    const lines = commandLines('npx barkeep');
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) {
      const words = line.split(/\s+/).slice(2);
      const command = words.filter((word, index) => !word.startsWith('-') && words.slice(0, index).every((before) => !before.startsWith('-'))).slice(0, 2);
      const usage = stdout.split('\n').filter((usageLine) => usageLine.trimStart().startsWith(command[0]));
      expect(usage.length, `barkeep ${command.join(' ')} (from: ${line})`).toBeGreaterThan(0);
      for (const flag of words.filter((word) => word.startsWith('-'))) expect(stdout, `${flag} of: ${line}`).toContain(flag);
    }
  });

  it('links only to files that exist, and the README links to it', () => {
    for (const [, target] of doc.matchAll(/\]\((\.\.?\/[^)#]+)\)/g)) expect(existsSync(join(dirname(DOC), target)), target).toBe(true);
    expect(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')).toContain('(docs/deploy.md)');
  });
});
