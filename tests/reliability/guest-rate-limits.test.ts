// Rate limits of register and refresh come from the function secrets and answer 429 with Retry-After;
// a client cannot dodge them by writing its own X-Forwarded-For.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProjectWithSecrets } from '../support/project-copy.ts';
import { createCode, refresh, register } from '../support/guests.ts';
import { makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

/** The windows are whole minutes: start a burst well inside one, so it is counted in one window. */
async function awayFromWindowEdge(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
}

describe('guest rate limits', () => {
  let stack: StackProcess;
  let project: Awaited<ReturnType<typeof copyProjectWithSecrets>>;
  let dataDir: string;

  beforeAll(async () => {
    project = await copyProjectWithSecrets({ REGISTER_RATE_LIMIT_PER_MINUTE: '3', REFRESH_RATE_LIMIT_PER_MINUTE: '2' });
    dataDir = await makeDataDir();
    stack = await startStackProcess({ dataDir, env: { BARKEEP_SUPABASE_DIR: project.supabaseDir } });
  });
  afterAll(async () => {
    await stack?.stop();
    await removeDataDir(dataDir);
    await project?.remove();
  });

  it('register: the limit per address holds, whatever X-Forwarded-For the client sends', async () => {
    const code = await createCode({ maxUses: 50 }, stack);
    await awayFromWindowEdge();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await register(code, { username: `Guest ${i}` }, stack, { 'x-forwarded-for': `198.51.100.${i}` })).status);
    expect(statuses).toEqual([201, 201, 201]);
    const limited = await register(code, { username: 'One too many' }, stack, { 'x-forwarded-for': '203.0.113.99' });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toEqual({ code: 'rate_limited', message: expect.any(String) });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('refresh: limited separately from register', async () => {
    const statuses = [];
    await awayFromWindowEdge();
    for (let i = 0; i < 3; i++) statuses.push((await refresh('A'.repeat(43), stack)).status);
    expect(statuses).toEqual([401, 401, 429]);
  });
});
