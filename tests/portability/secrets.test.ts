// `npx supabase secrets set --env-file` of the file `barkeep keys export -o env` writes (docs/deploy.md, step 3),
// run with the pinned CLI: it sets exactly the exported secrets, the guest JWK intact after its .env parsing.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBarkeep } from '../support/barkeep-cli.ts';
import { startManagementApiRecorder, type ManagementApiRecorder } from '../support/management-api-recorder.ts';
import { copyOfSupabaseProject, runSupabaseCli } from '../support/supabase-cli.ts';

describe('supabase secrets set --env-file <keys export -o env>', () => {
  let workDir: string;
  let recorder: ManagementApiRecorder;
  let project: Awaited<ReturnType<typeof copyOfSupabaseProject>>;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'barkeep-secrets-'));
    recorder = await startManagementApiRecorder(workDir);
    project = await copyOfSupabaseProject();
  });
  afterAll(async () => {
    await recorder?.close();
    await project?.remove();
    await rm(workDir, { recursive: true, force: true });
  });

  it('sets the guest key, the VAPID keys and the subject, each value exactly as exported', async () => {
    const dataDir = join(workDir, 'data');
    const envFile = join(workDir, 'hosted-secrets.env');
    const exported = await runBarkeep(['keys', 'export', '-o', 'env', '--out', envFile, '--vapid-subject', 'mailto:bar@example.com'], {
      BARKEEP_DATA_DIR: dataDir,
    });
    expect(exported.code, exported.stderr).toBe(0);

    const result = await runSupabaseCli(['--profile', recorder.profilePath, 'secrets', 'set', '--project-ref', 'abcdefghijklmnopqrst', '--env-file', envFile], {
      cwd: project.root,
      env: { SUPABASE_ACCESS_TOKEN: `sbp_${'0'.repeat(40)}` },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);

    const keys = JSON.parse(await readFile(join(dataDir, 'keys.json'), 'utf8'));
    expect(recorder.secrets).toHaveLength(1);
    const sent = Object.fromEntries(recorder.secrets[0].map(({ name, value }) => [name, value]));
    expect(Object.keys(sent).sort()).toEqual(['GUEST_JWT_PRIVATE_JWK', 'VAPID_PRIVATE_KEY', 'VAPID_PUBLIC_KEY', 'VAPID_SUBJECT']);
    expect(JSON.parse(sent.GUEST_JWT_PRIVATE_JWK)).toEqual(keys.guestKey);
    expect(sent).toMatchObject({ VAPID_PUBLIC_KEY: keys.vapid.publicKey, VAPID_PRIVATE_KEY: keys.vapid.privateKey, VAPID_SUBJECT: 'mailto:bar@example.com' });
  });
});
