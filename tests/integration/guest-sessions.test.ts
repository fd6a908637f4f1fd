// Guest sessions after registration (CONTRACT §3, §4): tokens verify at PostgREST via kid, refresh tokens
// rotate with reuse detection, logout and a host deactivating the guest end refresh.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminSql, anonClient, stackInfo, tokenClient } from '../support/clients.ts';
import { hostClient, logout, refresh, registeredGuest } from '../support/guests.ts';

describe('guest sessions', () => {
  it("a guest token verifies at PostgREST: the guest reads its own guests row and nobody else's", async () => {
    const sam = await registeredGuest('Sam');
    const kim = await registeredGuest('Kim');
    const { data, error } = await tokenClient(sam.access_token).from('guests').select('user_key, username, is_active');
    expect(error).toBeNull();
    expect(data).toEqual([{ user_key: sam.user.user_key, username: 'Sam', is_active: true }]);
    const other = await tokenClient(sam.access_token).from('guests').select('user_key').eq('user_key', kim.user.user_key);
    expect(other.data).toEqual([]);
  });

  it('a guest can neither rename nor reactivate itself, nor read or create invite codes', async () => {
    const sam = await registeredGuest('Sam');
    const client = tokenClient(sam.access_token);
    const rename = await client.from('guests').update({ username: 'Admin' }).eq('user_key', sam.user.user_key).select();
    expect(rename.data ?? []).toEqual([]);
    expect((await client.from('registration_codes').select('code')).data).toEqual([]);
    const insert = await client.from('registration_codes').insert({ max_uses: 500, expires_at: new Date(Date.now() + 2 * 3600_000).toISOString() });
    expect(insert.error?.code).toBe('42501');
  });

  it('the database holds the username rule too: a host cannot rename a guest to invisible or mark-stacked text', async () => {
    const sam = await registeredGuest('Sam');
    const host = await hostClient();
    for (const username of ['\u3164\u3164', 'S\u1160', '..', `Z${'\u0336'.repeat(8)}algo`, 'Sam\u202e', 'Sa\u200bm', 'Sam\nSmith']) {
      const { error } = await host.from('guests').update({ username }).eq('user_key', sam.user.user_key);
      expect(error?.code, JSON.stringify(username)).toBe('23514');
    }
    const { error } = await host.from('guests').update({ username: "Zoë O'Brien" }).eq('user_key', sam.user.user_key);
    expect(error).toBeNull();
  });

  it('refresh rotates: a new pair, the old refresh token stops working', async () => {
    const sam = await registeredGuest('Sam');
    const first = await refresh(sam.refresh_token);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), expires_at: expect.any(Number) });
    expect(first.body.refresh_token).not.toBe(sam.refresh_token);
    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
    const { data } = await tokenClient(second.body.access_token).from('guests').select('username');
    expect(data).toEqual([{ username: 'Sam' }]);
  });

  it('replaying an already-rotated refresh token (after the 10 s grace) kills the whole chain', async () => {
    const sam = await registeredGuest('Sam');
    const rotated = await refresh(sam.refresh_token);
    expect(rotated.status).toBe(200);
    const sql = adminSql();
    await sql`update private.refresh_tokens set rotated_at = rotated_at - interval '1 minute' where rotated_at is not null
              and token_hash = encode(sha256(convert_to(${sam.refresh_token}, 'UTF8')), 'hex')`;
    await sql.end();
    const replay = await refresh(sam.refresh_token);
    expect(replay.status).toBe(401);
    expect(replay.body.error?.code).toBe('invalid_refresh_token');
    const newest = await refresh(rotated.body.refresh_token);
    expect(newest.status).toBe(401);
    expect(newest.body.error?.code).toBe('invalid_refresh_token');
  });

  it('unknown, malformed and missing refresh tokens', async () => {
    expect((await refresh('A'.repeat(43))).status).toBe(401);
    expect((await refresh('nope')).body.error?.code).toBe('invalid_refresh_token');
    expect((await refresh(42)).status).toBe(400);
    expect((await refresh(undefined)).body.error?.code).toBe('invalid_request');
  });

  it('logout: 204, and that refresh token is dead', async () => {
    const sam = await registeredGuest('Sam');
    const out = await logout(sam.access_token, sam.refresh_token);
    expect(out.status).toBe(204);
    expect((await refresh(sam.refresh_token)).status).toBe(401);
  });

  it("logout needs a guest access token, and cannot end another guest's login", async () => {
    const sam = await registeredGuest('Sam');
    const kim = await registeredGuest('Kim');
    expect((await logout(undefined, sam.refresh_token)).status).toBe(401);
    expect((await logout(stackInfo().anonKey, sam.refresh_token)).status).toBe(401);
    expect((await logout(kim.access_token, sam.refresh_token)).status).toBe(204);
    expect((await refresh(sam.refresh_token)).status).toBe(200);
    expect((await logout(kim.access_token, 42)).status).toBe(400);
  });

  it('a host deactivating a guest through PostgREST ends every refresh at once', async () => {
    const sam = await registeredGuest('Sam');
    const otherSam = await registeredGuest('Sam'); // same name, another guest
    const host = await hostClient();
    const { data, error } = await host.from('guests').update({ is_active: false }).eq('user_key', sam.user.user_key).select('is_active');
    expect(error).toBeNull();
    expect(data).toEqual([{ is_active: false }]);
    // The answer says why, so the app tells the guest the host ended their access (not just "session ended").
    const refused = await refresh(sam.refresh_token);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('guest_inactive');
    expect((await refresh(otherSam.refresh_token)).status).toBe(200);
    // Reactivating does not bring revoked logins back.
    await host.from('guests').update({ is_active: true }).eq('user_key', sam.user.user_key);
    expect((await refresh(sam.refresh_token)).status).toBe(401);
  });

  it('refresh tokens and the private functions are not reachable through the API', async () => {
    const sam = await registeredGuest('Sam');
    for (const client of [anonClient(), tokenClient(sam.access_token), await hostClient()]) {
      const table = await client.from('refresh_tokens').select('*');
      expect(table.error).not.toBeNull();
      const rpc = await client.rpc('register_guest', { p_code: randomUUID(), p_username: 'x', p_token_hash: 'x', p_refresh_ttl: '1 day' });
      expect(rpc.error).not.toBeNull();
      const privateTable = await client.schema('private').from('refresh_tokens').select('*');
      expect(privateTable.error).not.toBeNull();
    }
  });
});
