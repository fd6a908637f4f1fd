// `barkeep check --url … --anon-key … [--service-role-key … | --email … --password …]`: the smoke test of a
// deployed party (smoke-test.ts), printed step by step with timings. Exit code 1 when any step failed.
import { parseArgs } from 'node:util';
import { runSmokeTest, type SmokeTestOptions } from './smoke-test.ts';
import { Steps } from './steps.ts';

export const CHECK_USAGE = `  check --url URL --anon-key KEY (--service-role-key KEY | --email E --password P)
                        smoke test of a party: a throw-away guest orders, the host starts it, the guest sees
                        it live; then it cleans up`;

export class CheckUsageError extends Error {}

export function parseCheckOptions(args: string[]): SmokeTestOptions {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      'anon-key': { type: 'string' },
      'service-role-key': { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
    },
  });
  let url: URL;
  try {
    url = new URL(values.url ?? '');
  } catch {
    throw new CheckUsageError(
      '--url is required: the project URL, e.g. --url https://<project-ref>.supabase.co (locally: the API_URL of `npx barkeep status -o env`).',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CheckUsageError(`--url must start with https:// (got ${url.protocol}//).`);
  if (!values['anon-key']) throw new CheckUsageError('--anon-key is required: the anon (public) key from Project Settings → API Keys.');
  const asHost = values.email !== undefined || values.password !== undefined;
  if (values['service-role-key'] && asHost) throw new CheckUsageError('Use either --service-role-key or --email and --password, not both.');
  if (!values['service-role-key'] && !asHost)
    throw new CheckUsageError('Act as the host with --service-role-key KEY, or with --email E --password P of a host account.');
  if (asHost && (!values.email || !values.password)) throw new CheckUsageError('Signing in as the host needs both --email and --password.');
  return {
    url: url.origin + url.pathname.replace(/\/+$/, ''),
    anonKey: values['anon-key'],
    serviceRoleKey: values['service-role-key'],
    host: asHost ? { email: values.email!, password: values.password! } : undefined,
  };
}

export async function runCheck(args: string[]): Promise<number> {
  let options: SmokeTestOptions;
  try {
    options = parseCheckOptions(args);
  } catch (error) {
    if (!(error instanceof CheckUsageError)) throw error;
    console.error(`barkeep check: ${error.message}`);
    return 2;
  }
  const started = performance.now();
  console.log(`Checking the party at ${options.url}`);
  const steps = new Steps((line) => console.log(line));
  await runSmokeTest(options, steps);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const failed = steps.failed;
  if (failed.length === 0) {
    console.log(`All ${steps.results.length} steps passed in ${seconds} s.`);
    return 0;
  }
  console.log(`Check failed (${failed.map((step) => step.name).join('; ')}). Fix what it says and run the check again.`);
  return 1;
}
