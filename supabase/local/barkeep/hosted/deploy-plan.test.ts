import { describe, expect, it } from 'vitest';
import { checkPrerequisites, deployCommands, shellLine, type DeployInputs } from './deploy-plan.ts';

const ready: DeployInputs = {
  projectRef: 'abcdefghijklmnopqrst',
  installedCli: '2.117.0',
  pinnedCli: '2.117.0',
  loginFound: true,
  vapidSubject: 'mailto:bar@example.com',
};
const messages = (inputs: DeployInputs) => checkPrerequisites(inputs).map((finding) => `${finding.level}: ${finding.message}`);

describe('deploy prerequisites', () => {
  it('has nothing to say when everything is in place', () => {
    expect(checkPrerequisites(ready)).toEqual([]);
  });

  it.each(['abc', 'ABCDEFGHIJKLMNOPQRST', 'abcdefghijklmnopqrs1', 'https://abcdefghijklmnopqrst.supabase.co'])('refuses the project ref %s', (projectRef) => {
    expect(messages({ ...ready, projectRef }).join()).toMatch(/^error: .* is not a project ref: it is the 20 lower-case letters/);
  });

  it('wants the pinned CLI installed', () => {
    expect(messages({ ...ready, installedCli: undefined })).toEqual([
      'error: The Supabase CLI is not installed here. Run `npm install`: it brings supabase 2.117.0.',
    ]);
    expect(messages({ ...ready, installedCli: '2.122.1' })).toEqual([
      'error: node_modules has supabase 2.122.1, but this project is tested with 2.117.0. Run `npm ci`.',
    ]);
  });

  it('warns without a visible login and without a VAPID subject', () => {
    const found = messages({ ...ready, loginFound: false, vapidSubject: undefined });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^warning: No Supabase login found .* Run `npx supabase login` first/);
    expect(found[1]).toMatch(/^warning: No --vapid-subject given/);
  });

  it('checks the function settings that go to hosted as secrets', () => {
    const found = messages({
      ...ready,
      functionsEnv: {
        BARTENDER_BASE_URL: 'http://localhost:11434/v1',
        PUSH_ENDPOINT: 'http://192.168.1.20:8080',
        SUPABASE_URL: 'https://x.supabase.co',
        GUEST_JWT_PRIVATE_JWK: '{}',
        BARTENDER_MODEL: 'llama3.2',
        REGISTER_RATE_LIMIT_PER_MINUTE: '900',
      },
    });
    expect(found).toEqual([
      'error: supabase/functions/.env: BARTENDER_BASE_URL=http://localhost:11434/v1 points at this machine or its network, which hosted Edge Functions cannot reach. Use a public URL, or remove it (the house bartender then answers).',
      'error: supabase/functions/.env: PUSH_ENDPOINT=http://192.168.1.20:8080 points at this machine or its network, which hosted Edge Functions cannot reach. Use a public URL, or remove it.',
      'warning: supabase/functions/.env sets SUPABASE_URL: hosted Supabase sets SUPABASE_* itself, and `supabase secrets set` skips it.',
      'error: supabase/functions/.env sets GUEST_JWT_PRIVATE_JWK, which would overwrite the exported key. Remove it there: `barkeep keys export` provides it.',
    ]);
  });
});

describe('deploy commands', () => {
  it('link, push, export the keys, set secrets, deploy — in that order', () => {
    expect(deployCommands(ready).map((command) => shellLine(command.argv))).toEqual([
      'npx supabase link --project-ref abcdefghijklmnopqrst',
      'npx supabase db push --linked',
      'npx barkeep keys export -o env --out .barkeep/hosted-secrets.env --vapid-subject mailto:bar@example.com',
      'npx supabase secrets set --project-ref abcdefghijklmnopqrst --env-file .barkeep/hosted-secrets.env',
      'npx supabase functions deploy --project-ref abcdefghijklmnopqrst --use-api',
    ]);
  });

  it('sets the function settings of supabase/functions/.env as secrets too, when there are any', () => {
    const lines = deployCommands({ ...ready, functionsEnv: { BARTENDER_BASE_URL: 'https://llm.example.com/v1', SUPABASE_URL: 'x' } });
    expect(lines[4]).toEqual({
      title: 'Function settings from supabase/functions/.env (BARTENDER_BASE_URL)',
      argv: ['npx', 'supabase', 'secrets', 'set', '--project-ref', 'abcdefghijklmnopqrst', '--env-file', 'supabase/functions/.env'],
    });
  });

  it('quotes what a shell would split', () => {
    expect(shellLine(['echo', "it's", 'a b', 'plain'])).toBe(`echo 'it'\\''s' 'a b' plain`);
  });
});
