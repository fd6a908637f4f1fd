// Problems as words: the translated message for a problem code (see problems.ts for the mapping).
import { t } from '$lib/i18n/index.svelte';
import { problemFrom, type Problem, type ServerError } from './problems';

export * from './problems';

export function problemMessage(problem: Problem): string {
  return t(`problem.${problem.code}`, { count: problem.retryAfterSeconds ?? 30 });
}

/** For a `{ data, error, status }` answer of supabase-js: the message to show, or null when it worked. */
export function messageFor(result: { error: ServerError | null; status?: number }): string | null {
  const problem = problemFrom(result.error ? { status: result.status, ...result.error } : null);
  return problem && problemMessage(problem);
}
