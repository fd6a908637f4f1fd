// What `barkeep deploy` checks and which Supabase CLI commands it prints or runs, as plain data: no I/O here.
export const PROJECT_REF = /^[a-z]{20}$/;
export const SECRETS_FILE = '.barkeep/hosted-secrets.env';
export const FUNCTIONS_ENV = 'supabase/functions/.env';

export interface DeployInputs {
  projectRef: string;
  /** The `supabase` version in node_modules, undefined when it is not installed. */
  installedCli?: string;
  /** The version package.json pins. */
  pinnedCli: string;
  /** SUPABASE_ACCESS_TOKEN is set or ~/.supabase/access-token exists (a keyring login is invisible here). */
  loginFound: boolean;
  /** supabase/functions/.env, parsed, when it exists: its settings go to hosted as secrets too. */
  functionsEnv?: Record<string, string>;
  vapidSubject?: string;
}

export interface Finding {
  level: 'error' | 'warning';
  message: string;
}

export interface PlannedCommand {
  /** What the step does, for the printed plan. */
  title: string;
  argv: string[];
}

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|[^.]+\.local)$/i;
/** Secrets the exported keys set; the same names in supabase/functions/.env would overwrite them. */
const KEY_SECRETS = ['GUEST_JWT_PRIVATE_JWK', 'GUEST_JWT_RETIRED_PUBLIC_JWKS', 'VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'];

function pointsAtThisNetwork(value: string): boolean {
  try {
    return LOCAL_HOST.test(new URL(value).hostname);
  } catch {
    return false;
  }
}

export function checkPrerequisites(inputs: DeployInputs): Finding[] {
  const findings: Finding[] = [];
  if (!PROJECT_REF.test(inputs.projectRef)) {
    findings.push({
      level: 'error',
      message: `"${inputs.projectRef}" is not a project ref: it is the 20 lower-case letters in https://<ref>.supabase.co (Dashboard → Project Settings → General).`,
    });
  }
  if (!inputs.installedCli) {
    findings.push({ level: 'error', message: `The Supabase CLI is not installed here. Run \`npm install\`: it brings supabase ${inputs.pinnedCli}.` });
  } else if (inputs.installedCli !== inputs.pinnedCli) {
    findings.push({
      level: 'error',
      message: `node_modules has supabase ${inputs.installedCli}, but this project is tested with ${inputs.pinnedCli}. Run \`npm ci\`.`,
    });
  }
  if (!inputs.loginFound) {
    findings.push({
      level: 'warning',
      message:
        'No Supabase login found (SUPABASE_ACCESS_TOKEN or ~/.supabase/access-token). Run `npx supabase login` first (a login kept in your system keyring is fine too).',
    });
  }
  for (const [name, value] of Object.entries(inputs.functionsEnv ?? {})) {
    if (name.startsWith('SUPABASE_')) {
      findings.push({
        level: 'warning',
        message: `${FUNCTIONS_ENV} sets ${name}: hosted Supabase sets SUPABASE_* itself, and \`supabase secrets set\` skips it.`,
      });
    } else if (KEY_SECRETS.includes(name)) {
      findings.push({
        level: 'error',
        message: `${FUNCTIONS_ENV} sets ${name}, which would overwrite the exported key. Remove it there: \`barkeep keys export\` provides it.`,
      });
    } else if (pointsAtThisNetwork(value)) {
      findings.push({
        level: 'error',
        message: `${FUNCTIONS_ENV}: ${name}=${value} points at this machine or its network, which hosted Edge Functions cannot reach. Use a public URL, or remove it${name.startsWith('BARTENDER_') ? ' (the house bartender then answers)' : ''}.`,
      });
    }
  }
  if (!inputs.vapidSubject) {
    findings.push({
      level: 'warning',
      message: 'No --vapid-subject given: push services get the placeholder mailto:host@barkeep.local. Pass --vapid-subject mailto:you@example.com.',
    });
  }
  return findings;
}

/** The Supabase CLI commands of a deployment, in order (docs/deploy.md explains each). */
export function deployCommands(inputs: DeployInputs): PlannedCommand[] {
  const ref = inputs.projectRef;
  const commands: PlannedCommand[] = [
    { title: 'Link this folder to the project (asks for the database password)', argv: ['npx', 'supabase', 'link', '--project-ref', ref] },
    { title: 'Create the tables, policies and triggers (supabase/migrations)', argv: ['npx', 'supabase', 'db', 'push', '--linked'] },
    {
      title: `Write the guest key and VAPID keys to ${SECRETS_FILE} (readable only by you)`,
      argv: ['npx', 'barkeep', 'keys', 'export', '-o', 'env', '--out', SECRETS_FILE, ...(inputs.vapidSubject ? ['--vapid-subject', inputs.vapidSubject] : [])],
    },
    { title: 'Give them to the Edge Functions as secrets', argv: ['npx', 'supabase', 'secrets', 'set', '--project-ref', ref, '--env-file', SECRETS_FILE] },
  ];
  const settings = Object.keys(inputs.functionsEnv ?? {}).filter((name) => !name.startsWith('SUPABASE_'));
  if (settings.length) {
    commands.push({
      title: `Function settings from ${FUNCTIONS_ENV} (${settings.join(', ')})`,
      argv: ['npx', 'supabase', 'secrets', 'set', '--project-ref', ref, '--env-file', FUNCTIONS_ENV],
    });
  }
  commands.push({
    title: 'Deploy the Edge Functions (bundled by Supabase, no Docker needed)',
    argv: ['npx', 'supabase', 'functions', 'deploy', '--project-ref', ref, '--use-api'],
  });
  return commands;
}

/** A command line as a user would type it (arguments with spaces or quotes quoted). */
export function shellLine(argv: string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}
