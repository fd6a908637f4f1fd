// What a host action answers the page: the value, or a message fit for the screen — a form rule the module
// checked first, or a server error through the one problem mapper (never the database's own words).
import { t, type MessageKey } from '$lib/i18n/index.svelte';
import { messageFor, problemMessage, type ServerError } from '$lib/problems';

export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; message: string };

/** supabase-js's answer: the data, or (then without data) an error. */
type Answer<T> = { data: T; error: null; status: number } | { data: null; error: ServerError; status: number };

/** supabase-js's `{ data, error, status }` as an outcome. */
export function outcomeOf<T>(result: Answer<T>): Outcome<T> {
  if (result.error === null) return { ok: true, value: result.data };
  return { ok: false, message: messageFor(result) ?? '' };
}

export function refused(key: MessageKey, params: Record<string, string | number> = {}): Outcome<never> {
  return { ok: false, message: t(key, params) };
}

/** A row that must be there (`.single()`): none is the unknown problem, never an empty screen. */
export function present<T>(outcome: Outcome<T | null>): Outcome<T> {
  if (!outcome.ok) return outcome;
  return outcome.value === null ? { ok: false, message: problemMessage({ code: 'unknown' }) } : { ok: true, value: outcome.value };
}
