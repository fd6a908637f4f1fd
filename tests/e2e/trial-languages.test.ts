// B13–B16 of the trial: a German dark-mode phone gets German and dark on every page (join, offline, start,
// 404), and the tab bar stays one line at 390 px.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { createCode } from '../support/guests.ts';

const stack = inject('stack');
const DARK_BACKGROUND = 'rgb(20, 17, 31)';

describe('German and dark on every guest page', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    browser = await launchBrowser({ viewport: { width: 390, height: 844 }, locale: 'de-DE', colorScheme: 'dark' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const background = (page: import('playwright-core').Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  it('B13: join (with its errors), 404 and the start page are German and dark', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.appUrl}/join`);
    await page.getByRole('heading', { name: 'Zur Party' }).waitFor();
    expect(await background(page)).toBe(DARK_BACKGROUND);
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Einladungscode').fill('kein Code');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Einladungscode/);

    await page.goto(`${stack.appUrl}/gibt-es-nicht`);
    await page.getByText('Unter dieser Adresse gibt es keine Seite.').waitFor();
    expect(await background(page)).toBe(DARK_BACKGROUND);

    const response = await page.goto(`${stack.appUrl}/host/login`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Gastgeber-Anmeldung' }).waitFor();
    expect(await background(page)).toBe(DARK_BACKGROUND);
    await page.close();
  });

  it('B13: the offline page is German and dark', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.appUrl}/join`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await browser.context.setOffline(true);
    try {
      await page.goto(`${stack.appUrl}/nie-besucht`);
      await page.getByRole('heading', { name: 'Du bist offline' }).waitFor();
      expect(await background(page)).toBe(DARK_BACKGROUND);
    } finally {
      await browser.context.setOffline(false);
    }
    await page.close();
  });

  it('B16: the German tab bar stays one line at 390 px, with the count badge', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.appUrl}/join?code=${await createCode({}, stack)}`);
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Dein Name').fill('Lena');
    await page.getByRole('button', { name: 'Mitmachen' }).click();
    await page.getByRole('heading', { name: 'Willkommen, Lena' }).waitFor();
    await page.locator('[data-drink="Hugo"]').click();
    await page.getByRole('button', { name: 'Bestellen', exact: true }).click();
    const tab = page.getByRole('button', { name: /Bestellungen/ });
    await tab.locator('.count').waitFor();
    const [menuTab, ordersTab] = [await page.getByRole('button', { name: 'Karte', exact: true }).boundingBox(), await tab.boundingBox()];
    expect(ordersTab!.height).toBe(menuTab!.height);
    const lineHeight = await tab.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
    const label = await tab.locator('span').first().boundingBox();
    expect(label!.height).toBeLessThan(lineHeight * 1.5);
    await page.close();
  });
});
