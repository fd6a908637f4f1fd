// A party in three browsers: the host signs in and creates an invite code; two guests join with it in
// separate browser profiles and order; the host moves one order to ready and only that guest's page shows
// it, live; a guest's connection is cut and restored, and the page converges to the database, including
// an order placed while offline (sent once, with its client-chosen id).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { adminSql } from '../support/clients.ts';
import { addHostAccount, joinParty as joinWith, openAsHost, orderDrink as order, type HostAccount } from '../support/party-browser.ts';

const stack = inject('stack');
type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const joinParty = (browser: Browser, url: string, name: string): Promise<Page> => joinWith(browser.context, stack, url, name);

describe('a party', () => {
  const sql = adminSql(stack);
  let host: HostAccount;
  let hostBrowser: Browser;
  let samBrowser: Browser;
  let kimBrowser: Browser;

  beforeAll(async () => {
    host = await addHostAccount(stack);
    hostBrowser = await launchBrowser({ viewport: { width: 1024, height: 768 } });
    samBrowser = await launchBrowser({ viewport: { width: 360, height: 740 } });
    kimBrowser = await launchBrowser({ viewport: { width: 360, height: 740 } });
  });

  afterAll(async () => {
    await Promise.all([hostBrowser?.close(), samBrowser?.close(), kimBrowser?.close()]);
    await sql.end();
  });

  it('runs from invite to ready drink, live and through a dropped connection', async () => {
    // The host signs in and creates an invite code.
    const hostPage = await openAsHost(hostBrowser.context, stack, host, '/host/codes');
    await hostPage.getByLabel('Number of guests').fill('5');
    await hostPage.getByLabel('Notes').fill('Party test');
    await hostPage.getByRole('button', { name: 'Create invite code' }).click();
    const card = hostPage.locator('[data-code-status="active"]').filter({ hasText: 'Party test' });
    const joinUrl = await card.locator('a').getAttribute('href');
    expect(joinUrl).toMatch(/\/join\?code=[0-9a-f-]{36}$/);
    expect(await card.locator('img.qr').count()).toBe(1);

    // Two guests join in their own browsers and order.
    const sam = await joinParty(samBrowser, joinUrl!, 'Sam');
    const kim = await joinParty(kimBrowser, joinUrl!, 'Kim');
    await order(sam, 'Mojito', 'no ice');
    await sam.locator('[data-status="pending"]').waitFor();
    await order(kim, 'Hugo');
    await kim.locator('[data-status="pending"]').waitFor();

    // The host's queue shows both live and moves Sam's to ready, one tap per step.
    await hostPage.goto(`${stack.appUrl}/host`);
    await hostPage.locator('[data-live-status="live"]').waitFor();
    const pending = hostPage.locator('[data-lane="pending"]');
    const samsTicket = pending.locator('li').filter({ hasText: 'Sam' });
    await samsTicket.waitFor();
    expect(await samsTicket.textContent()).toContain('no ice');
    await samsTicket.getByRole('button', { name: 'Start' }).click();
    const preparing = hostPage.locator('[data-lane="preparing"] li').filter({ hasText: 'Sam' });
    await preparing.getByRole('button', { name: 'Ready' }).click();
    await hostPage.locator('[data-lane="ready"] li').filter({ hasText: 'Sam' }).waitFor();

    // Sam's page shows it without a reload; Kim's does not.
    await sam.locator('[data-status="ready"]').waitFor();
    await sam.getByRole('alertdialog').waitFor();
    expect(await sam.getByRole('alertdialog').textContent()).toContain('Your Mojito is ready');
    expect(await kim.locator('[data-status="ready"]').count()).toBe(0);
    expect(await kim.getByRole('alertdialog').count()).toBe(0);
    expect(await kim.locator('[data-status="pending"]').count()).toBe(1);

    // Kim's connection drops: meanwhile the host makes Kim's drink, and Kim orders again (kept on the phone).
    await kimBrowser.context.setOffline(true);
    await kim.locator('[data-live-status="offline"]').waitFor();
    const [kimsOrder] = await sql`select o.id from public.orders o join public.guests g using (user_key) where g.username = 'Kim'`;
    const kimsTicket = hostPage.locator(`[data-order-id="${kimsOrder.id}"]`);
    await kimsTicket.getByRole('button', { name: 'Start' }).click();
    await hostPage.locator(`[data-lane="preparing"] [data-order-id="${kimsOrder.id}"]`).getByRole('button', { name: 'Ready' }).click();
    await hostPage.locator(`[data-lane="ready"] [data-order-id="${kimsOrder.id}"]`).waitFor();
    await kim.getByRole('button', { name: 'Menu' }).click();
    await order(kim, 'Shirley Temple');
    await kim.locator('[data-status="queued"]').waitFor();

    // Back online: the page converges to the database: Kim's drink is ready, the offline order is placed once.
    await kimBrowser.context.setOffline(false);
    await kim.locator(`[data-order-id="${kimsOrder.id}"][data-status="ready"]`).waitFor();
    await kim.locator('[data-live-status="live"]').waitFor();
    await kim.locator('[data-status="queued"]').waitFor({ state: 'detached' });
    const kimsOrders =
      await sql`select drink_name, status from public.orders o join public.guests g using (user_key) where g.username = 'Kim' order by o.created_at`;
    expect(kimsOrders.map((row) => `${row.drink_name}:${row.status}`)).toEqual(['Hugo:ready', 'Shirley Temple:pending']);
    await kim.locator('[data-status="pending"]').filter({ hasText: 'Shirley Temple' }).waitFor();
    expect(await sam.locator('[data-status="ready"]').count()).toBe(1);

    // The board shows who is waiting for what.
    const board = await hostBrowser.context.newPage();
    await board.goto(`${stack.appUrl}/board`);
    await board.locator('[data-board="ready"] li').filter({ hasText: 'Kim' }).waitFor();
    expect(await board.locator('[data-board="ready"]').textContent()).toContain('Sam');

    // Sam picks the drink up; the recap counts it.
    await hostPage.locator('[data-lane="ready"] li').filter({ hasText: 'Sam' }).getByRole('button', { name: 'Handed over' }).click();
    await sam.locator('[data-status="served"]').waitFor();
    await hostPage.goto(`${stack.appUrl}/host/recap`);
    await hostPage.getByText('Sam (1): Mojito').waitFor();
  });
});
