// What a hosted Supabase project needs from this machine's keys (CONTRACT §1, `barkeep keys export`): the guest
// signing key as a private JWK, to import as a JWT signing key and to set as a function secret, and the VAPID keys.
import type { JWK } from 'jose';
import type { StackKeys } from '../../shared/keys.ts';

/** The subject the local stack generates; push services want a way to reach the sender, so hosted needs a real one. */
export const LOCAL_VAPID_SUBJECT = 'mailto:host@barkeep.local';

export interface HostedSecrets {
  GUEST_JWT_PRIVATE_JWK: JWK & { kid: string; d: string };
  /** Public halves of rotated-out guest keys, only when there are any. */
  GUEST_JWT_RETIRED_PUBLIC_JWKS?: JWK[];
  VAPID_PUBLIC_KEY: string;
  VAPID_PRIVATE_KEY: string;
  VAPID_SUBJECT: string;
}

export class SecretsError extends Error {}

/** A VAPID subject (RFC 8292 §2.1): a mailto: or https: URL. */
export function parseVapidSubject(raw: string): string {
  const value = raw.trim();
  if (/^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return value;
  if (/^https:\/\/[^\s/]+/.test(value)) return value;
  throw new SecretsError(`--vapid-subject must be mailto:you@example.com or an https:// URL (got "${raw}").`);
}

export function hostedSecrets(keys: StackKeys, vapidSubject?: string): HostedSecrets {
  const { guestKey } = keys;
  if (!guestKey?.kid || !guestKey.d)
    throw new SecretsError('The guest key in keys.json has no "kid" or no private part ("d"); delete keys.json to generate new keys.');
  return {
    GUEST_JWT_PRIVATE_JWK: { ...guestKey, kid: guestKey.kid, d: guestKey.d },
    ...(keys.retiredPublicKeys.length ? { GUEST_JWT_RETIRED_PUBLIC_JWKS: keys.retiredPublicKeys } : {}),
    VAPID_PUBLIC_KEY: keys.vapid.publicKey,
    VAPID_PRIVATE_KEY: keys.vapid.privateKey,
    VAPID_SUBJECT: vapidSubject ? parseVapidSubject(vapidSubject) : keys.vapid.subject,
  };
}

/**
 * `NAME='value'` lines, as `supabase secrets set --env-file` reads them (godotenv: single quotes keep the value
 * literally) and the local stack's supabase/functions/.env does. JSON values are written on one line.
 */
export function toEnvFile(secrets: HostedSecrets): string {
  return (
    Object.entries(secrets)
      .map(([name, value]) => {
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        if (text.includes("'") || text.includes('\n')) throw new SecretsError(`${name} cannot be written to an env file (quote or newline).`);
        return `${name}='${text}'`;
      })
      .join('\n') + '\n'
  );
}
