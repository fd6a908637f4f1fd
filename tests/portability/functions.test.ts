// Portability guards for the Edge Functions: every function in supabase/functions/*/ must deploy and run unchanged
// on hosted Supabase. Generic over the folder, so a new function is checked without touching this file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeno } from '../support/deno.ts';
import { startManagementApiRecorder, type ManagementApiRecorder } from '../support/management-api-recorder.ts';
import { PROJECT_ROOT } from '../support/stack-process.ts';
import { copyOfSupabaseProject, runSupabaseCli } from '../support/supabase-cli.ts';
import { checkSpecifier, forbiddenApiUses, nativeAddonSigns, unpinnedImports } from './function-rules.ts';

const FUNCTIONS_DIR = join(PROJECT_ROOT, 'supabase', 'functions');
const IMPORT_MAP = join(FUNCTIONS_DIR, 'deno.json');
/** config.toml's `import_map` for every function (paths there are relative to supabase/). */
const IMPORT_MAP_SETTING = './functions/deno.json';
/**
 * Hosted `verify_jwt` accepts only JWTs signed with the legacy JWT secret (anon, service_role), never our RS256
 * guest tokens. Only functions called with the service_role key alone may keep it on; the others verify callers.
 */
const SERVICE_ROLE_ONLY = new Set(['push-dispatch']);

const functionNames = readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
  .filter(
    (entry) => entry.isDirectory() && !entry.name.startsWith('_') && !entry.name.startsWith('.') && existsSync(join(FUNCTIONS_DIR, entry.name, 'index.ts')),
  )
  .map((entry) => entry.name)
  .sort();
const projectConfig = parse(readFileSync(join(PROJECT_ROOT, 'supabase', 'config.toml'), 'utf8')) as {
  functions?: Record<string, { verify_jwt?: boolean; import_map?: string }>;
};
const importMap = (JSON.parse(readFileSync(IMPORT_MAP, 'utf8')) as { imports?: Record<string, string> }).imports ?? {};

function importMapFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return importMapFiles(path);
    return ['deno.json', 'deno.jsonc', 'import_map.json'].includes(entry.name) ? [relative(PROJECT_ROOT, path)] : [];
  });
}

interface ModuleGraph {
  modules: Array<{ kind: string; specifier: string; local?: string; dependencies?: Array<{ specifier: string; code?: { specifier?: string } }> }>;
  npmPackages: Record<string, { localPath?: string }>;
}

