// What hosted Supabase Edge Functions allow, as plain checks over one module's source, its import specifiers, the
// import map and the npm packages it pulls in. tests/portability/functions.test.ts applies them to every function.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runtime APIs the hosted Edge Runtime refuses or that break there: writing the file system, starting processes,
 * Workers, native code. (Local Deno runs functions with --allow-net/env/read/sys only, so most fail locally too.)
 */
const FORBIDDEN_APIS: Array<[RegExp, string]> = [
  [
    /\bDeno\.(writeFile|writeTextFile|mkdir|remove|rename|create|truncate|symlink|link|chmod|chown|utime|makeTempDir|makeTempFile|copyFile)(Sync)?\b/,
    'writes the file system',
  ],
  [/\bDeno\.open(Sync)?\s*\([^)]*\b(write|append|create|truncate)\s*:\s*true/, 'opens a file for writing'],
  [/\bDeno\.(run|Command|kill)\b/, 'starts or signals processes'],
  [/\bDeno\.dlopen\b/, 'loads native code'],
  [/\bnew\s+Worker\s*\(/, 'starts a Worker'],
];

/** Node built-ins that only make sense with a writable file system, processes or threads. */
const FORBIDDEN_NODE_MODULES = new Set(['fs', 'fs/promises', 'child_process', 'worker_threads', 'cluster', 'v8', 'inspector']);

/** Drops // and /* *\/ comments (a comment that mentions Deno.run is no use of it); keeps strings as they are. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

export function forbiddenApiUses(source: string): string[] {
  const code = withoutComments(source);
  return FORBIDDEN_APIS.filter(([pattern]) => pattern.test(code)).map(([pattern, why]) => `${code.match(pattern)![0].trim()} (${why})`);
}

export type SpecifierVerdict = { ok: true } | { ok: false; reason: string };

/**
 * An import is portable when it is relative and stays inside supabase/functions, a bare name of the one import
 * map, or an allowed `node:` built-in. Inline `npm:`, `jsr:` and URL imports bypass the pinned map.
 */
export function checkSpecifier(specifier: string, importMap: Record<string, string>, resolvedPath?: string, functionsDir?: string): SpecifierVerdict {
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    if (resolvedPath && functionsDir && !resolvedPath.startsWith(functionsDir + '/')) {
      return { ok: false, reason: `${specifier} leaves supabase/functions (the deploy uploads only that folder's files)` };
    }
    return { ok: true };
  }
  if (specifier.startsWith('node:')) {
    const name = specifier.slice('node:'.length);
    return FORBIDDEN_NODE_MODULES.has(name) ? { ok: false, reason: `${specifier} is not available to hosted Edge Functions` } : { ok: true };
  }
  if (/^(npm|jsr|https?|file):/.test(specifier)) {
    return { ok: false, reason: `${specifier} is imported inline: add it to supabase/functions/deno.json and import it by name` };
  }
  const mapped = Object.keys(importMap).some((key) => specifier === key || (key.endsWith('/') && specifier.startsWith(key)));
  return mapped ? { ok: true } : { ok: false, reason: `${specifier} is not in supabase/functions/deno.json` };
}

/** Every entry of the import map names one exact version (npm:name@1.2.3, jsr:@scope/name@1.2.3). */
export function unpinnedImports(importMap: Record<string, string>): string[] {
  const exact = /^(npm|jsr):(@[a-z0-9._-]+\/)?[a-z0-9._-]+@\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\/.*)?$/i;
  return Object.entries(importMap)
    .filter(([, target]) => !exact.test(target))
    .map(([name, target]) => `${name} → ${target}`);
}

/** Why an installed npm package would need native code (hosted Edge Functions load none): empty when it is pure JS. */
export function nativeAddonSigns(packageDir: string): string[] {
  const signs: string[] = [];
  const files: string[] = [];
  const manifestPath = join(packageDir, 'package.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { gypfile?: boolean; scripts?: Record<string, string> };
    if (manifest.gypfile) signs.push('package.json has "gypfile"');
    for (const script of ['preinstall', 'install', 'postinstall']) {
      if (manifest.scripts?.[script]) signs.push(`package.json runs an ${script} script`);
    }
  }
  const walk = (dir: string, depth: number) => {
    if (depth > 6) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(join(dir, entry.name), depth + 1);
      } else if (entry.name === 'binding.gyp' || entry.name.endsWith('.node')) files.push(`ships ${join(dir, entry.name).slice(packageDir.length + 1)}`);
    }
  };
  if (existsSync(packageDir)) walk(packageDir, 0);
  return [...signs, ...files.sort()];
}
