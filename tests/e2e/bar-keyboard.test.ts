// The guest's bar works without a pointer: open a drink with Enter, Escape closes it and gives focus back,
// the note and the order go by keyboard, and the live status is announced in a status region.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { adminSql } from '../support/clients.ts';
import { joinParty } from '../support/party-browser.ts';

const stack = inject('stack');

describe('the guest screen by keyboard', () => {
  const sql = adminSql(stack);
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
  });
  afterAll(async () => {
    await browser?.close();
    await sql.end();
  });

  it('orders with Enter and Escape only', async () => {
    const [code] = await sql`insert into public.registration_codes (expires_at, max_uses) values (now() + interval '2 hours', 1) returning code`;
    const page = await joinParty(browser.context, stack, `${stack.appUrl}/join?code=${code.code}`, 'Keys');
    expect(await page.getByRole('status').filter({ hasText: 'Live' }).count()).toBe(1);

    const drink = page.locator('[data-drink="Negroni"]');
    await drink.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Negroni' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-drink'))).toBe('Negroni');

    // (Re-focus: a banner of the PWA may have appeared meanwhile.)
    await drink.press('Enter');
    await dialog.getByLabel('Note for the bar (optional)').focus();
    await page.keyboard.type('stirred, not shaken');
    await page.keyboard.press('Enter');
    await page.locator('[data-status="pending"]').filter({ hasText: 'stirred, not shaken' }).waitFor();
    const orders = await sql`select o.note from public.orders o join public.guests g using (user_key) where g.username = 'Keys'`;
    expect(orders.map((row) => row.note)).toEqual(['stirred, not shaken']);
  });
});