async function moduleGraph(name: string): Promise<ModuleGraph> {
  const result = await runDeno(['info', '--json', '--no-lock', '--config', IMPORT_MAP, join(FUNCTIONS_DIR, name, 'index.ts')], PROJECT_ROOT);
  if (result.code !== 0) throw new Error(`deno info ${name} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as ModuleGraph;
}

describe('one pinned import map for all functions', () => {
  it('finds the functions', () => {
    expect(functionNames).toEqual(expect.arrayContaining(['logout', 'push-dispatch', 'refresh', 'register']));
  });

  it('supabase/functions/deno.json is the only deno.json or import map under supabase/functions', () => {
    expect(importMapFiles(FUNCTIONS_DIR)).toEqual(['supabase/functions/deno.json']);
  });

  it.each(functionNames)('config.toml deploys %s with it', (name) => {
    expect(projectConfig.functions?.[name]?.import_map, `add [functions.${name}] import_map = "${IMPORT_MAP_SETTING}" to supabase/config.toml`).toBe(
      IMPORT_MAP_SETTING,
    );
  });

  it('pins every dependency to one exact version', () => {
    expect(Object.keys(importMap).length).toBeGreaterThan(0);
    expect(unpinnedImports(importMap)).toEqual([]);
  });
});

describe('verify_jwt', () => {
  it.each(functionNames)('%s: on only if nothing but the service role calls it', (name) => {
    const verifyJwt = projectConfig.functions?.[name]?.verify_jwt !== false;
    expect(
      verifyJwt,
      `${name} has verify_jwt on, but hosted Supabase refuses RS256 guest and host tokens there: set verify_jwt = false and verify the caller in the function (as logout does)`,
    ).toBe(SERVICE_ROLE_ONLY.has(name));
  });
});

describe.each(functionNames)('function %s', (name) => {
  let graph: ModuleGraph;
  beforeAll(async () => {
    graph = await moduleGraph(name);
  }, 120_000);

  it('imports only through the import map, from inside supabase/functions', () => {
    const problems = graph.modules.flatMap((module) =>
      (module.dependencies ?? []).flatMap((dependency) => {
        const resolved = dependency.code?.specifier?.startsWith('file:') ? fileURLToPath(dependency.code.specifier) : undefined;
        const verdict = checkSpecifier(dependency.specifier, importMap, resolved, FUNCTIONS_DIR);
        return verdict.ok ? [] : [`${relative(PROJECT_ROOT, module.local ?? module.specifier)}: ${verdict.reason}`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('uses no runtime API the hosted Edge Runtime forbids (file writes, processes, Workers, native code)', () => {
    const local = graph.modules.filter((module) => module.local);
    expect(local.length).toBeGreaterThan(0);
    const problems = local.flatMap((module) =>
      forbiddenApiUses(readFileSync(module.local!, 'utf8')).map((use) => `${relative(PROJECT_ROOT, module.local!)}: ${use}`),
    );
    expect(problems).toEqual([]);
  });

  it('pulls in no npm package with native code', () => {
    const problems = Object.entries(graph.npmPackages).flatMap(([id, info]) =>
      info.localPath ? nativeAddonSigns(info.localPath).map((sign) => `${id} ${sign}`) : [],
    );
    expect(problems).toEqual([]);
  });
});

describe('supabase functions deploy with the pinned CLI', () => {
  let workDir: string;
  let project: Awaited<ReturnType<typeof copyOfSupabaseProject>>;
  let recorder: ManagementApiRecorder;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'barkeep-deploy-'));
    project = await copyOfSupabaseProject();
    recorder = await startManagementApiRecorder(workDir);
  });
  afterAll(async () => {
    await recorder?.close();
    await project?.remove();
    await rm(workDir, { recursive: true, force: true });
  });

  it('uploads every function with the one import map and its verify_jwt, and each upload type-checks on its own', async () => {
    const result = await runSupabaseCli(['--profile', recorder.profilePath, 'functions', 'deploy', '--use-api', '--project-ref', 'abcdefghijklmnopqrst'], {
      cwd: project.root,
      env: { SUPABASE_ACCESS_TOKEN: `sbp_${'0'.repeat(40)}` },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Deployed Functions on project abcdefghijklmnopqrst');
    expect(result.stderr).not.toMatch(/WARNING/);

    expect(recorder.uploads.map((upload) => upload.slug).sort()).toEqual(functionNames);
    const roots: string[] = [];
    for (const upload of recorder.uploads) {
      expect(upload.metadata).toMatchObject({
        entrypoint_path: `supabase/functions/${upload.slug}/index.ts`,
        import_map_path: 'supabase/functions/deno.json',
        verify_jwt: projectConfig.functions?.[upload.slug]?.verify_jwt !== false,
      });
      // Rebuild exactly what was uploaded, alone, and type-check it: a file the upload misses fails here.
      const root = join(workDir, upload.slug);
      for (const [path, text] of upload.files) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), text);
      }
      roots.push(join(root, upload.metadata.entrypoint_path!));
      expect(upload.files.get('supabase/functions/deno.json')).toBe(readFileSync(IMPORT_MAP, 'utf8'));
    }
    const check = await runDeno(
      ['check', '--quiet', '--no-lock', '--config', join(workDir, recorder.uploads[0].slug, 'supabase/functions/deno.json'), ...roots],
      workDir,
    );
    expect(check.code, check.stderr).toBe(0);
  }, 240_000);
});
