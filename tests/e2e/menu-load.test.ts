// What opening the menu costs a phone. Forty phones open it at once on one laptop's Wi-Fi: each table is read once
// at once (the menu shows without waiting for Realtime) and once more when its channel is live (nothing sent in
// between is missed) — the menu was read three times, because the orders' first sync asked for it again while the
// menu channel's read was still on its way. And only the drawings on screen are drawn: all forty at once, most
// far below the fold, were one long task just as the menu appeared.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { inject } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { createCode } from '../support/guests.ts';
import { joinParty } from '../support/party-browser.ts';

describe('opening the menu', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reads each table at most twice: at once, and once live', async () => {
    const stack = inject('stack');
    const page = await joinParty(browser.context, stack, `${stack.appUrl}/join?code=${await createCode()}`, 'Reader');

    // Counted from the reloaded document's start (its commit): the first visit's reads are over by then.
    const reads: Record<string, number> = {};
    let counting = false;
    page.on('framenavigated', (frame) => frame === page.mainFrame() && (counting = true));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!counting || !url.pathname.startsWith('/rest/v1/')) return;
      const read = `${request.method()} ${url.pathname}`;
      reads[read] = (reads[read] ?? 0) + 1;
    });
    await page.reload();
    await page
      .getByRole('button', { name: /Mojito/ })
      .first()
      .waitFor();
    await page.locator('[data-live-status="live"]').waitFor();
    await page.waitForLoadState('networkidle');

    expect(reads['GET /rest/v1/drinks']).toBeGreaterThanOrEqual(1);
    expect(Object.entries(reads).filter(([, count]) => count > 2)).toEqual([]);
    await page.close();
  });

  it('draws the illustrations on screen, and the others as the guest scrolls to them', async () => {
    // A phone of its own (the first test's guest is signed in in the other one).
    const phone = await launchBrowser({ viewport: { width: 390, height: 844 } });
    onTestFinished(() => phone.close());
    const stack = inject('stack');
    const page = await joinParty(phone.context, stack, `${stack.appUrl}/join?code=${await createCode()}`, 'Scroller');
    const cards = page.locator('button[data-drink]');
    await cards.first().locator('img.illustration').waitFor();
    await page.waitForLoadState('networkidle');
    const total = await cards.count();
    const drawn = await page.locator('button[data-drink] img.illustration').count();
    expect(total).toBeGreaterThan(20);
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(total / 2);

    const last = cards.last();
    await last.scrollIntoViewIfNeeded();
    await last.locator('img.illustration').waitFor();
    await page.close();
  });
});
