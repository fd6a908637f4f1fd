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
});
