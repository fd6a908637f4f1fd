// Barkeep's own parts of the local stack, apart from the Supabase-compatible platform: the secrets its Edge
// Functions get (guest signing key, VAPID keys) and the push waker. On hosted Supabase these are function
// secrets and a database webhook + pg_cron sweep (README, "Deploy to hosted Supabase").
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import type { StackKeys } from '../shared/keys.ts';
import type { Logger } from '../shared/log.ts';
import { startPushWaker } from './push-waker.ts';

/** Secrets the Edge Functions get locally; on hosted Supabase they are set with `supabase secrets set`. */
export function barkeepFunctionSecrets(keys: StackKeys): Record<string, string> {
  return {
    GUEST_JWT_PRIVATE_JWK: JSON.stringify(keys.guestKey),
    GUEST_JWT_RETIRED_PUBLIC_JWKS: JSON.stringify(keys.retiredPublicKeys),
    VAPID_PUBLIC_KEY: keys.vapid.publicKey,
    VAPID_PRIVATE_KEY: keys.vapid.privateKey,
    VAPID_SUBJECT: keys.vapid.subject,
  };
}

export interface BarkeepParts {
  close(): Promise<void>;
}

/** Starts what the project needs beside the platform: the push waker, when the project has push-dispatch. */
export async function startBarkeepParts(options: {
  sql: Sql;
  apiUrl: string;
  serviceRoleKey: string;
  supabaseDir: string;
  log: Logger;
}): Promise<BarkeepParts> {
  if (!existsSync(join(options.supabaseDir, 'functions', 'push-dispatch', 'index.ts'))) return { close: async () => {} };
  return startPushWaker(options);
}
