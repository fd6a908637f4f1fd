// Rotating the guest signing key: after a restart with a new GUEST_JWT_PRIVATE_JWK and the old public key
// in GUEST_JWT_RETIRED_PUBLIC_JWKS, tokens signed before keep working until they expire; new ones carry the new kid.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { publicJwk, type StackKeys } from '../../supabase/local/shared/keys.ts';
import { tokenClient } from '../support/clients.ts';
import { logout, refresh, registeredGuest } from '../support/guests.ts';
import { makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

describe('guest key rotation', () => {
  let stack: StackProcess | undefined;
  let dataDir: string;

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) await removeDataDir(dataDir);
  });

  it('tokens of the retired key stay valid; new tokens use the new key', async () => {
    dataDir = await makeDataDir();
    stack = await startStackProcess({ dataDir });
    const before = await registeredGuest('Early bird', stack);
    await stack.stop();

    const keysFile = join(dataDir, 'keys.json');
    const keys = JSON.parse(await readFile(keysFile, 'utf8')) as StackKeys;
    const oldKid = keys.guestKey.kid;
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const rotated: StackKeys = {
      ...keys,
      guestKey: { ...(await exportJWK(privateKey)), kid: 'guest-2026-11', alg: 'RS256', use: 'sig' },
      retiredPublicKeys: [...keys.retiredPublicKeys, publicJwk(keys.guestKey)],
    };
    await writeFile(keysFile, JSON.stringify(rotated, null, 2), { mode: 0o600 });
    stack = await startStackProcess({ dataDir });

    const { data } = await tokenClient(before.access_token, stack).from('guests').select('username');
    expect(data).toEqual([{ username: 'Early bird' }]);

    const renewed = await refresh(before.refresh_token, stack);
    expect(renewed.status).toBe(200);
    expect(decodeProtectedHeader(renewed.body.access_token).kid).toBe('guest-2026-11');
    const after = await registeredGuest('Latecomer', stack);
    expect(decodeProtectedHeader(after.access_token).kid).toBe('guest-2026-11');
    expect(decodeProtectedHeader(before.access_token).kid).toBe(oldKid);

    expect((await logout(before.access_token, renewed.body.refresh_token, stack)).status).toBe(204);
    expect((await refresh(renewed.body.refresh_token, stack)).status).toBe(401);
  });
});
