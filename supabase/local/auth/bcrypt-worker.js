// The worker thread behind passwords.ts: bcrypt (bcryptjs) runs here, never on the event loop that serves the
// gateway, Auth and Realtime. Plain JavaScript, so it starts the same under the CLI, vitest and tsx.
import { parentPort } from 'node:worker_threads';
import bcrypt from 'bcryptjs';

parentPort?.on('message', (/** @type {{ id: number, op: 'hash' | 'compare', password: string, hash?: string, cost?: number }} */ job) => {
  try {
    const result = job.op === 'hash' ? bcrypt.hashSync(job.password, job.cost ?? 10) : bcrypt.compareSync(job.password, job.hash ?? '');
    parentPort?.postMessage({ id: job.id, result });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
