// Password hashing (bcrypt, cost 10 like GoTrue, `$2a$`/`$2b$` hashes in auth.users.encrypted_password) and the
// strength rule GoTrue applies before storing one. bcrypt runs in one worker thread (bcrypt-worker.js): on the
// event loop, 40 sign-in attempts froze every other request of the stack for 2.5 s (see README, "Auth").
import { Worker } from 'node:worker_threads';
import { AuthError, unprocessable } from './errors.ts';

const COST = 10;
/** bcrypt only looks at the first 72 bytes; GoTrue refuses longer passwords rather than silently truncating. */
const MAX_PASSWORD_BYTES = 72;
/** Jobs waiting for the worker; beyond this, sign-ins are refused at once instead of queueing without end. */
const MAX_QUEUED = 64;
// Compared against when the email is unknown, so a wrong email costs as much time as a wrong password.
const DUMMY_HASH = '$2b$10$o428Wr..Dg8f8RW3NubOQOQ3I21duYXmBzWuz5qoMalxlWefGkJqW'; // bcrypt('barkeep-no-such-user')

type Job = { op: 'hash'; password: string; cost: number } | { op: 'compare'; password: string; hash: string };

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

function bcryptWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./bcrypt-worker.js', import.meta.url));
  started.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
    const job = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) started.unref();
    if (error === undefined) job?.resolve(result);
    else job?.reject(new Error(error));
  });
  started.on('error', (error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
    if (worker === started) worker = undefined;
  });
  started.on('exit', () => {
    if (worker === started) worker = undefined;
  });
  started.unref(); // an idle worker never keeps a CLI command alive
  return (worker = started);
}

function run<T>(job: Job): Promise<T> {
  if (pending.size >= MAX_QUEUED) {
    return Promise.reject(new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached', undefined, { 'retry-after': '5' }));
  }
  const target = bcryptWorker();
  target.ref(); // a job in flight keeps the process alive until it answers
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    target.postMessage({ id, ...job });
  });
}

export function hashPassword(password: string): Promise<string> {
  return run<string>({ op: 'hash', password, cost: COST });
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    await run<boolean>({ op: 'compare', password, hash: DUMMY_HASH });
    return false;
  }
  return run<boolean>({ op: 'compare', password, hash });
}

/** Throws GoTrue's `weak_password` (422, reasons) or `validation_failed` for a password it would not store. */
export function assertPasswordAcceptable(password: unknown, minimumLength: number): asserts password is string {
  if (typeof password !== 'string') throw unprocessable('validation_failed', 'Password must be a string.');
  if ([...password].length < minimumLength) {
    throw new AuthError(422, 'weak_password', `Password should be at least ${minimumLength} characters.`, ['length']);
  }
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) {
    throw unprocessable('validation_failed', `Password cannot be longer than ${MAX_PASSWORD_BYTES} characters.`);
  }
}
