// A first start on a new machine: Deno's module cache is empty, so the functions' npm: dependencies must be
// downloaded the way this machine reaches the npm registry (its CA certificates, its proxy settings).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCode, register } from '../support/guests.ts';
import { makeDataDir, removeDataDir, startStackProcess } from '../support/stack-process.ts';

describe('Edge Functions with an empty Deno cache', () => {
  it('a guest can register on a brand-new stack', async () => {
    const dataDir = await makeDataDir();
    const denoDir = await mkdtemp(join(tmpdir(), 'barkeep-empty-deno-'));
    const stack = await startStackProcess({ dataDir, env: { DENO_DIR: denoDir } });
    try {
      const code = await createCode({}, stack);
      const result = await register(code, { username: 'First guest' }, stack);
      expect(result.status, JSON.stringify(result.body)).toBe(201);
      expect(result.body.user.username).toBe('First guest');
    } finally {
      await stack.stop();
      await removeDataDir(dataDir);
      await removeDataDir(denoDir);
    }
  });
});
