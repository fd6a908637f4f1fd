// Reads supabase/config.toml, the same file the Supabase CLI deploys from. Re-read when it changes.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';

export interface ProjectConfig {
  functions: Record<string, { verify_jwt?: boolean; import_map?: string }>;
  /** `[api]`: what PostgREST exposes. */
  api: { schemas: string[]; extraSearchPath: string[]; maxRows: number };
  /** `[storage] file_size_limit` in bytes: the largest upload the API lets through (buckets may allow less). */
  storageFileSizeLimit: number;
}

const DEFAULT_FILE_SIZE_LIMIT = 50 * 1024 * 1024; // the Supabase CLI's default, "50MiB"
const UNITS: Record<string, number> = { b: 1, kb: 1000, kib: 1024, mb: 1000 ** 2, mib: 1024 ** 2, gb: 1000 ** 3, gib: 1024 ** 3 };

/** "10MiB", "5MB", "500KB", 1048576 → bytes, as the Supabase CLI reads `file_size_limit`. */
export function parseSize(value: unknown, fallback: number): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.floor(value);
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value) : null;
  const unit = UNITS[(match?.[2] || 'b').toLowerCase()];
  return match && unit ? Math.floor(Number(match[1]) * unit) : fallback;
}

const strings = (value: unknown, fallback: string[]) =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '') ? (value as string[]) : fallback;

export function parseProjectConfig(text: string): ProjectConfig {
  const toml = parse(text) as {
    functions?: ProjectConfig['functions'];
    api?: { schemas?: unknown; extra_search_path?: unknown; max_rows?: unknown };
    storage?: { file_size_limit?: unknown };
  };
  const maxRows = toml.api?.max_rows;
  return {
    functions: toml.functions ?? {},
    api: {
      schemas: strings(toml.api?.schemas, ['public']),
      extraSearchPath: strings(toml.api?.extra_search_path, ['public', 'extensions']),
      maxRows: typeof maxRows === 'number' && Number.isInteger(maxRows) && maxRows > 0 ? maxRows : 1000,
    },
    storageFileSizeLimit: parseSize(toml.storage?.file_size_limit, DEFAULT_FILE_SIZE_LIMIT),
  };
}

const EMPTY = parseProjectConfig('');
let cached: { path: string; mtimeMs: number; config: ProjectConfig } | undefined;

export async function readProjectConfig(supabaseDir: string): Promise<ProjectConfig> {
  const path = join(supabaseDir, 'config.toml');
  if (!existsSync(path)) return EMPTY;
  const { mtimeMs } = await stat(path);
  if (cached?.path === path && cached.mtimeMs === mtimeMs) return cached.config;
  const config = parseProjectConfig(await readFile(path, 'utf8'));
  cached = { path, mtimeMs, config };
  return config;
}
