// `barkeep keys export [-o json|env|jwk] [--out FILE] [--vapid-subject mailto:…]`: the secrets a hosted project needs,
// from this machine's .barkeep/keys.json (generated now if this machine never started the stack).
import { existsSync } from 'node:fs';
import { chmod, mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { StackConfig } from '../../shared/config.ts';
import { keysPath, loadOrCreateKeys } from '../../shared/keys.ts';
import { hostedSecrets, LOCAL_VAPID_SUBJECT, SecretsError, toEnvFile } from './hosted-secrets.ts';

export const KEYS_USAGE = `  keys export [-o json|env|jwk] [--out FILE] [--vapid-subject mailto:you@example.com]
                        the secrets a hosted Supabase project needs (guest signing key, VAPID keys)`;

const FORMATS = ['json', 'env', 'jwk'] as const;

/** Writes `text` to `path` readable and writable by its owner only, also when the file existed before. */
async function writePrivateFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true });
  const file = await open(path, 'w', 0o600);
  try {
    await file.chmod(0o600);
    await file.writeFile(text);
  } finally {
    await file.close();
  }
  await chmod(path, 0o600);
}

export async function runKeys(config: StackConfig, args: string[], stdout: NodeJS.WriteStream = process.stdout): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'export') {
    console.error(`Usage: barkeep${KEYS_USAGE.split('\n')[0].replace(/^ +keys/, ' keys')}`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { output: { type: 'string', short: 'o', default: 'json' }, out: { type: 'string' }, 'vapid-subject': { type: 'string' } },
  });
  const format = values.output as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) {
    console.error(`barkeep keys export: unknown output format "${values.output}". Use -o json, -o env or -o jwk.`);
    return 2;
  }
  const generated = !existsSync(keysPath(config.dataDir));
  const keys = await loadOrCreateKeys(config.dataDir);
  let secrets;
  try {
    secrets = hostedSecrets(keys, values['vapid-subject']);
  } catch (error) {
    if (!(error instanceof SecretsError)) throw error;
    console.error(`barkeep keys export: ${error.message}`);
    return 2;
  }
  const text = format === 'env' ? toEnvFile(secrets) : JSON.stringify(format === 'jwk' ? secrets.GUEST_JWT_PRIVATE_JWK : secrets, null, 2) + '\n';

  if (generated) console.error(`Generated new keys in ${keysPath(config.dataDir)} (this machine had none yet).`);
  if (secrets.VAPID_SUBJECT === LOCAL_VAPID_SUBJECT && format !== 'jwk') {
    console.error(
      `Note: VAPID_SUBJECT is the local placeholder ${LOCAL_VAPID_SUBJECT}. Push services use it to reach you: pass --vapid-subject mailto:you@example.com.`,
    );
  }
  if (values.out) {
    await writePrivateFile(values.out, text);
    console.error(`Wrote ${values.out} (readable only by you). It holds secrets: keep it out of git and delete it once imported.`);
    return 0;
  }
  if (stdout.isTTY) {
    console.error('Warning: this prints secrets. Anyone who has them can sign guest tokens for your party. Prefer --out FILE.');
  }
  stdout.write(text);
  return 0;
}
