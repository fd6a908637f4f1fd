// Real headless Chromium for end-to-end tests. A missing browser is a failure, never a skip.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A persistent (non-incognito) browser profile in a fresh directory, so service workers and installability work. */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; args?: string[]; locale?: string; colorScheme?: 'light' | 'dark' } = {},
) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}. Install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH.`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'barkeep-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...FLAGS, ...(options.args ?? [])],
    viewport: options.viewport ?? { width: 390, height: 844 },
    locale: options.locale,
    colorScheme: options.colorScheme,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
