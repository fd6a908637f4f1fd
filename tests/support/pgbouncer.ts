// PgBouncer in transaction mode in front of a stack's database: what Supabase's pooler (Supavisor) does for the
// SUPABASE_DB_URL that hosted Edge Functions get. Debian package `pgbouncer` (.ci/run installs it).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const PGBOUNCER = '/usr/sbin/pgbouncer';

export interface Pooler {
  url: string;
  stop(): Promise<void>;
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts pgbouncer on `port`, pooling per transaction to the database at `databaseUrl` (as its owner). */
export async function startTransactionPooler(databaseUrl: string, port: number): Promise<Pooler> {
  if (!existsSync(PGBOUNCER)) throw new Error(`${PGBOUNCER} is missing: apt-get install -y pgbouncer (.ci/run does).`);
  const target = new URL(databaseUrl);
  const dir = await mkdtemp(join(tmpdir(), 'barkeep-pgbouncer-'));
  await chmod(dir, 0o755); // pgbouncer refuses root and runs as `postgres`, which must read its files
  const user = decodeURIComponent(target.username);
  await writeFile(join(dir, 'users.txt'), `"${user}" ""\n`, { mode: 0o644 });
  await writeFile(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `postgres = host=${target.hostname} port=${target.port} dbname=postgres user=${user} password=${decodeURIComponent(target.password)}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      'default_pool_size = 20',
      'max_client_conn = 200',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const args = [...(userInfo().uid === 0 ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')];
  const child: ChildProcess = spawn(PGBOUNCER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  for (let attempt = 0; attempt < 100 && !(await accepting(port)); attempt++) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
