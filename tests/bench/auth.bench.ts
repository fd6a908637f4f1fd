// Supabase Auth of the embedded stack through the real supabase-js: password sign-in (bcrypt cost 10 dominates),
// refresh-token rotation, and getUser (the check hooks.server.ts makes on every host page).
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { fetchFrom, randomLoopbackAddress } from '../support/loopback-address.ts';
import { makeDataDir, removeDataDir, startBenchStack } from './stack.ts';
import { report } from './stats.ts';

async function timed(runs: number, operation: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await operation();
    samples.push(performance.now() - started);
  }
  return samples;
}

export default async function benchAuth(runs = 50): Promise<void> {
  const dataDir = await makeDataDir();
  const stack = await startBenchStack({ dataDir });
  try {
    const options = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: WebSocket as never } };
    const admin = createClient(stack.apiUrl, stack.serviceRoleKey, options);
    const account = { email: `bench-${randomUUID()}@barkeep.test`, password: `pw-${randomUUID()}` };
    const { error } = await admin.auth.admin.createUser({ ...account, email_confirm: true });
    if (error) throw error;
    // Auth allows 30 sign-ins per 5 minutes per client address: the benchmark moves to a new address every 25.
    let calls = 0;
    let from = fetchFrom();
    const rotating = ((input: string | URL | Request, init?: RequestInit) => {
      if (++calls % 25 === 0) from = fetchFrom(randomLoopbackAddress());
      return from(input, init);
    }) as typeof fetch;
    const client = createClient(stack.apiUrl, stack.anonKey, { ...options, global: { fetch: rotating } });

    report(
      'auth: signInWithPassword',
      await timed(runs, async () => {
        const { error: signInError } = await client.auth.signInWithPassword(account);
        if (signInError) throw signInError;
      }),
    );
    report(
      'auth: refreshSession (rotation)',
      await timed(runs, async () => {
        const { error: refreshError } = await client.auth.refreshSession();
        if (refreshError) throw refreshError;
      }),
    );
    report(
      'auth: getUser (server validation)',
      await timed(runs, async () => {
        const { error: userError } = await client.auth.getUser();
        if (userError) throw userError;
      }),
    );
    // bcrypt runs in a worker thread: other requests keep their pace while 20 sign-ins (each from its own
    // address, wrong passwords) are being checked at once.
    const flood = Array.from({ length: 20 }, () =>
      createClient(stack.apiUrl, stack.anonKey, { ...options, global: { fetch: fetchFrom(randomLoopbackAddress()) } }).auth.signInWithPassword({
        email: account.email,
        password: 'wrong',
      }),
    );
    report(
      'auth: getUser during 20 concurrent sign-ins',
      await timed(Math.min(runs, 20), async () => {
        const { error: userError } = await client.auth.getUser();
        if (userError) throw userError;
      }),
    );
    await Promise.all(flood);
  } finally {
    await stack.stop();
    await removeDataDir(dataDir);
  }
}
