// The hosted party's smoke test (`barkeep check`): a throw-away guest registers with a one-use code, joins its live
// channel, orders; the host starts the order and the guest sees it live; then everything it made is removed.
// Runs against any Supabase URL (hosted or the local stack) with the real supabase-js, as the app does.
import { randomUUID } from 'node:crypto';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { StepFailed, type Steps } from './steps.ts';

export interface SmokeTestOptions {
  url: string;
  anonKey: string;
  /** The host acts with the service role key (can delete what the check made) … */
  serviceRoleKey?: string;
  /** … or signs in as the host (can only revoke and deactivate). */
  host?: { email: string; password: string };
  liveTimeoutMs?: number;
}

const GUEST_NAME = 'Barkeep check';
// Node 20 has no global WebSocket; browsers and Node 22 do, and ws works everywhere.
const nodeOptions = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: WebSocket as never } };

interface Made {
  code?: string;
  guest?: { user_key: string; access_token: string; refresh_token: string };
  orderId?: string;
  channel?: RealtimeChannel;
  guestClient?: SupabaseClient;
}

async function callFunction(options: SmokeTestOptions, name: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${options.url}/functions/v1/${name}`, {
    method: 'POST',
    headers: { apikey: options.anonKey, authorization: `Bearer ${options.anonKey}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    // A gateway error page, not our JSON: the status says enough.
  }
  return { status: response.status, json, text };
}

function describeError(error: { message?: string; code?: string } | null | undefined): string {
  return error ? `${error.message ?? 'unknown error'}${error.code ? ` (${error.code})` : ''}` : 'unknown error';
}

async function hostClient(options: SmokeTestOptions, steps: Steps): Promise<SupabaseClient> {
  if (options.serviceRoleKey) {
    const client = createClient(options.url, options.serviceRoleKey, nodeOptions);
    await steps.run('service role key accepted', async () => {
      const { error } = await client.from('registration_codes').select('code', { head: true, count: 'exact' });
      if (error) throw new StepFailed(`The service role key was refused: ${describeError(error)}. Copy the service_role key from Project Settings → API Keys.`);
    });
    return client;
  }
  const client = createClient(options.url, options.anonKey, nodeOptions);
  await steps.run(`host signs in (${options.host!.email})`, async () => {
    const { error } = await client.auth.signInWithPassword(options.host!);
    if (error)
      throw new StepFailed(
        `Sign-in failed: ${error.message}. Check the e-mail and password (create the account with \`npx barkeep host add --url … --service-role-key …\`).`,
      );
    const { data: isHost, error: rpcError } = await client.rpc('is_host');
    if (rpcError)
      throw new StepFailed(`Could not ask whether the account is a host: ${describeError(rpcError)}. Were the migrations pushed (\`npx supabase db push\`)?`);
    if (isHost !== true)
      throw new StepFailed(`${options.host!.email} is not a host account. Add it with \`npx barkeep host add --email … --url … --service-role-key …\`.`);
  });
  return client;
}

