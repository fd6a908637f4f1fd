// Guest registrations per second through the gateway: POST /functions/v1/register end to end (rate-limit
// upsert, atomic redeem + guest insert, RS256 signing), on a stack of its own with rate limits lifted.
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { copyProjectWithSecrets } from '../support/project-copy.ts';
import { makeDataDir, removeDataDir, startBenchStack, type StackProcess } from './stack.ts';
import { report } from './stats.ts';

const TOTAL = 2000;
const CONCURRENCY = [1, 16, 64];
const CODE_USES = 500;

async function createCodes(stack: StackProcess, count: number): Promise<string[]> {
  const service = createClient(stack.apiUrl, stack.serviceRoleKey, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });
  const rows = Array.from({ length: count }, () => ({ max_uses: CODE_USES, expires_at: new Date(Date.now() + 4 * 3600_000).toISOString() }));
  const { data, error } = await service.from('registration_codes').insert(rows).select('code');
  if (error) throw new Error(error.message);
  return data.map((row) => row.code as string);
}

async function registerOnce(stack: StackProcess, code: string, username: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${stack.apiUrl}/functions/v1/register`, {
    method: 'POST',
    headers: { apikey: stack.anonKey, authorization: `Bearer ${stack.anonKey}`, 'content-type': 'application/json', 'x-registration-code': code },
    body: JSON.stringify({ username }),
  });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`register answered ${response.status}`);
  return performance.now() - started;
}

async function run(stack: StackProcess, total: number, concurrency: number): Promise<void> {
  const codes = await createCodes(stack, Math.ceil(total / CODE_USES));
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) samples.push(await registerOnce(stack, codes[Math.floor(i / CODE_USES)], `Bench guest ${i}`));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  report(`register, ${concurrency} concurrent`, samples, { 'registrations/s': total / seconds });
}

export default async function benchRegistration(): Promise<void> {
  const project = await copyProjectWithSecrets({ REGISTER_RATE_LIMIT_PER_MINUTE: '100000000' });
  const dataDir = await makeDataDir();
  const stack = await startBenchStack({ dataDir, env: { BARKEEP_SUPABASE_DIR: project.supabaseDir } });
  try {
    await run(stack, 50, 4); // warm-up: function boot, connection pool, JIT
    for (const concurrency of CONCURRENCY) await run(stack, concurrency === 1 ? 300 : TOTAL, concurrency);
  } finally {
    await stack.stop();
    await removeDataDir(dataDir);
    await project.remove();
  }
}
