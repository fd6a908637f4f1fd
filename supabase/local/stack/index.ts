// Starts the embedded Supabase-compatible stack in order and stops it in reverse:
// PostgreSQL → platform bootstrap → migrations → PostgREST → Auth, Realtime, Storage, Functions → gateway.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import postgres from 'postgres';
import { createAuthService } from '../auth/index.ts';
import { createFunctionsRunner } from '../functions/index.ts';
import { startPushWaker } from '../functions/push-waker.ts';
import { createGateway } from '../gateway/index.ts';
import { startDatabase } from '../postgres/index.ts';
import { applyMigrations, applyPlatformBootstrap, type MigrationResult } from '../postgres/migrations.ts';
import { createRealtimeService } from '../realtime/index.ts';
import { startRest } from '../rest/index.ts';
import type { StackConfig } from '../shared/config.ts';
import { createJwtVerifier } from '../shared/jwt.ts';
import { loadOrCreateKeys, publicJwks, type StackKeys } from '../shared/keys.ts';
import type { Logger } from '../shared/log.ts';
import { assertPortFree } from '../shared/processes.ts';
import type { ServiceContext } from '../shared/service.ts';
import { createStorageService } from '../storage/index.ts';

export interface StackStatus {
  api_url: string;
  anon_key: string;
  service_role_key: string;
  db_url: string;
  app_url: string;
}

export interface RunningStack {
  status: StackStatus;
  keys: StackKeys;
  migrations: MigrationResult;
  databaseCreated: boolean;
  stop(): Promise<void>;
}

export function statusPath(dataDir: string): string {
  return join(dataDir, 'status.json');
}

/** Secrets the Edge Functions get locally; on hosted Supabase they are set with `supabase secrets set`. */
function functionSecrets(keys: StackKeys): Record<string, string> {
  return {
    GUEST_JWT_PRIVATE_JWK: JSON.stringify(keys.guestKey),
    GUEST_JWT_RETIRED_PUBLIC_JWKS: JSON.stringify(keys.retiredPublicKeys),
    VAPID_PUBLIC_KEY: keys.vapid.publicKey,
    VAPID_PRIVATE_KEY: keys.vapid.privateKey,
    VAPID_SUBJECT: keys.vapid.subject,
  };
}

export async function startStack(config: StackConfig, log: Logger): Promise<RunningStack> {
  await assertPortFree(config.apiPort, config.bindHost, 'Supabase API gateway', 'SUPABASE_PORT');
  const keys = await loadOrCreateKeys(config.dataDir);
  const jwks = publicJwks(keys);
  const verifyAccessToken = createJwtVerifier(jwks);
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => log.error('stack', 'stop failed', error));
    cleanups.length = 0;
  };

  try {
    const database = await startDatabase(config, keys);
    cleanups.push(() => database.stop());

    const sql = postgres(database.url, { max: 10, onnotice: () => {}, connection: { application_name: 'barkeep-stack' } });
    cleanups.push(() => sql.end({ timeout: 2 }));
    await applyPlatformBootstrap(sql, keys.authenticatorPassword);
    const migrations = await applyMigrations(sql, config.supabaseDir);

    const rest = await startRest({ authenticatorUrl: database.authenticatorUrl, jwks, log });
    cleanups.push(() => rest.stop());

    const context: ServiceContext = { config, keys, jwks, sql, databaseUrl: database.url, verifyAccessToken, log };
    const auth = createAuthService(context);
    const realtime = createRealtimeService(context);
    const storage = createStorageService(context);
    cleanups.push(() => auth.close(), () => realtime.close(), () => storage.close());

    const functions = createFunctionsRunner({
      functionsDir: join(config.supabaseDir, 'functions'),
      supabaseDir: config.supabaseDir,
      dataDir: config.dataDir,
      env: {
        SUPABASE_URL: config.apiUrl,
        SUPABASE_ANON_KEY: keys.anonKey,
        SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
        SUPABASE_DB_URL: database.url,
        SUPABASE_JWKS: JSON.stringify(jwks),
        ...functionSecrets(keys),
      },
      verifyAccessToken,
      log,
    });
    cleanups.push(() => functions.close());

    const gateway = createGateway({
      apiKeys: [keys.anonKey, keys.serviceRoleKey],
      restOrigin: rest.origin,
      auth,
      storage,
      realtime,
      functions,
      verifyAccessToken,
      log,
    });
    await listen(gateway, config.apiPort, config.bindHost);
    cleanups.push(() => closeServer(gateway));

    if (existsSync(join(config.supabaseDir, 'functions', 'push-dispatch', 'index.ts'))) {
      const pushWaker = await startPushWaker({ sql, apiUrl: config.apiUrl, serviceRoleKey: keys.serviceRoleKey, log });
      cleanups.push(() => pushWaker.close());
    }

    const status: StackStatus = {
      api_url: config.apiUrl,
      anon_key: keys.anonKey,
      service_role_key: keys.serviceRoleKey,
      db_url: database.url,
      app_url: config.appUrl,
    };
    await writeFile(statusPath(config.dataDir), JSON.stringify(status, null, 2), { mode: 0o600 });
    return { status, keys, migrations, databaseCreated: database.created, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