export async function runSmokeTest(options: SmokeTestOptions, steps: Steps): Promise<void> {
  const anon = createClient(options.url, options.anonKey, nodeOptions);
  const made: Made = {};
  let host: SupabaseClient | undefined;
  try {
    await steps.run('project reachable, anon key accepted', async () => {
      let response: Response;
      try {
        response = await fetch(`${options.url}/auth/v1/health`, { headers: { apikey: options.anonKey } });
      } catch (error) {
        throw new StepFailed(`Cannot reach ${options.url} (${(error as Error).message}). Check --url: https://<project-ref>.supabase.co`);
      }
      if (response.status === 401 || response.status === 403)
        throw new StepFailed('The anon key was refused. Copy the anon (public) key from Project Settings → API Keys.');
      if (!response.ok) throw new StepFailed(`${options.url}/auth/v1/health answered ${response.status}. Is this a Supabase project URL?`);
    });
    host = await hostClient(options, steps);

    const drink = await steps.run('the bar is open and has a drink on the menu', async () => {
      const { data: settings, error } = await anon.from('bar_settings').select('is_open, last_call_at').maybeSingle();
      if (error) throw new StepFailed(`Reading the bar settings failed: ${describeError(error)}. Were the migrations pushed (\`npx supabase db push\`)?`);
      if (!settings?.is_open)
        throw new StepFailed('The bar is closed, so a test guest cannot order. Open it (host app → Bar → Open the bar) and run the check again.');
      if (settings.last_call_at && new Date(settings.last_call_at) <= new Date())
        throw new StepFailed('Last call has passed, so a test guest cannot order. Lift the last call (host app → Bar) and run the check again.');
      const { data: drinks, error: drinkError } = await anon.from('drinks').select('id, name').eq('is_active', true).limit(1);
      if (drinkError) throw new StepFailed(`Reading the menu failed: ${describeError(drinkError)}.`);
      if (!drinks?.length)
        throw new StepFailed(
          'No drink is on the menu yet. Add one (host app → Drinks), or load the demo menu with `npx supabase db push --include-seed`, then run the check again.',
        );
      return drinks[0] as { id: string; name: string };
    });

    made.code = await steps.run('create a one-use invite code', async () => {
      const expiresAt = new Date(Date.now() + 3600_000 + 60_000).toISOString();
      const { data, error } = await host!
        .from('registration_codes')
        .insert({ max_uses: 1, expires_at: expiresAt, notes: `barkeep check ${new Date().toISOString()}` })
        .select('code')
        .single();
      if (error) throw new StepFailed(`Creating an invite code failed: ${describeError(error)}.`);
      return data.code as string;
    });

    made.guest = await steps.run('register a throw-away guest (Edge Function register)', async () => {
      const result = await callFunction(options, 'register', { username: GUEST_NAME }, { 'x-registration-code': made.code! });
      if (result.status === 404) throw new StepFailed('The register function is not deployed. Run `npx supabase functions deploy --use-api`.');
      if (result.status !== 201) {
        const hint =
          result.status >= 500
            ? ' Its log (Dashboard → Edge Functions → register → Logs) says why; most often the GUEST_JWT_PRIVATE_JWK secret is missing (docs/deploy.md, step 3).'
            : '';
        throw new StepFailed(`register answered ${result.status}: ${result.text.slice(0, 300)}.${hint}`);
      }
      const body = result.json as { user: { user_key: string }; access_token: string; refresh_token: string };
      return { user_key: body.user.user_key, access_token: body.access_token, refresh_token: body.refresh_token };
    });
    const guest = made.guest;
    made.guestClient = createClient(options.url, options.anonKey, { ...nodeOptions, accessToken: async () => guest.access_token });

    const statusChanges: Array<{ order_id?: string; status?: string; at: number }> = [];
    await steps.run(`guest joins its live channel orders:${guest.user_key.slice(0, 8)}…`, async () => {
      await made.guestClient!.realtime.setAuth();
      const channel = made.guestClient!.channel(`orders:${guest.user_key}`, { config: { private: true } });
      made.channel = channel;
      channel.on('broadcast', { event: 'ORDER_STATUS_CHANGED' }, (message) => statusChanges.push({ ...(message.payload as object), at: performance.now() }));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new StepFailed('Joining the channel timed out after 10 s. Is Realtime enabled for the project?')), 10_000);
        channel.subscribe((status, error) => {
          if (status === 'SUBSCRIBED') {
            clearTimeout(timer);
            resolve();
          } else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') {
            clearTimeout(timer);
            reject(
              new StepFailed(
                `Realtime refused the guest: ${error?.message ?? status}. Is the guest key imported as a JWT signing key (docs/deploy.md), and were the migrations pushed?`,
              ),
            );
          }
        });
      });
    });

    made.orderId = randomUUID();
    await steps.run(`guest orders a ${drink.name}`, async () => {
      const { error } = await made.guestClient!.from('orders').insert({ id: made.orderId, drink_id: drink.id, note: 'barkeep check' });
      if (error) {
        const hint = /JWT|PGRST30/.test(`${error.message}${error.code}`)
          ? ' The API does not trust the guest token: import the guest key as a JWT signing key (docs/deploy.md).'
          : '';
        throw new StepFailed(`The order was refused: ${describeError(error)}.${hint}`);
      }
    });

    const started = await steps.run('host starts the order', async () => {
      const sentAt = performance.now();
      const { error } = await host!.from('orders').update({ status: 'preparing' }).eq('id', made.orderId!);
      if (error) throw new StepFailed(`Moving the order failed: ${describeError(error)}.`);
      return sentAt;
    });

    await steps.run('guest sees it live (ORDER_STATUS_CHANGED)', async (step) => {
      const timeoutMs = options.liveTimeoutMs ?? 10_000;
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline) {
        const seen = statusChanges.find((change) => change.order_id === made.orderId && change.status === 'preparing');
        if (seen) {
          step.detail = `${Math.round(seen.at - started)} ms after the host's update was sent`;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new StepFailed(
        `No live update within ${timeoutMs / 1000} s. Check that Realtime is enabled and the order triggers were pushed with the migrations.`,
      );
    });

    if (options.serviceRoleKey) {
      await steps.run('push dispatcher runs (Edge Function push-dispatch)', async () => {
        const result = await callFunction(options, 'push-dispatch', {}, { authorization: `Bearer ${options.serviceRoleKey}` });
        if (result.status === 404) throw new StepFailed('The push-dispatch function is not deployed. Run `npx supabase functions deploy --use-api`.');
        if (result.status !== 200)
          throw new StepFailed(`push-dispatch answered ${result.status}: ${result.text.slice(0, 300)}. Are the VAPID_* secrets set (docs/deploy.md)?`);
      });
    }

    await steps.run('guest signs out (Edge Function logout)', async () => {
      const result = await callFunction(options, 'logout', { refresh_token: guest.refresh_token }, { authorization: `Bearer ${guest.access_token}` });
      if (result.status !== 204) throw new StepFailed(`logout answered ${result.status}: ${result.text.slice(0, 300)}.`);
    });
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
  } finally {
    await cleanUp(made, host, Boolean(options.serviceRoleKey), steps);
    await anon.removeAllChannels();
  }
}

