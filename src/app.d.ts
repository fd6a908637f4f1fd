// See https://svelte.dev/docs/kit/types#app.d.ts
import type { HostClient, HostSession } from '$lib/supabase/host';

declare global {
  namespace App {
    // interface Error {}
    interface Locals {
      /** The host's Supabase client for this request (session in cookies). Created on first use. */
      supabase: HostClient;
      /** The session, validated with the Auth server (`getUser()`), and whether its user is a host. Memoised per request. */
      safeGetSession(): Promise<HostSession>;
    }
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
