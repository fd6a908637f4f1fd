// Password hashing (bcrypt, cost 10 like GoTrue, `$2a$`/`$2b$` hashes in auth.users.encrypted_password) and the
// strength rule GoTrue applies before storing one.
import bcrypt from 'bcryptjs';
import { AuthError, unprocessable } from './errors.ts';

const COST = 10;
/** bcrypt only looks at the first 72 bytes; GoTrue refuses longer passwords rather than silently truncating. */
const MAX_PASSWORD_BYTES = 72;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

// Compared against when the email is unknown, so a wrong email costs as much time as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('barkeep-no-such-user', COST);

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    await bcrypt.compare(password, DUMMY_HASH);
    return false;
  }
  return bcrypt.compare(password, hash);
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
