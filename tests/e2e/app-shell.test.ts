// `npm start` serves the PWA: a phone-sized Chromium loads the start page, which leads a new visitor to joining.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchBrowser } from '../support/browser.ts';

describe('the app served by `barkeep start`', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the home page', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(inject('stack').appUrl);
    expect(response?.status()).toBe(200);
    await page.waitForURL('**/join');
    await expect(page.locator('h1').textContent()).resolves.toBe('Join the party');
  });

  it('serves a production build, also when a test runner started it', async () => {
    // vitest sets NODE_ENV=test, under which vite would build Svelte's development runtime (its dev-only checks
    // below, and a quarter more JavaScript) — what every browser test and benchmark would then measure.
    const page = await browser.context.newPage();
    const scripts: Array<Promise<string>> = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.text().catch(() => ''));
    });
    await page.goto(`${inject('stack').appUrl}/join`);
    await page.waitForLoadState('networkidle');
    const bodies = await Promise.all(scripts);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.filter((body) => /state_proxy_equality_mismatch|ownership_invalid_mutation/.test(body))).toEqual([]);
  });
});
