// Where the browser finds the Supabase API. Locally the stack reports 127.0.0.1, which a phone on the
// party Wi-Fi cannot reach: there the API is on the same host the page came from.
import { env } from '$env/dynamic/public';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function supabaseUrl(pageHostname?: string): string {
  const configured = env.PUBLIC_SUPABASE_URL || 'http://127.0.0.1:54321';
  if (!pageHostname || LOOPBACK.has(pageHostname)) return configured;
  const url = new URL(configured);
  if (LOOPBACK.has(url.hostname)) url.hostname = pageHostname;
  return url.origin;
}

export function supabaseAnonKey(): string {
  const key = env.PUBLIC_SUPABASE_ANON_KEY;
  if (!key) throw new Error('PUBLIC_SUPABASE_ANON_KEY is not set: start the app with `npm start`, or see README "Developing the app".');
  return key;
}
