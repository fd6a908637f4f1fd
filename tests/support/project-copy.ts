// A throw-away copy of the project's supabase/ folder, so a test can run the real functions and migrations
// with its own function secrets (supabase/functions/.env, what `supabase secrets set` sets on hosted).
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './stack-process.ts';

export async function copyProjectWithSecrets(secrets: Record<string, string>): Promise<{ supabaseDir: string; remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'barkeep-project-'));
  const supabaseDir = join(root, 'supabase');
  await cp(join(PROJECT_ROOT, 'supabase'), supabaseDir, {
    recursive: true,
    filter: (source) => !source.startsWith(join(PROJECT_ROOT, 'supabase', 'local')) && !source.endsWith(join('functions', '.env')),
  });
  await writeFile(
    join(supabaseDir, 'functions', '.env'),
    Object.entries(secrets)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n') + '\n',
  );
  return { supabaseDir, remove: () => rm(root, { recursive: true, force: true }) };
}