/** Removes what the check made, as far as the host's rights go. Runs after any failure too. */
async function cleanUp(made: Made, host: SupabaseClient | undefined, canDelete: boolean, steps: Steps): Promise<void> {
  if (made.guestClient) await made.guestClient.removeAllChannels();
  if (!host) return;
  if (made.code) steps.section('Cleaning up');
  const attempt = (name: string, work: () => PromiseLike<{ error: { message?: string } | null }>) =>
    steps
      .run(
        name,
        async () => {
          const { error } = await work();
          if (error) throw new StepFailed(describeError(error));
        },
        { cleanup: true },
      )
      .catch(() => undefined);

  if (canDelete) {
    // Deleting the guest deletes its orders, logins and push subscriptions with it.
    if (made.guest) await attempt('delete the test guest and its order', () => host.from('guests').delete().eq('user_key', made.guest!.user_key));
    if (made.code) await attempt('delete the invite code', () => host.from('registration_codes').delete().eq('code', made.code!));
  } else {
    if (made.orderId && made.guest)
      await attempt('cancel the test order', () =>
        host.from('orders').update({ status: 'cancelled' }).eq('id', made.orderId!).in('status', ['pending', 'preparing']),
      );
    if (made.guest) await attempt('deactivate the test guest', () => host.from('guests').update({ is_active: false }).eq('user_key', made.guest!.user_key));
    if (made.code)
      await attempt('revoke the invite code', () => host.from('registration_codes').update({ revoked_at: new Date().toISOString() }).eq('code', made.code!));
    if (made.guest)
      steps.note(`A host account cannot delete guests: "${GUEST_NAME}" stays in the guest list, deactivated. Use --service-role-key to delete it.`);
    await host.auth.signOut({ scope: 'local' });
  }
  await host.removeAllChannels();
}
