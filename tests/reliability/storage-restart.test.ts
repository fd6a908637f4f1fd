// Storage across restarts: uploaded photos survive, and a start removes what a crash left behind (a half-written
// upload in tmp/, a finished file whose row never committed).
import { randomUUID } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSql, serviceClient } from '../support/clients.ts';
import { makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';
import { BUCKET, PNG } from '../support/storage.ts';

describe('storage across restarts', () => {
  let dataDir: string;
  let stack: StackProcess;

  beforeAll(async () => {
    dataDir = await makeDataDir();
    stack = await startStackProcess({ dataDir });
  });

  afterAll(async () => {
    await stack?.stop();
    await removeDataDir(dataDir);
  });

  it('keeps photos and sweeps crash leftovers on the next start', async () => {
    const key = `restart/${randomUUID()}.png`;
    expect((await serviceClient(stack).storage.from(BUCKET).upload(key, PNG, { contentType: 'image/png' })).error).toBeNull();
    await stack.stop();

    // What a crash mid-upload leaves: a partial temp file, and a finished file whose row never committed.
    const orphan = randomUUID();
    await writeFile(join(dataDir, 'storage', 'tmp', randomUUID()), 'half an upload');
    await writeFile(join(dataDir, 'storage', 'objects', orphan), 'no row points here');

    stack = await startStackProcess({ dataDir });
    const response = await fetch(`${stack.apiUrl}/storage/v1/object/public/${BUCKET}/${key}`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
    expect(await readdir(join(dataDir, 'storage', 'tmp'))).toEqual([]);
    const files = await readdir(join(dataDir, 'storage', 'objects'));
    expect(files).not.toContain(orphan);
    const sql = adminSql(stack);
    try {
      const rows = await sql`select version from storage.objects where version = any(${files}::text[])`;
      expect(rows).toHaveLength(files.length);
    } finally {
      await sql.end();
    }
  });
});
