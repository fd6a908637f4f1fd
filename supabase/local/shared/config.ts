// Where the embedded stack lives and listens: one resolved object, read once from the environment.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { networkInterfaces } from 'node:os';

export interface StackConfig {
  /** Project root (holds package.json and supabase/). */
  projectRoot: string;
  /** The Supabase project folder: config.toml, migrations/, functions/, seed.sql. */
  supabaseDir: string;
  /** All generated state: database, keys, logs. Git-ignored. */
  dataDir: string;
  /** The gateway port: the Supabase URL. */
  apiPort: number;
  /** The embedded PostgreSQL port (apiPort + 1, as the Supabase CLI does). */
  dbPort: number;
  appPort: number;
  /** Interface the gateway and the app listen on; all interfaces so phones on the Wi-Fi reach them. */
  bindHost: string;
  /** An existing PostgreSQL server to use instead of the embedded one. */
  externalDatabaseUrl?: string;
  apiUrl: string;
  appUrl: string;
}

export class ConfigError extends Error {}

function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'supabase'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new ConfigError('Cannot find the Barkeep project root (package.json next to supabase/).');
    dir = parent;
  }
  return dir;
}

function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65534) {
    throw new ConfigError(`${name}=${raw} is not a valid port. Use a whole number between 1 and 65534, e.g. ${name}=${fallback}.`);
  }
  return port;
}

function readDatabaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL is not a URL. Expected postgres://user:password@host:5432/database, or unset it to use the embedded database.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// (got ${url.protocol}//). Unset it to use the embedded database.`);
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const projectRoot = findProjectRoot();
  const apiPort = readPort(env, 'SUPABASE_PORT', 54321);
  const appPort = readPort(env, 'APP_PORT', 5173);
  return {
    projectRoot,
    supabaseDir: resolve(projectRoot, env.BARKEEP_SUPABASE_DIR || 'supabase'),
    dataDir: resolve(projectRoot, env.BARKEEP_DATA_DIR || '.barkeep'),
    apiPort,
    dbPort: apiPort + 1,
    appPort,
    bindHost: env.BARKEEP_BIND_HOST || '0.0.0.0',
    externalDatabaseUrl: readDatabaseUrl(env),
    apiUrl: `http://127.0.0.1:${apiPort}`,
    appUrl: `http://localhost:${appPort}`,
  };
}

/** The first non-internal IPv4 address: what a phone on the same Wi-Fi uses to reach this machine. */
export function lanAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return undefined;
}
