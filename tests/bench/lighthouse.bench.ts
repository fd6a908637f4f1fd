// Lighthouse 12 on the guest menu with its default mobile settings (Moto G Power emulation, simulated slow 4G),
// against `barkeep start`, as a guest who joined with an invite code (the menu is for guests only). Prints the
// median category scores of a few runs. A measurement, not a CI gate.
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../support/browser.ts';
import { createCode } from '../support/guests.ts';
import { makeDataDir, removeDataDir, startStackProcess } from '../support/stack-process.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export default async function benchLighthouse(runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3)): Promise<void> {
  const path = process.env.LIGHTHOUSE_PATH ?? '/menu';
  const dataDir = await makeDataDir();
  const app = await startStackProcess({ dataDir, command: 'start' });
  const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: FLAGS });
  try {
    const url = `${app.appUrl}${path}`;
    // Join the party in this very browser, as a guest does, so Lighthouse sees the guest's menu.
    const code = await createCode({ maxUses: 1 }, app);
    const driver = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
    const page = await driver.contexts()[0].newPage();
    await page.goto(`${app.appUrl}/join?code=${code}`);
    await page.getByLabel('Your name').fill('Lighthouse');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL('**/menu');
    await page.close();
    const scores: Record<string, number[]> = Object.fromEntries(CATEGORIES.map((category) => [category, []]));
    const audits: Record<string, string> = {};
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
        // Keep the guest's session (Lighthouse clears the origin's storage by default).
        disableStorageReset: true,
      });
      if (!result) throw new Error('lighthouse returned no result');
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.message}`);
      for (const category of CATEGORIES) scores[category].push(Math.round((lhr.categories[category]?.score ?? 0) * 100));
      for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift']) {
        audits[id] = lhr.audits[id]?.displayValue ?? '';
      }
      if (run === runs - 1) {
        const failing = Object.values(lhr.audits).filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode === 'binary');
        for (const audit of failing) console.log(`  not passing: ${audit.id} — ${audit.title}`);
        console.log(`  final URL: ${lhr.finalDisplayedUrl}`);
      }
    }
    console.log(`lighthouse ${url} (mobile, ${runs} runs, median)`);
    for (const category of CATEGORIES) console.log(`  ${category.padEnd(15)} ${median(scores[category])}   (runs: ${scores[category].join(', ')})`);
    for (const [id, value] of Object.entries(audits)) console.log(`  ${id.padEnd(26)} ${value}`);
  } finally {
    chrome.kill();
    await app.stop();
    await removeDataDir(dataDir);
  }
}
