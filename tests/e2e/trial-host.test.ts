// The host's side of the trial party (shared/notes/trial-bugs.md): each case failed before its fix.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { adminSql } from '../support/clients.ts';
import { addHostAccount, joinParty, openAsHost, orderDrink, type HostAccount } from '../support/party-browser.ts';

const stack = inject('stack');

describe('the host screens of the trial', () => {
  const sql = adminSql(stack);
  let host: HostAccount;
  let hostBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let guestBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let hostPage: Page;
  let guest: Page;
  const tag = Math.random().toString(36).slice(2, 6);

  beforeAll(async () => {
    await sql`update public.bar_settings set is_open = true, last_call_at = null, max_open_orders_per_guest = 5`;
    host = await addHostAccount(stack);
    hostBrowser = await launchBrowser({ viewport: { width: 1024, height: 768 } });
    guestBrowser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    hostPage = await openAsHost(hostBrowser.context, stack, host, '/host/codes');
    const [code] =
      await sql`insert into public.registration_codes (expires_at, max_uses, notes) values (now() + interval '2 hours', 3, 'host trial') returning code`;
    guest = await joinParty(guestBrowser.context, stack, `${stack.appUrl}/join?code=${code.code}`, `Anna ${tag}`);
  });

  afterAll(async () => {
    await sql`update public.bar_settings set is_open = true, last_call_at = null, max_open_orders_per_guest = 2`;
    await Promise.all([hostBrowser?.close(), guestBrowser?.close()]);
    await sql.end();
  });

  it('B2: a long note wraps inside its ticket; Start and Cancel stay on screen', async () => {
    await orderDrink(guest, 'Old Fashioned', 'y'.repeat(200));
    await guest.locator('[data-status="pending"]').waitFor();
    await hostPage.goto(`${stack.appUrl}/host`);
    const ticket = hostPage.locator('[data-lane="pending"] li').filter({ hasText: `Anna ${tag}` });
    await ticket.waitFor();
    const lane = (await hostPage.locator('[data-lane="pending"]').boundingBox())!;
    const card = (await ticket.boundingBox())!;
    expect(card.x + card.width).toBeLessThanOrEqual(lane.x + lane.width + 1);
    for (const name of ['Start', 'Cancel']) {
      const button = (await ticket.getByRole('button', { name }).boundingBox())!;
      expect(button.x + button.width).toBeLessThanOrEqual(lane.x + lane.width + 1);
    }
  });

  it('B19: a new-order toast goes away when the guest cancels that order', async () => {
    await hostPage.locator('[data-live-status="live"]').waitFor();
    await guest.getByRole('button', { name: 'Menu' }).click();
    await orderDrink(guest, 'Gin Tonic');
    await hostPage
      .getByRole('status')
      .filter({ hasText: `New order: Gin Tonic for Anna ${tag}` })
      .waitFor();
    await guest.locator('[data-status="pending"]').filter({ hasText: 'Gin Tonic' }).getByRole('button', { name: 'Cancel order' }).click();
    await hostPage.getByText(`New order: Gin Tonic for Anna ${tag}`).waitFor({ state: 'detached', timeout: 5000 });
  });

  it('B8 and B20: deleting an ordered drink asks first, then says to hide it; the message survives the reload', async () => {
    await hostPage.goto(`${stack.appUrl}/host/drinks`);
    const drink = hostPage.locator('[data-drink="Old Fashioned"]');
    await drink.getByRole('button', { name: 'Delete' }).click();
    const confirm = hostPage.getByRole('dialog');
    await confirm.getByText('Delete Old Fashioned?').waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await drink.getByRole('button', { name: 'Delete' }).click();
    await hostPage.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await hostPage.getByRole('alert').filter({ hasText: 'This drink has orders. Hide it instead.' }).waitFor();
    await hostPage.waitForTimeout(500);
    expect(await hostPage.getByRole('alert').textContent()).toBe('This drink has orders. Hide it instead.');
  });

  it('B9 and B20: blank names, a drink without ingredients, a duplicate section and an empty number are refused in words', async () => {
    await hostPage.getByRole('button', { name: 'New drink' }).click();
    const editor = hostPage.getByRole('dialog');
    await editor.getByLabel('Name').fill('   ');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.getByRole('alert').filter({ hasText: 'Give the drink a name.' }).waitFor();
    await editor.getByLabel('Name').fill(`Leer ${tag}`);
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.getByRole('alert').filter({ hasText: 'Add at least one ingredient' }).waitFor();
    await editor.getByRole('button', { name: 'Cancel' }).click();

    await hostPage.goto(`${stack.appUrl}/host/sections`);
    await hostPage.getByPlaceholder('New section').fill('  cocktails ');
    await hostPage.getByRole('button', { name: 'Add' }).click();
    await hostPage.getByRole('alert').filter({ hasText: 'There is already a section called Cocktails.' }).waitFor();
    const cocktails = hostPage.locator('[data-section="Cocktails"]').getByLabel('Name');
    await cocktails.fill('   ');
    await cocktails.press('Tab');
    await hostPage.getByRole('alert').filter({ hasText: 'A section needs a name.' }).waitFor();
    expect(await cocktails.inputValue()).toBe('Cocktails');

    await hostPage.goto(`${stack.appUrl}/host/settings`);
    await hostPage.getByLabel('Open orders per guest').fill('');
    await hostPage.getByLabel('Open orders per guest').press('Enter');
    await hostPage.getByRole('alert').filter({ hasText: 'Choose a whole number from 1 to 20.' }).waitFor();
    expect(await hostPage.locator('main').textContent()).not.toMatch(/null value|violates|Saved/);
  });

  it('B5: a join address without a scheme works, a bad one is said so, and a bad stored one cannot break the page', async () => {
    await hostPage.goto(`${stack.appUrl}/host/codes`);
    await hostPage.evaluate(() => localStorage.setItem('barkeep.join-base', 'not a url'));
    await hostPage.reload();
    const card = hostPage.locator('[data-code-status="active"]').filter({ hasText: 'host trial' });
    await card.waitFor();
    const field = hostPage.getByLabel('Join address');
    await field.fill('192.168.1.5:5173');
    await field.press('Tab');
    await expect.poll(() => card.locator('a').getAttribute('href')).toMatch(/^http:\/\/192\.168\.1\.5:5173\/join\?code=/);
    await hostPage.reload();
    await expect.poll(() => card.locator('a').getAttribute('href')).toMatch(/^http:\/\/192\.168\.1\.5:5173\/join\?code=/);
    await field.fill('not a url');
    await field.press('Tab');
    await hostPage.getByRole('alert').filter({ hasText: 'not an address phones can open' }).waitFor();
    expect(await card.locator('a').getAttribute('href')).toMatch(/^http:\/\/192\.168\.1\.5:5173\//);
  });

  it('the short code is on the card, and /join takes it typed', async () => {
    const card = hostPage.locator('[data-code-status="active"]').filter({ hasText: 'host trial' });
    const short = (await card.locator('[data-short-code]').textContent())!;
    expect(short).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
    const other = await launchBrowser();
    try {
      const page = await other.context.newPage();
      await page.goto(`${stack.appUrl}/join`);
      await page.waitForLoadState('networkidle');
      await page.getByLabel('Invite code').fill(short.toLowerCase().replace(/-/g, ' '));
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Your name').fill(`Short ${tag}`);
      await page.getByRole('button', { name: 'Join' }).click();
      await page.waitForURL('**/menu');
      await page.getByRole('heading', { name: `Welcome, Short ${tag}` }).waitFor();
    } finally {
      await other.close();
    }
  });

  it('B10: the printed invite card is just the card', async () => {
    const card = hostPage.locator('[data-code-status="active"]').filter({ hasText: 'host trial' });
    await hostPage.evaluate(() => (window.print = () => undefined));
    await card.getByRole('button', { name: 'Print invite card' }).click();
    await hostPage.emulateMedia({ media: 'print' });
    try {
      expect(await hostPage.getByText('Scan to join the bar').isVisible()).toBe(true);
      expect(await hostPage.getByRole('navigation').isVisible()).toBe(false);
      expect(await hostPage.getByRole('link', { name: 'Queue' }).isVisible()).toBe(false);
      expect(await hostPage.getByText('Signed in as').isVisible()).toBe(false);
    } finally {
      await hostPage.emulateMedia({ media: 'screen' });
    }
  });

  it('B15 and B20: guests show "1 order"; deactivating asks first', async () => {
    await hostPage.goto(`${stack.appUrl}/host/guests`);
    const row = hostPage.locator(`[data-guest="Short ${tag}"]`);
    await row.waitFor();
    await sql`insert into public.orders (user_key, drink_id) select g.user_key, d.id from public.guests g, public.drinks d where g.username = ${`Short ${tag}`} and d.name = 'Hugo'`;
    await hostPage.reload();
    await row.getByText('1 order', { exact: false }).waitFor();
    expect(await row.textContent()).not.toContain('1 orders');
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await hostPage.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(await row.getByRole('button', { name: 'Deactivate' }).count()).toBe(1);
  });

  it('B4: "/" leads a signed-in host to the host app', async () => {
    await hostPage.goto(stack.appUrl);
    await hostPage.waitForURL(`${stack.appUrl}/host`);
  });

  it('B14: a German browser gets the host screens in German, signed-in bar and notifications included', async () => {
    const german = await launchBrowser({ viewport: { width: 1024, height: 768 }, locale: 'de-DE' });
    try {
      const page = await german.context.newPage();
      await page.goto(`${stack.appUrl}/host`);
      await page.waitForURL(/\/host\/login/);
      await page.waitForLoadState('networkidle');
      await page.getByLabel('E-Mail').fill(host.email);
      await page.getByLabel('Passwort').fill(host.password);
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.waitForURL(`${stack.appUrl}/host`);
      await page.getByRole('heading', { name: 'Bar-Dashboard' }).waitFor();
      await page.getByText('Angemeldet als').waitFor();
      await page.getByRole('button', { name: 'Abmelden' }).waitFor();
      expect(await page.locator('main').textContent()).not.toMatch(/Alert this device|Notify me/);
    } finally {
      await german.close();
    }
  });
});
