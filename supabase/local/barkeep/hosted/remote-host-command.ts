// The hosted branch of `barkeep host add` (--url + --service-role-key): checks the flags, adds, prints.
import { addRemoteHost, RemoteHostError } from './remote-host.ts';

export async function runRemoteHostAdd(
  rawUrl: string | undefined,
  serviceRoleKey: string | undefined,
  credentials: { email: string; password: string },
): Promise<number> {
  let url: URL | undefined;
  try {
    url = new URL(rawUrl ?? '');
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    console.error('barkeep host add: --url must be the project URL, e.g. --url https://<project-ref>.supabase.co');
    return 2;
  }
  if (!serviceRoleKey) {
    console.error('barkeep host add: --service-role-key is required with --url (Project Settings → API Keys → service_role).');
    return 2;
  }
  try {
    const result = await addRemoteHost({ url: url.origin, serviceRoleKey }, credentials.email, credentials.password);
    console.log(
      result.outcome === 'created'
        ? `Host account created for ${result.email} on ${url.origin}.`
        : `Password of ${result.email} on ${url.origin} reset; it is a host account. Its other sign-ins were ended.`,
    );
    console.log('Sign in at <your app address>/host/login');
    return 0;
  } catch (error) {
    if (!(error instanceof RemoteHostError)) throw error;
    console.error(`barkeep host add: ${error.message}`);
    return 1;
  }
}
