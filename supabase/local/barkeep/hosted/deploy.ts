// `barkeep deploy --project-ref REF [--vapid-subject mailto:…] [--run]`: checks what a deployment needs, then prints
// (or, with --run, runs one after the other) the Supabase CLI commands, and lists the dashboard steps left.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDotEnv } from '../../functions/index.ts';
import type { StackConfig } from '../../shared/config.ts';
import { checkPrerequisites, deployCommands, shellLine, type DeployInputs, type Finding } from './deploy-plan.ts';

export const DEPLOY_USAGE = `  deploy --project-ref REF [--vapid-subject mailto:you@example.com] [--run]
                        checks, then prints (--run: runs) the Supabase CLI commands of a hosted deployment`;

function readVersion(path: string): string | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version : undefined;
}

export function gatherInputs(config: StackConfig, projectRef: string, vapidSubject?: string, env: NodeJS.ProcessEnv = process.env): DeployInputs {
  const root = config.projectRoot;
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const functionsEnvPath = join(config.supabaseDir, 'functions', '.env');
  return {
    projectRef,
    installedCli: readVersion(join(root, 'node_modules', 'supabase', 'package.json')),
    pinnedCli: manifest.devDependencies?.supabase ?? 'unknown',
    loginFound: Boolean(env.SUPABASE_ACCESS_TOKEN) || existsSync(join(env.HOME || homedir(), '.supabase', 'access-token')),
    functionsEnv: existsSync(functionsEnvPath) ? parseDotEnv(readFileSync(functionsEnvPath, 'utf8')) : undefined,
    vapidSubject,
  };
}

function printFindings(findings: Finding[]): void {
  for (const finding of findings) console.error(`${finding.level === 'error' ? 'Error' : 'Warning'}: ${finding.message}`);
}

function run(argv: string[], cwd: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, stdio: 'inherit' });
    child.once('error', () => resolve(127));
    child.once('exit', (code) => resolve(code));
  });
}

const DASHBOARD_STEPS = (ref: string) => [
  `Import the guest signing key (once): Dashboard → Project Settings → JWT Keys → JWT Signing Keys → Create standby key → Import an existing private key; paste \`npx barkeep keys export -o jwk\`; then Rotate keys. Check: https://${ref}.supabase.co/auth/v1/.well-known/jwks.json lists its kid.`,
  'Wire the push dispatcher: the database webhook and the pg_cron sweep (docs/deploy.md, "Push notifications").',
  'Create the host account: npx barkeep host add --email you@example.com --password … --url https://' +
    ref +
    '.supabase.co --service-role-key <service_role key>',
  'Build and host the app over HTTPS (docs/deploy.md, "The app"), then run: npx barkeep check --url https://' +
    ref +
    '.supabase.co --anon-key <anon key> --service-role-key <service_role key>',
];

export async function runDeploy(config: StackConfig, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'project-ref': { type: 'string' }, 'vapid-subject': { type: 'string' }, run: { type: 'boolean' } } });
  if (!values['project-ref']) {
    console.error(
      `barkeep deploy: --project-ref is required (the 20 letters in https://<ref>.supabase.co).\nUsage: barkeep${DEPLOY_USAGE.split('\n')[0].replace(/^ +deploy/, ' deploy')}`,
    );
    return 2;
  }
  const inputs = gatherInputs(config, values['project-ref'], values['vapid-subject']);
  const findings = checkPrerequisites(inputs);
  printFindings(findings);
  const errors = findings.filter((finding) => finding.level === 'error');
  if (errors.length) {
    console.error(`\n${errors.length} problem${errors.length === 1 ? '' : 's'} to fix before deploying (see above).`);
    return 1;
  }
  if (values.run && !inputs.loginFound && (await run(['npx', 'supabase', 'projects', 'list'], config.projectRoot)) !== 0) {
    console.error('Not logged in to Supabase: run `npx supabase login`, then `npx barkeep deploy --run` again.');
    return 1;
  }

  const commands = deployCommands(inputs);
  console.log(
    values.run
      ? `Deploying to project ${inputs.projectRef}:`
      : `Run these commands in this folder (or run \`npx barkeep deploy --project-ref ${inputs.projectRef} --run\`):`,
  );
  for (const [index, command] of commands.entries()) {
    console.log(`\n${index + 1}. ${command.title}\n   ${shellLine(command.argv)}`);
    if (!values.run) continue;
    const code = await run(command.argv, config.projectRoot);
    if (code !== 0) {
      console.error(
        `\nStep ${index + 1} failed (exit code ${code}). Fix what it says, then run the remaining steps (or \`--run\` again: every step can be repeated).`,
      );
      return 1;
    }
  }
  console.log('\nThen, in the Supabase dashboard and on your app host (docs/deploy.md):');
  for (const step of DASHBOARD_STEPS(inputs.projectRef)) console.log(`- ${step}`);
  return 0;
}
