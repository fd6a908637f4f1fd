// `barkeep host add … --url URL --service-role-key KEY`: the host account on a hosted project, through the
// Supabase Auth admin API and PostgREST (service role) — what the local command writes to its database directly.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';

export class RemoteHostError extends Error {}

export interface RemoteHostResult {
  outcome: 'created' | 'reset';
  email: string;
}

const options = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: WebSocket as never } };

async function findUserId(admin: SupabaseClient, email: string): Promise<string | undefined> {
  // The admin API has no lookup by e-mail; a party project has few users, so page through them.
  for (let page = 1; page <= 100; page++) {
    const { data, error } = await admin.auth.admin.listUsers({ page, perPage: 1000 });
    if (error) throw new RemoteHostError(`Listing users failed: ${error.message}`);
    const found = data.users.find((user) => user.email?.toLowerCase() === email);
    if (found) return found.id;
    if (data.users.length < 1000) return undefined;
  }
  return undefined;
}

export async function addRemoteHost(target: { url: string; serviceRoleKey: string }, email: string, password: string): Promise<RemoteHostResult> {
  const admin = createClient(target.url, target.serviceRoleKey, options);
  let outcome: RemoteHostResult['outcome'] = 'created';
  let userId: string | undefined;
  const created = await admin.auth.admin.createUser({ email, password, email_confirm: true });
  if (created.data.user) {
    userId = created.data.user.id;
  } else if (created.error?.code === 'email_exists' || created.error?.status === 422) {
    userId = await findUserId(admin, email);
    if (!userId) throw new RemoteHostError(`Auth says ${email} exists but it was not found: ${created.error.message}`);
    const updated = await admin.auth.admin.updateUserById(userId, { password });
    if (updated.error) throw new RemoteHostError(`Setting the new password failed: ${updated.error.message}`);
    outcome = 'reset';
  } else {
    const why = created.error?.message ?? 'no user returned';
    throw new RemoteHostError(
      created.error?.status === 401 || created.error?.status === 403
        ? `The service role key was refused (${why}). Copy the service_role key from Project Settings → API Keys.`
        : `Creating the account failed: ${why}`,
    );
  }

  const { error } = await admin.from('hosts').upsert({ user_id: userId }, { onConflict: 'user_id', ignoreDuplicates: true });
  if (error) throw new RemoteHostError(`Adding ${email} to public.hosts failed: ${error.message}. Were the migrations pushed (\`npx supabase db push\`)?`);

  if (outcome === 'reset') {
    // As the local command does: a new password ends the account's other sign-ins (sign in once, sign out everywhere).
    const session = createClient(target.url, target.serviceRoleKey, options);
    const signedIn = await session.auth.signInWithPassword({ email, password });
    if (!signedIn.error) await session.auth.signOut({ scope: 'global' });
  }
  return { outcome, email };
}
