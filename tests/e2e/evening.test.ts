// A real evening (issue #15) in headless Chromium, on a stack of its own because it restarts: the host puts an
// invite code on the welcome board, whose QR code decodes (jsQR) to the join URL a guest then opens; the guest
// sees their place in the queue; the board follows the host's work live across a stack restart, shows the
// closed banner and never a note; the guest rates the served drink and the recap shows it.
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { adminSql } from '../support/clients.ts';
import { createCode } from '../support/guests.ts';
import { addHostAccount, joinParty, openAsHost, orderDrink } from '../support/party-browser.ts';
import { freePortPair, makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

async function sqlOn(stack: StackProcess, run: (sql: ReturnType<typeof adminSql>) => Promise<unknown>) {
  const sql = adminSql(stack);
  try {
    await run(sql);
  } finally {
    await sql.end();
  }
}

describe('the board as the welcome screen, queue positions and ratings', () => {
  let dataDir: string;
  let ports: { apiPort: number; appPort: number };
  let stack: StackProcess;
  let browser: Browser;
  let guestBrowser: Browser;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    dataDir = await makeDataDir();
    ports = { apiPort: await freePortPair(), appPort: await freePortPair() };
    stack = await startStackProcess({ dataDir, command: 'start', ...ports });
    browser = await launchBrowser({ viewport: { width: 1920, height: 1080 } });
    guestBrowser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await guestBrowser?.close();
    for (const cleanup of cleanups) await cleanup();
    await stack?.stop();
    await removeDataDir(dataDir);
  });

  it('joins by the board’s QR code, shows the position, follows the host across a restart, and the rating reaches the recap', async () => {
    const host = await addHostAccount(stack);
    const code = await createCode({ maxUses: 5 }, stack);
    const codes = await openAsHost(browser.context, stack, host, '/host/codes');
    await codes.locator(`[data-code="${code}"] [data-show-on-board]`).click();
    await codes.locator(`[data-code="${code}"] [data-show-on-board][aria-pressed="true"]`).waitFor();

    const board = await browser.context.newPage();
    await board.goto(`${stack.appUrl}/board`);
    const qr = board.locator('img.qr');
    await qr.waitFor();
    await board.waitForFunction(() => (document.querySelector('img.qr') as HTMLImageElement | null)?.complete);
    // Decode what the screen shows, as a phone camera would.
    const pixels = await board.evaluate(() => {
      const img = document.querySelector('img.qr') as HTMLImageElement;
      const size = Math.round(img.getBoundingClientRect().width);
      const canvas = Object.assign(document.createElement('canvas'), { width: size, height: size });
      const context = canvas.getContext('2d')!;
      context.drawImage(img, 0, 0, size, size);
      return { size, data: Array.from(context.getImageData(0, 0, size, size).data) };
    });
    expect(pixels.size).toBeGreaterThan(400);
    const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.size, pixels.size);
    expect(decoded?.data).toBe(`${stack.appUrl}/join?code=${code}`);
    const [{ short_code: shortCode }] = await (async () => {
      const sql = adminSql(stack);
      try {
        return await sql`select short_code from public.registration_codes where code = ${code}`;
      } finally {
        await sql.end();
      }
    })();
    expect((await board.locator('[data-short-code]').innerText()).replace(/[^0-9A-Z]/g, '')).toBe(shortCode);

    // A guest joins by the decoded link and orders: first in the queue.
    const guest = await joinParty(guestBrowser.context, stack, decoded!.data, 'Mara');
    await orderDrink(guest, 'Mojito', 'secret note');
    const position = guest.locator('[data-testid="queue-position"]');
    await position.waitFor();
    expect(await position.getAttribute('data-ahead')).toBe('0');
    await expect.poll(() => position.innerText()).toMatch(/You are next\s+about \d+ minutes?/);

    // A second guest orders after Mara and is one drink behind.
    // A phone of her own: a browser with a guest session skips the join page.
    const noorsPhone = await launchBrowser();
    cleanups.push(() => noorsPhone.close());
    const second = await joinParty(noorsPhone.context, stack, decoded!.data, 'Noor');
    await orderDrink(second, 'Mojito');
    await second.locator('[data-testid="queue-position"][data-ahead="1"]').waitFor();
    await expect.poll(() => second.locator('[data-testid="queue-position"]').innerText()).toMatch(/1 drink ahead of you/);

    // The host starts Mara's drink: the board shows her by name, without the note.
    await sqlOn(stack, (sql) => sql`update public.orders set status = 'preparing' where note = 'secret note'`);
    await board.locator('[data-board="preparing"] li', { hasText: 'Mara' }).waitFor();

    // The stack restarts; the board reconnects, re-reads and follows the next change.
    expect(await stack.stop()).toBe(0);
    stack = await startStackProcess({ dataDir, command: 'start', ...ports });
    await board.locator('[data-live-status="live"]').waitFor({ timeout: 30_000 });
    await sqlOn(stack, (sql) => sql`update public.orders set status = 'ready' where note = 'secret note'`);
    await board.locator('[data-board="ready"] li', { hasText: 'Mara' }).waitFor({ timeout: 15_000 });
    // Noor moved up while the stack was away: her screen re-reads too.
    await second.locator('[data-testid="queue-position"][data-ahead="0"]').waitFor({ timeout: 30_000 });
    expect(await board.locator('main').innerText()).not.toContain('secret note');

    await sqlOn(stack, (sql) => sql`update public.bar_settings set is_open = false`);
    await board.locator('[data-banner="closed"]').waitFor({ timeout: 15_000 });
    await board.screenshot({ path: 'test-results/board-1920.png' });
    await sqlOn(stack, (sql) => sql`update public.bar_settings set is_open = true`);

    // Served: Mara rates it with one tap, and the host's recap shows the favourite.
    // Mara's phone told her it was ready (the alert covers the page until she taps it away).
    await guest.getByRole('alertdialog').filter({ hasText: 'is ready' }).waitFor({ timeout: 15_000 });
    await guest.getByRole('button', { name: 'Got it' }).click();
    await sqlOn(stack, (sql) => sql`update public.orders set status = 'served' where note = 'secret note'`);
    const liked = guest.locator('[data-status="served"] button[data-rating="liked"]');
    await liked.waitFor({ timeout: 15_000 });
    await liked.click();
    await guest.locator('[data-status="served"] button[data-rating="liked"][aria-pressed="true"]').waitFor();
    await expect
      .poll(async () => {
        let rows: { rating: string }[] = [];
        await sqlOn(stack, async (sql) => (rows = [...(await sql<{ rating: string }[]>`select rating from public.order_ratings`)]));
        return rows;
      })
      .toEqual([{ rating: 'liked' }]);
    const recap = await browser.context.newPage();
    await recap.goto(`${stack.appUrl}/host/recap`);
    await recap.locator('[data-favourite="Mojito"]', { hasText: '1 liked it' }).waitFor();
    // Two guests, a host, a restart: more than the default minute on a busy machine.
  }, 300_000);
});
