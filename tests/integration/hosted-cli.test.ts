// `barkeep keys export` and `barkeep deploy` as a host runs them before going hosted (CONTRACT §1; docs/deploy.md).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDotEnv } from '../../supabase/local/functions/index.ts';
import { runBarkeep } from '../support/barkeep-cli.ts';
import { copyProjectWithSecrets } from '../support/project-copy.ts';
import { PROJECT_ROOT } from '../support/stack-process.ts';
import { unknownSupabaseFlags } from '../support/supabase-cli.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'barkeep-hosted-cli-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('barkeep keys export', () => {
  it('prints the guest signing key (private JWK with kid and d) and the VAPID keys as JSON', async () => {
    const dataDir = join(scratch, 'fresh');
    const result = await runBarkeep(['keys', 'export'], { BARKEEP_DATA_DIR: dataDir });
    expect(result.code, result.stderr).toBe(0);
    const exported = JSON.parse(result.stdout);
    const keys = JSON.parse(await readFile(join(dataDir, 'keys.json'), 'utf8'));
    expect(exported).toEqual({
      GUEST_JWT_PRIVATE_JWK: keys.guestKey,
      VAPID_PUBLIC_KEY: keys.vapid.publicKey,
      VAPID_PRIVATE_KEY: keys.vapid.privateKey,
      VAPID_SUBJECT: 'mailto:host@barkeep.local',
    });
    expect(exported.GUEST_JWT_PRIVATE_JWK).toMatchObject({ kty: 'RSA', alg: 'RS256', kid: expect.any(String), d: expect.any(String) });
    expect(result.stderr).toContain('Generated new keys in');
    expect(result.stderr).toContain('pass --vapid-subject mailto:you@example.com');
    expect(result.stderr).not.toContain('Warning: this prints secrets'); // stdout is a pipe here, not a terminal
    expect((await stat(join(dataDir, 'keys.json'))).mode & 0o777).toBe(0o600);
  });

  it('--out writes a file only its owner can read, also over an existing one; -o env is what `supabase secrets set --env-file` reads', async () => {
    const dataDir = join(scratch, 'env');
    const out = join(scratch, 'hosted.env');
    await writeFile(out, 'old', { mode: 0o644 });
    const nested = join(scratch, 'not', 'yet', 'there.env');
    expect((await runBarkeep(['keys', 'export', '-o', 'env', '--out', nested], { BARKEEP_DATA_DIR: join(scratch, 'env') })).code).toBe(0);
    expect((await stat(nested)).mode & 0o777).toBe(0o600);
    const result = await runBarkeep(['keys', 'export', '-o', 'env', '--out', out, '--vapid-subject', 'mailto:bar@example.com'], { BARKEEP_DATA_DIR: dataDir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Wrote ${out} (readable only by you)`);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const secrets = parseDotEnv(await readFile(out, 'utf8'));
    const keys = JSON.parse(await readFile(join(dataDir, 'keys.json'), 'utf8'));
    expect(JSON.parse(secrets.GUEST_JWT_PRIVATE_JWK)).toEqual(keys.guestKey);
    expect(secrets).toMatchObject({
      VAPID_PUBLIC_KEY: keys.vapid.publicKey,
      VAPID_PRIVATE_KEY: keys.vapid.privateKey,
      VAPID_SUBJECT: 'mailto:bar@example.com',
    });
  });

  it('-o jwk prints just the private JWK, for the dashboard import', async () => {
    const dataDir = join(scratch, 'jwk');
    const result = await runBarkeep(['keys', 'export', '-o', 'jwk'], { BARKEEP_DATA_DIR: dataDir });
    const keys = JSON.parse(await readFile(join(dataDir, 'keys.json'), 'utf8'));
    expect(JSON.parse(result.stdout)).toEqual(keys.guestKey);
  });

  it('warns on a terminal that it prints secrets', async () => {
    const dataDir = join(scratch, 'tty');
    // `script` gives the command a pseudo-terminal, as a host's shell would.
    const command = `BARKEEP_DATA_DIR=${dataDir} ${process.execPath} ${join(PROJECT_ROOT, 'bin', 'barkeep.js')} keys export -o jwk`;
    const { stdout } = await promisify(execFile)('script', ['-qec', command, '/dev/null'], { cwd: PROJECT_ROOT });
    expect(stdout).toContain('Warning: this prints secrets. Anyone who has them can sign guest tokens for your party. Prefer --out FILE.');
    expect(stdout).toContain('"kid"');
  });

  it('refuses a bad subject or format with what to type instead', async () => {
    const subject = await runBarkeep(['keys', 'export', '--vapid-subject', 'bar@example.com'], { BARKEEP_DATA_DIR: join(scratch, 'bad') });
    expect(subject.code).toBe(2);
    expect(subject.stderr).toContain('--vapid-subject must be mailto:you@example.com or an https:// URL');
    const format = await runBarkeep(['keys', 'export', '-o', 'yaml'], { BARKEEP_DATA_DIR: join(scratch, 'bad') });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Use -o json, -o env or -o jwk.');
  });
});

describe('barkeep deploy', () => {
  const ref = 'abcdefghijklmnopqrst';
  const home = () => join(scratch, 'home');

  it('checks the prerequisites, then prints the exact commands, each accepted by the pinned Supabase CLI', async () => {
    const result = await runBarkeep(['deploy', '--project-ref', ref, '--vapid-subject', 'mailto:bar@example.com'], { HOME: home(), SUPABASE_ACCESS_TOKEN: '' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Warning: No Supabase login found');
    const commands = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('   npx '))
      .map((line) => line.trim());
    expect(commands).toEqual([
      `npx supabase link --project-ref ${ref}`,
      'npx supabase db push --linked',
      'npx barkeep keys export -o env --out .barkeep/hosted-secrets.env --vapid-subject mailto:bar@example.com',
      `npx supabase secrets set --project-ref ${ref} --env-file .barkeep/hosted-secrets.env`,
      ...(existsSync(join(PROJECT_ROOT, 'supabase', 'functions', '.env'))
        ? [`npx supabase secrets set --project-ref ${ref} --env-file supabase/functions/.env`]
        : []),
      `npx supabase functions deploy --project-ref ${ref} --use-api`,
    ]);
    for (const command of commands.filter((line) => line.startsWith('npx supabase'))) expect(await unknownSupabaseFlags(command), command).toEqual([]);
    // …and that check does refuse what the pinned CLI does not have.
    expect(await unknownSupabaseFlags('npx supabase functions deploy --use-api --bundle-locally')).toEqual(['--bundle-locally']);
    expect(await unknownSupabaseFlags('npx supabase keys import --project-ref x')).toEqual(['(no such command: supabase keys import)']);
    expect(result.stdout).toContain(`https://${ref}.supabase.co/auth/v1/.well-known/jwks.json`);
    expect(result.stdout).toContain(`npx barkeep check --url https://${ref}.supabase.co`);
  }, 60_000);

  it('refuses a wrong project ref, and --run runs nothing then', async () => {
    const result = await runBarkeep(['deploy', '--project-ref', `https://${ref}.supabase.co`, '--run'], { HOME: home() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a project ref: it is the 20 lower-case letters in https://<ref>.supabase.co');
    expect(result.stdout).toBe('');
  });

  it('refuses function settings that hosted functions cannot use', async () => {
    const project = await copyProjectWithSecrets({ BARTENDER_BASE_URL: 'http://localhost:11434/v1' });
    try {
      const result = await runBarkeep(['deploy', '--project-ref', ref], {
        HOME: home(),
        SUPABASE_ACCESS_TOKEN: 'sbp_test',
        BARKEEP_SUPABASE_DIR: project.supabaseDir,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('BARTENDER_BASE_URL=http://localhost:11434/v1 points at this machine or its network');
      expect(result.stderr).not.toContain('No Supabase login found');
    } finally {
      await project.remove();
    }
  });
});
