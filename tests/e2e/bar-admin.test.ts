// The host runs the menu and the bar from the browser, and a guest's phone reflects it: a new section and
// drink with a recipe, reordering, hiding, the "section still has drinks" rule, closing the bar (live on
// the phone), and deactivating a guest (signed out, told why).
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { adminSql } from '../support/clients.ts';
import { addHostAccount, joinParty, openAsHost } from '../support/party-browser.ts';

const stack = inject('stack');

describe('running the bar from the host screens', () => {
  const sql = adminSql(stack);
  let hostBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let guestBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let hostPage: Page;
  let guest: Page;
  const sectionName = `Bowlen ${randomUUID().slice(0, 4)}`;

  beforeAll(async () => {
    const host = await addHostAccount(stack);
    hostBrowser = await launchBrowser({ viewport: { width: 1024, height: 768 } });
    guestBrowser = await launchBrowser({ viewport: { width: 360, height: 740 } });
    hostPage = await openAsHost(hostBrowser.context, stack, host, '/host/sections');
    const [code] =
      await sql`insert into public.registration_codes (expires_at, max_uses, notes) values (now() + interval '2 hours', 3, 'admin test') returning code`;
    guest = await joinParty(guestBrowser.context, stack, `${stack.appUrl}/join?code=${code.code}`, 'Alex');
  });

  afterAll(async () => {
    await sql`update public.bar_settings set is_open = true, last_call_at = null`;
    await Promise.all([hostBrowser?.close(), guestBrowser?.close()]);
    await sql.end();
  });

  it('adds a section and a drink with a recipe; the guest sees it with its recipe', async () => {
    await hostPage.getByPlaceholder('New section').fill(sectionName);
    await hostPage.getByRole('button', { name: 'Add' }).click();
    await hostPage.locator(`[data-section="${sectionName}"]`).waitFor();
    await hostPage.getByRole('button', { name: `Move ${sectionName} up` }).click();
    await expect
      .poll(async () => (await sql`select name from public.sections order by display_order desc limit 2`).map((row) => row.name))
      .toEqual([expect.not.stringMatching(sectionName), sectionName]);

    await hostPage.goto(`${stack.appUrl}/host/drinks`);
    await hostPage.getByRole('button', { name: 'New drink' }).click();
    const editor = hostPage.getByRole('dialog');
    await editor.getByLabel('Name').fill('Erdbeerbowle');
    await editor.getByLabel('Section').selectOption({ label: sectionName });
    await editor.getByLabel('Description').fill('Erdbeeren, Sekt und Weißwein');
    await editor.getByLabel('Amount 1', { exact: true }).fill('500 g');
    await editor.getByLabel('Ingredient 1', { exact: true }).fill('Erdbeeren');
    await editor.getByRole('button', { name: 'Add ingredient' }).click();
    await editor.getByLabel('Amount 2', { exact: true }).fill('0,75 l');
    await editor.getByLabel('Ingredient 2', { exact: true }).fill('Sekt');
    await editor.getByLabel('Step 1', { exact: true }).fill('Erdbeeren vierteln und mit Sekt übergießen');
    await editor.getByRole('button', { name: 'Save' }).click();
    await hostPage.locator('[data-drink="Erdbeerbowle"]').waitFor();
    expect(await hostPage.locator('[data-drink="Erdbeerbowle"]').textContent()).toContain('Erdbeeren, Sekt');

    await guest.reload();
    await guest.locator('[data-drink="Erdbeerbowle"]').click();
    const detail = guest.getByRole('dialog');
    expect(await detail.textContent()).toContain('500 g');
    expect(await detail.textContent()).toContain('Erdbeeren vierteln und mit Sekt übergießen');
    await detail.getByRole('button', { name: 'Close' }).click();
  });

  it('a section with drinks cannot be deleted; a hidden drink leaves the guest menu', async () => {
    await hostPage.goto(`${stack.appUrl}/host/sections`);
    await hostPage.locator(`[data-section="${sectionName}"]`).getByRole('button', { name: 'Delete' }).click();
    await hostPage.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(hostPage.getByRole('alert').textContent()).resolves.toBe('This section still has drinks: move or delete them first.');

    await hostPage.goto(`${stack.appUrl}/host/drinks`);
    await hostPage.locator('[data-drink="Erdbeerbowle"]').getByRole('button', { name: 'Hide' }).click();
    await hostPage.locator('[data-drink="Erdbeerbowle"]').getByRole('button', { name: 'Show' }).waitFor();
    await guest.reload();
    await guest.locator('[data-drink="Mojito"]').waitFor();
    expect(await guest.locator('[data-drink="Erdbeerbowle"]').count()).toBe(0);
  });

  it('a closed bar shows on the guest’s phone and refuses orders', async () => {
    await hostPage.goto(`${stack.appUrl}/host/settings`);
    await hostPage.getByRole('button', { name: 'Close the bar' }).click();
    await hostPage.getByRole('heading', { name: 'Bar is closed' }).waitFor();
    await guest.getByText('The bar is closed right now.').waitFor(); // live, without a reload
    await guest.locator('[data-drink="Mojito"]').click();
    expect(await guest.getByRole('button', { name: 'Order', exact: true }).isDisabled()).toBe(true);
    await guest.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await hostPage.getByRole('button', { name: 'Open the bar' }).click();
    await hostPage.getByRole('heading', { name: 'Bar is open' }).waitFor();
  });

  it('a deactivated guest is signed out and can no longer order', async () => {
    await hostPage.goto(`${stack.appUrl}/host/guests`);
    await hostPage.locator('[data-guest="Alex"]').getByRole('button', { name: 'Deactivate' }).click();
    await hostPage.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await hostPage.locator('[data-guest="Alex"]').getByText('Deactivated').waitFor();
    await guest.reload();
    await guest.waitForURL('**/join?session=deactivated');
    await guest.getByText('The host has ended your access to the bar').waitFor();
    expect((await sql`select count(*)::int as count from public.orders o join public.guests g using (user_key) where g.username = 'Alex'`)[0].count).toBe(0);
  });
});
