// The host's side of invite codes through PostgREST (CONTRACT §4): create within the rules, list with
// status and use count, revoke. Nobody else may touch codes.
import { describe, expect, it } from 'vitest';
import { anonClient, tokenClient } from '../support/clients.ts';
import { createCode, hostClient, register, registeredGuest } from '../support/guests.ts';

const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

describe('invite codes for hosts', async () => {
  const host = await hostClient();

  it('a host creates a code (1 h – 7 d, 1–500 uses, notes) and guests can redeem it', async () => {
    const { data, error } = await host
      .from('registration_codes')
      .insert({ max_uses: 60, expires_at: inHours(6), notes: 'Garden party' })
      .select()
      .single();
    expect(error).toBeNull();
    expect(data).toMatchObject({ max_uses: 60, use_count: 0, notes: 'Garden party', revoked_at: null, created_by: expect.any(String) });
    expect((await register(data.code, { username: 'Sam' })).status).toBe(201);
  });

  it.each([
    ['0 uses', { max_uses: 0, expires_at: inHours(2) }],
    ['501 uses', { max_uses: 501, expires_at: inHours(2) }],
    ['a 30-minute lifetime', { max_uses: 5, expires_at: inHours(0.5) }],
    ['an 8-day lifetime', { max_uses: 5, expires_at: inHours(24 * 8) }],
    ['201-character notes', { max_uses: 5, expires_at: inHours(2), notes: 'x'.repeat(201) }],
  ])('a code with %s is refused with a check violation', async (_name, row) => {
    const { error, status } = await host.from('registration_codes').insert(row);
    expect(status).toBe(400);
    expect(error?.code).toBe('23514');
  });

  it('server-filled columns cannot be chosen by the host', async () => {
    const backdated = await host.from('registration_codes').insert({ max_uses: 5, expires_at: inHours(2), created_at: new Date(0).toISOString() });
    expect(backdated.error?.code).toBe('42501');
    const code = await createCode();
    const cheat = await host.from('registration_codes').update({ use_count: 0, max_uses: 500 }).eq('code', code);
    expect(cheat.error?.code).toBe('42501');
  });

  it('lists codes with status and use count: active, used up, expired, revoked', async () => {
    const active = await createCode({ maxUses: 3 });
    await registeredGuestWith(active);
    const usedUp = await createCode({ maxUses: 1 });
    await registeredGuestWith(usedUp);
    const expired = await createCode({ expired: true });
    const revoked = await createCode();
    const revoke = await host.from('registration_codes').update({ revoked_at: new Date().toISOString() }).eq('code', revoked).select('revoked_at');
    expect(revoke.data).toEqual([{ revoked_at: expect.any(String) }]);

    const { data, error } = await host
      .from('registration_code_statuses')
      .select('code, status, use_count, max_uses')
      .in('code', [active, usedUp, expired, revoked]);
    expect(error).toBeNull();
    const byCode = Object.fromEntries((data ?? []).map((row) => [row.code, row]));
    expect(byCode[active]).toMatchObject({ status: 'active', use_count: 1, max_uses: 3 });
    expect(byCode[usedUp]).toMatchObject({ status: 'used_up', use_count: 1, max_uses: 1 });
    expect(byCode[expired]).toMatchObject({ status: 'expired', use_count: 0 });
    expect(byCode[revoked]).toMatchObject({ status: 'revoked' });
    expect((await register(revoked, { username: 'Late' })).status).toBe(403);
  });

  it('anonymous callers and guests see no codes and create none', async () => {
    const code = await createCode();
    const guest = tokenClient((await registeredGuest('Sam')).access_token);
    for (const client of [anonClient(), guest]) {
      expect((await client.from('registration_codes').select('code').eq('code', code)).data ?? []).toEqual([]);
      expect((await client.from('registration_code_statuses').select('code').eq('code', code)).data ?? []).toEqual([]);
      expect((await client.from('registration_codes').insert({ max_uses: 5, expires_at: inHours(2) })).error).not.toBeNull();
      expect((await client.from('registration_codes').update({ revoked_at: new Date().toISOString() }).eq('code', code).select()).data ?? []).toEqual([]);
    }
  });
});

async function registeredGuestWith(code: string) {
  const result = await register(code, { username: 'Guest' });
  expect(result.status).toBe(201);
}
