// Starts the embedded Supabase-compatible stack in order and stops it in reverse:
// PostgreSQL → platform bootstrap → migrations → PostgREST → Auth, Realtime, Storage, Functions → gateway,
// then Barkeep's own parts (barkeep/). Stopping closes the doors first (sockets get a close frame, keep-alive
// connections end), so it never waits on a client, then the processes.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import postgres from 'postgres';
import { createAuthService } from '../auth/index.ts';
import { barkeepFunctionSecrets, startBarkeepParts } from '../barkeep/index.ts';
import { createFunctionsRunner } from '../functions/index.ts';
import { createGateway } from '../gateway/index.ts';
import { supabaseRoutes } from '../gateway/routes.ts';
import { startDatabase } from '../postgres/index.ts';
import { applyMigrations, applyPlatformBootstrap, type MigrationResult } from '../postgres/migrations.ts';
import { createRealtimeService } from '../realtime/index.ts';
import { startRest } from '../rest/index.ts';
import { createRestService } from '../rest/service.ts';
import type { StackConfig } from '../shared/config.ts';
import { createJwtVerifier } from '../shared/jwt.ts';
import { loadOrCreateKeys, publicJwks, type StackKeys } from '../shared/keys.ts';
import type { Logger } from '../shared/log.ts';
import { assertPortFree } from '../shared/processes.ts';
import { readProjectConfig } from '../shared/project-config.ts';
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
  /** Lets our own app server name the browser it signs a host in for (gateway/client-address.ts). */
  proxySecret: string;
  migrations: MigrationResult;
  databaseCreated: boolean;
  stop(): Promise<void>;
}

export function statusPath(dataDir: string): string {
  return join(dataDir, 'status.json');
}

/** Requests still running when the stack stops get this long before their connections end. */
const REQUEST_GRACE_MS = 1000;

export async function startStack(config: StackConfig, log: Logger): Promise<RunningStack> {
  await assertPortFree(config.apiPort, config.bindHost, 'Supabase API gateway', 'SUPABASE_PORT');
  const keys = await loadOrCreateKeys(config.dataDir);
  const jwks = publicJwks(keys);
  const verifyAccessToken = createJwtVerifier(jwks);
  const proxySecret = randomBytes(24).toString('base64url');
  // Each step registers how to undo it; `stop` runs them newest first, a group at a time.
  const cleanups: Array<() => Promise<void>> = [];
  const stoppingHooks: Array<() => void> = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      for (const hook of stoppingHooks) hook();
      for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => log.error('stack', 'stop failed', error));
      cleanups.length = 0;
    })());

  try {
    const database = await startDatabase(config, keys, log);
    cleanups.push(() => database.stop());

    const sql = postgres(database.url, { max: 10, onnotice: () => {}, connection: { application_name: 'barkeep-stack' } });
    cleanups.push(() => sql.end({ timeout: 1 }));
    // The processes behind the services stop together, after the doors are shut (registered below).
    const processes: Array<() => Promise<void>> = [];
    cleanups.push(() => Promise.all(processes.map((stopProcess) => stopProcess())).then(() => {}));
    await applyPlatformBootstrap(sql, keys.authenticatorPassword);
    const migrations = await applyMigrations(sql, config.supabaseDir);
    const project = await readProjectConfig(config.supabaseDir);

    const rest = await startRest({ authenticatorUrl: database.authenticatorUrl, jwks, api: project.api, log });
    stoppingHooks.push(() => rest.markStopping());
    processes.push(() => rest.stop());

    const context: ServiceContext = { config, keys, jwks, sql, databaseUrl: database.url, verifyAccessToken, log };
    const auth = createAuthService(context);
    const realtime = createRealtimeService(context);
    const storage = createStorageService(context);
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
        ...barkeepFunctionSecrets(keys),
      },
      verifyAccessToken,
      log,
    });
    processes.push(
      () => functions.close(),
      () => auth.close(),
      () => storage.close(),
    );
    await realtime.ready;

    const gateway = createGateway({
      routes: supabaseRoutes(
        { rest: createRestService({ origin: rest.origin, verifyAccessToken }), auth, realtime, storage, functions },
        { storageFileSizeLimit: project.storageFileSizeLimit },
      ),
      apiKeys: [keys.anonKey, keys.serviceRoleKey],
      proxySecret,
      log,
    });
    await listen(gateway.server, config.apiPort, config.bindHost);
    // Shutting the doors: every socket gets its close frame while the server stops accepting.
    cleanups.push(() => Promise.all([realtime.close(), gateway.close(REQUEST_GRACE_MS)]).then(() => {}));

    const barkeep = await startBarkeepParts({ sql, apiUrl: config.apiUrl, serviceRoleKey: keys.serviceRoleKey, supabaseDir: config.supabaseDir, log });
    cleanups.push(() => barkeep.close());

    const status: StackStatus = {
      api_url: config.apiUrl,
      anon_key: keys.anonKey,
      service_role_key: keys.serviceRoleKey,
      db_url: database.url,
      app_url: config.appUrl,
    };
    await writeFile(statusPath(config.dataDir), JSON.stringify(status, null, 2), { mode: 0o600 });
    return { status, keys, proxySecret, migrations, databaseCreated: database.created, stop };
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
