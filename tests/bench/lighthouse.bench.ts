// Lighthouse 12 on the guest menu with its default mobile settings (Moto G Power emulation, simulated slow 4G),
// against `barkeep start`, as a guest who joined with an invite code (the menu is for guests only). Records the
// median category scores of a few runs (figures.lighthouse_mobile_*), and the JavaScript the menu loads on its
// first visit, gzip-compressed (figures.guest_initial_js_kb_gzip). A measurement, not a CI gate.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { createClient } from '@supabase/supabase-js';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { newPhotoVersion, PHOTO_BUCKET, PHOTO_WIDTHS, photoPrefix, variantPath } from '../../src/lib/images/photo-paths.ts';
import { CHROMIUM_PATH } from '../support/browser.ts';
import { createCode } from '../support/guests.ts';
import { makeDataDir, removeDataDir, startBenchStack } from './stack.ts';
import { recordFigure } from './stats.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Gives the first `count` drinks of the menu a photo, as the host's upload would (three WebP sizes under a version
 * prefix, made by the browser's encoder), so the menu is measured with photos and illustrations side by side.
 */
async function addPhotos(app: { apiUrl: string; serviceRoleKey: string }, page: Page, count: number): Promise<void> {
  const service = createClient(app.apiUrl, app.serviceRoleKey, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });
  const { data: drinks } = await service.from('drinks').select('id, name, sections(display_order)').eq('is_active', true);
  const first = (drinks ?? [])
    .sort(
      (a, b) =>
        (a.sections as unknown as { display_order: number }).display_order - (b.sections as unknown as { display_order: number }).display_order ||
        a.name.localeCompare(b.name),
    )
    .slice(0, count);
  for (const [index, drink] of first.entries()) {
    const files = await page.evaluate(
      async ({ widths, hue }) => {
        const out: number[][] = [];
        for (const width of widths) {
          const canvas = document.createElement('canvas');
          canvas.width = canvas.height = width;
          const context = canvas.getContext('2d')!;
          const gradient = context.createRadialGradient(width * 0.4, width * 0.35, width * 0.05, width / 2, width / 2, width * 0.7);
          gradient.addColorStop(0, `hsl(${hue} 80% 75%)`);
          gradient.addColorStop(1, `hsl(${(hue + 40) % 360} 60% 25%)`);
          context.fillStyle = gradient;
          context.fillRect(0, 0, width, width);
          for (let dot = 0; dot < 40; dot++) {
            context.fillStyle = `hsl(${(hue + dot * 9) % 360} 70% ${40 + (dot % 5) * 10}% / 0.5)`;
            context.beginPath();
            context.arc((((dot * 97) % 100) * width) / 100, (((dot * 53) % 100) * width) / 100, width * (0.02 + (dot % 7) / 60), 0, Math.PI * 2);
            context.fill();
          }
          const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), 'image/webp', 0.82));
          out.push(Array.from(new Uint8Array(await blob.arrayBuffer())));
        }
        return out;
      },
      { widths: [...PHOTO_WIDTHS], hue: (index * 47) % 360 },
    );
    const prefix = photoPrefix(drink.id as string, newPhotoVersion('webp'));
    for (const [slot, width] of PHOTO_WIDTHS.entries()) {
      const { error } = await service.storage
        .from(PHOTO_BUCKET)
        .upload(variantPath(prefix, width, 'webp'), Buffer.from(files[slot]!), { contentType: 'image/webp', cacheControl: '31536000, immutable' });
      if (error) throw new Error(`photo upload failed: ${error.message}`);
    }
    await service.from('drinks').update({ image_path: prefix }).eq('id', drink.id);
  }
}

/**
 * Sums the gzip size (level 6, as a web server sends it) of every script the page at `url` loads until the network
 * is idle, in a context of its own with the guest's session and without a service worker (a first visit: nothing
 * precached, nothing served from the worker's cache).
 */
async function measureInitialJs(joined: BrowserContext, url: string): Promise<void> {
  const fresh = await joined.browser()!.newContext({ storageState: await joined.storageState(), serviceWorkers: 'block' });
  try {
    const page = await fresh.newPage();
    const scripts = new Map<string, Promise<number>>();
    page.on('response', (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (response.request().resourceType() !== 'script' && !/javascript/.test(type)) return;
      scripts.set(
        response.url(),
        response.body().then(
          (body) => gzipSync(body, { level: 6 }).length,
          () => 0,
        ),
      );
    });
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    if (!page.url().endsWith(new URL(url).pathname)) throw new Error(`expected ${url}, landed on ${page.url()}`);
    const sizes = await Promise.all(scripts.values());
    const kb = sizes.reduce((sum, size) => sum + size, 0) / 1024;
    console.log(`  ${scripts.size} scripts loaded by ${new URL(url).pathname}; the largest (KB gzip):`);
    // Where to look when the figure misses its target.
    const named = [...scripts.keys()].map((script, index) => [new URL(script).pathname, sizes[index] / 1024] as const);
    for (const [path, size] of named.sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`    ${size.toFixed(1).padStart(6)}  ${path}`);
    recordFigure('guest_initial_js_kb_gzip', kb, 'KB');
  } finally {
    await fresh.close();
  }
}

export default async function benchLighthouse(runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3)): Promise<void> {
  const path = process.env.LIGHTHOUSE_PATH ?? '/menu';
  // chrome-launcher reports a missing binary as an unhandled 'error' event, which would end the whole bench run.
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: \`apt-get install -y chromium\`, or set CHROMIUM_PATH.`);
  const dataDir = await makeDataDir();
  const app = await startBenchStack({ dataDir, command: 'start' });
  const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: FLAGS });
  try {
    const url = `${app.appUrl}${path}`;
    // Join the party in this very browser, as a guest does, so Lighthouse sees the guest's menu.
    const code = await createCode({ maxUses: 1 }, app);
    const driver = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
    const page = await driver.contexts()[0].newPage();
    await page.goto(`${app.appUrl}/join?code=${code}`);
    // Typing before the page has hydrated is lost.
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Your name').fill('Lighthouse');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL('**/menu');
    const photos = Number(process.env.LIGHTHOUSE_PHOTOS ?? 8);
    await addPhotos(app, page, photos);
    await page.close();
    await measureInitialJs(driver.contexts()[0], url);
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
        // Lighthouse's own measure of this machine's CPU: its 4× slowdown assumes a fast desktop (about 1,500 and up);
        // on a slower host the emulated phone is slower than the Moto G Power it stands for, and the score lower.
        console.log(`  benchmarkIndex ${lhr.environment.benchmarkIndex}`);
        recordFigure('lighthouse_benchmark_index', lhr.environment.benchmarkIndex);
        // The whole report, for finding what blocks the main thread (bootup-time, long-tasks, mainthread-work-breakdown).
        if (process.env.LIGHTHOUSE_REPORT) await writeFile(process.env.LIGHTHOUSE_REPORT, JSON.stringify(lhr));
      }
    }
    console.log(`lighthouse ${url} (mobile, ${runs} runs, median; ${photos} drinks with photos, the rest illustrated)`);
    for (const category of CATEGORIES) {
      console.log(`  ${category.padEnd(15)} ${median(scores[category])}   (runs: ${scores[category].join(', ')})`);
      recordFigure(`lighthouse_mobile_${category.replace('-', '_')}`, median(scores[category]));
    }
    for (const [id, value] of Object.entries(audits)) console.log(`  ${id.padEnd(26)} ${value}`);
  } finally {
    chrome.kill();
    await app.stop();
    await removeDataDir(dataDir);
  }
}
