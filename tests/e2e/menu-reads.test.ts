// What a guest's phone asks the bar for when the menu opens. Forty phones open it at once on one laptop's Wi-Fi:
// each table is read once at once (the menu shows without waiting for Realtime) and once more when its channel is
// live (nothing sent in between is missed) — the menu was read three times, because the orders' first sync asked
// for it again while the menu channel's read was still on its way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { createCode } from '../support/guests.ts';

describe('opening the menu', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reads each table at most twice: at once, and once live', async () => {
    const code = await createCode();
    const page = await browser.context.newPage();
    await page.goto(`${inject('stack').appUrl}/join?code=${code}`);
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Your name').fill('Reader');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL('**/menu');
    await page.getByRole('heading', { name: 'Welcome, Reader' }).waitFor();
    // Counted from a reload, once the first visit's own reads are done.
    await page.getByText('Live', { exact: true }).waitFor();
    await page.waitForLoadState('networkidle');

    const reads: Record<string, number> = {};
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!url.pathname.startsWith('/rest/v1/')) return;
      const read = `${request.method()} ${url.pathname}`;
      reads[read] = (reads[read] ?? 0) + 1;
    });
    await page.reload();
    await page
      .getByRole('button', { name: /Mojito/ })
      .first()
      .waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    await page.waitForLoadState('networkidle');

    expect(reads['GET /rest/v1/drinks']).toBeGreaterThanOrEqual(1);
    expect(Object.entries(reads).filter(([, count]) => count > 2)).toEqual([]);
    await page.close();
  });
});
