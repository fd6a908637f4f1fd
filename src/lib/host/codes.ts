// The host's invite codes: list (with the short typed form), create, revoke.
import type { HostClient } from '$lib/supabase/host';
import { CODE_COLUMNS, expiryFor, type InviteCode } from './invite-codes';
import { outcomeOf, type Outcome } from './outcome';

export async function listCodes(client: HostClient): Promise<Outcome<InviteCode[]>> {
  return outcomeOf(await client.from('registration_codes').select(CODE_COLUMNS).order('created_at', { ascending: false }));
}

export async function createCode(client: HostClient, input: { hours: number; maxUses: number; notes: string }): Promise<Outcome> {
  return outcomeOf(
    await client
      .from('registration_codes')
      .insert({ expires_at: expiryFor(input.hours, Date.now()), max_uses: input.maxUses, notes: input.notes.trim() || null }),
  );
}

export async function revokeCode(client: HostClient, code: string): Promise<Outcome> {
  return outcomeOf(await client.from('registration_codes').update({ revoked_at: new Date().toISOString() }).eq('code', code));
}
