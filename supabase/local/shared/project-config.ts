// Reads supabase/config.toml, the same file the Supabase CLI deploys from. Re-read when it changes.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';

export interface ProjectConfig {
  functions: Record<string, { verify_jwt?: boolean; import_map?: string }>;
}

let cached: { path: string; mtimeMs: number; config: ProjectConfig } | undefined;

export async function readProjectConfig(supabaseDir: string): Promise<ProjectConfig> {
  const path = join(supabaseDir, 'config.toml');
  if (!existsSync(path)) return { functions: {} };
  const { mtimeMs } = await stat(path);
  if (cached?.path === path && cached.mtimeMs === mtimeMs) return cached.config;
  const toml = parse(await readFile(path, 'utf8')) as { functions?: ProjectConfig['functions'] };
  const config: ProjectConfig = { functions: toml.functions ?? {} };
  cached = { path, mtimeMs, config };
  return config;
}
