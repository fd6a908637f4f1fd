// The function rules themselves: each one refuses what it must and lets the project's own patterns through.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSpecifier, forbiddenApiUses, nativeAddonSigns, unpinnedImports } from './function-rules.ts';

describe('forbidden runtime APIs', () => {
  it.each([
    ["await Deno.writeTextFile('/tmp/x', 'y');", 'writes the file system'],
    ["Deno.mkdirSync('cache');", 'writes the file system'],
    ["const f = await Deno.open('log.txt', { write: true, create: true });", 'opens a file for writing'],
    ["new Deno.Command('ls').outputSync();", 'starts or signals processes'],
    ["Deno.run({ cmd: ['ls'] });", 'starts or signals processes'],
    ["const lib = Deno.dlopen('./libfoo.so', {});", 'loads native code'],
    ["const worker = new Worker(new URL('./w.ts', import.meta.url).href, { type: 'module' });", 'starts a Worker'],
  ])('refuses %s', (source, why) => {
    expect(forbiddenApiUses(source).join()).toContain(why);
  });

  it('allows reading, env, serving and comments that name a forbidden API', () => {
    const source = [
      '// never Deno.writeFile here: the hosted file system is read-only',
      '/* nor new Worker() */',
      "const text = await Deno.readTextFile('./data.json');",
      "const url = Deno.env.get('SUPABASE_URL');",
      'Deno.serve(() => new Response("https://example.com//path"));',
    ].join('\n');
    expect(forbiddenApiUses(source)).toEqual([]);
  });
});

describe('import specifiers', () => {
  const map = { jose: 'npm:jose@6.2.18', 'std/': 'jsr:@std/path@1.0.8/' };
  const functionsDir = '/p/supabase/functions';

  it('allows relative imports inside supabase/functions, mapped names and harmless node built-ins', () => {
    expect(checkSpecifier('../_shared/http.ts', map, '/p/supabase/functions/_shared/http.ts', functionsDir)).toEqual({ ok: true });
    expect(checkSpecifier('jose', map)).toEqual({ ok: true });
    expect(checkSpecifier('std/join', map)).toEqual({ ok: true });
    expect(checkSpecifier('node:crypto', map)).toEqual({ ok: true });
  });

  it.each([
    ['npm:jose@6', 'inline'],
    ['jsr:@std/path', 'inline'],
    ['https://esm.sh/jose', 'inline'],
    ['postgres', 'not in supabase/functions/deno.json'],
    ['node:fs', 'not available'],
    ['node:child_process', 'not available'],
  ])('refuses %s', (specifier, reason) => {
    const verdict = checkSpecifier(specifier, map);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain(reason);
  });

  it('refuses a relative import that leaves supabase/functions', () => {
    const verdict = checkSpecifier('../../local/shared/jwt.ts', map, '/p/supabase/local/shared/jwt.ts', functionsDir);
    expect(!verdict.ok && verdict.reason).toContain('leaves supabase/functions');
  });
});

describe('the import map pins exact versions', () => {
  it('accepts exact npm and jsr versions', () => {
    expect(unpinnedImports({ jose: 'npm:jose@6.2.18', '@std/path': 'jsr:@std/path@1.0.8', 'p/': 'npm:@scope/p@2.0.0-beta.1/' })).toEqual([]);
  });

  it('names every range, tag or URL', () => {
    expect(unpinnedImports({ a: 'npm:a@^1.2.3', b: 'npm:b', c: 'npm:c@latest', d: 'https://esm.sh/d@1', e: 'jsr:@s/e@~1.0.0' })).toHaveLength(5);
  });
});

describe('native addons in npm packages', () => {
  it('finds binding.gyp, .node files and install scripts; a pure package has none', async () => {
    const root = await mkdtemp(join(tmpdir(), 'barkeep-native-'));
    try {
      const native = join(root, 'native');
      await mkdir(join(native, 'build', 'Release'), { recursive: true });
      await writeFile(join(native, 'package.json'), JSON.stringify({ name: 'native', scripts: { install: 'node-gyp rebuild' } }));
      await writeFile(join(native, 'binding.gyp'), '{}');
      await writeFile(join(native, 'build', 'Release', 'addon.node'), '');
      const pure = join(root, 'pure');
      await mkdir(pure);
      await writeFile(join(pure, 'package.json'), JSON.stringify({ name: 'pure', scripts: { test: 'vitest' } }));
      await writeFile(join(pure, 'index.js'), 'export {}');

      expect(nativeAddonSigns(native)).toEqual(['package.json runs an install script', 'ships binding.gyp', 'ships build/Release/addon.node']);
      expect(nativeAddonSigns(pure)).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
