// The guest's side of the trial party (shared/notes/trial-bugs.md): each case failed before its fix.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { adminSql } from '../support/clients.ts';
import { createCode } from '../support/guests.ts';
import { joinParty, orderDrink } from '../support/party-browser.ts';

const stack = inject('stack');
type Browser = Awaited<ReturnType<typeof launchBrowser>>;

describe('the guest screens of the trial', () => {
  const sql = adminSql(stack);
  let browser: Browser;
  let page: Page;
  let name: string;

  /** A fresh guest in a fresh profile: orders of earlier cases do not count against the open-orders limit. */
  async function freshGuest(label: string): Promise<Page> {
    await browser?.close();
    browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    name = `${label} ${Math.random().toString(36).slice(2, 6)}`;
    const code = await createCode({ maxUses: 2 }, stack);
    page = await joinParty(browser.context, stack, `${stack.appUrl}/join?code=${code}`, name);
    return page;
  }

  const ordersOf = async () =>
    (
      await sql`select o.drink_name, o.status, o.note from public.orders o join public.guests g using (user_key) where g.username = ${name} order by o.created_at`
    ).map((row) => ({ ...row }));

  beforeAll(async () => {
    await sql`update public.bar_settings set is_open = true, last_call_at = null, max_open_orders_per_guest = 5`;
  });
  afterAll(async () => {
    await sql`update public.bar_settings set is_open = true, last_call_at = null, max_open_orders_per_guest = 2`;
    await browser?.close();
    await sql.end();
  });

  it('B2: a 200-character note without spaces wraps on "My orders"', async () => {
    await freshGuest('Wrap');
    await orderDrink(page, 'Mojito', 'x'.repeat(200));
    await page.locator('[data-status="pending"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const cancel = await page.getByRole('button', { name: 'Cancel order' }).boundingBox();
    expect(cancel!.x + cancel!.width).toBeLessThanOrEqual(390);
  });

  it('B3: a double tap on "Order" orders once and opens nothing underneath; a tap just after lands nowhere', async () => {
    await freshGuest('Double');
    await page.locator('[data-drink="Negroni"]').click();
    const order = page.getByRole('dialog').getByRole('button', { name: 'Order', exact: true });
    const box = (await order.boundingBox())!;
    await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 + 54);
    await page.locator('[data-status="pending"]').waitFor();
    await page.waitForTimeout(1500);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect((await ordersOf()).map((row) => row.drink_name)).toEqual(['Negroni']);
  });

  it('B19: cancelling an order drops its "ordered" toast', async () => {
    await freshGuest('Cancel');
    await orderDrink(page, 'Aperol Spritz');
    await page.getByRole('status').filter({ hasText: 'Aperol Spritz ordered' }).waitFor();
    await page.getByRole('button', { name: 'Cancel order' }).click();
    await page.locator('[data-status="cancelled"]').waitFor();
    expect(await page.getByText('Aperol Spritz ordered').count()).toBe(0);
  });

  it('B22: the ready overlay shows once per order, also after reopening, and nothing vibrates without a tap', async () => {
    await freshGuest('Ready');
    await orderDrink(page, 'Hugo');
    await page.locator('[data-status="pending"]').waitFor();
    await sql`update public.orders set status = 'preparing' where drink_name = 'Hugo' and user_key = (select user_key from public.guests where username = ${name})`;
    await sql`update public.orders set status = 'ready' where drink_name = 'Hugo' and user_key = (select user_key from public.guests where username = ${name})`;
    await page.getByRole('alertdialog').waitFor();
    await page.getByRole('button', { name: 'Got it' }).click();
    const errors: string[] = [];
    const reopened = await browser.context.newPage();
    reopened.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.close();
    await reopened.goto(`${stack.appUrl}/menu?tab=orders`);
    await reopened.locator('[data-status="ready"]').waitFor();
    await reopened.locator('[data-live-status="live"]').waitFor();
    await reopened.waitForTimeout(1000);
    expect(await reopened.getByRole('alertdialog').count()).toBe(0);
    expect(errors.filter((text) => text.includes('vibrate'))).toEqual([]);
    page = reopened;
  });

  it('B12: a drink the host hides leaves the open menu at once', async () => {
    await freshGuest('Hidden');
    const [drink] = await sql`insert into public.drinks (section_id, name, recipe)
      select id, 'Barkeep Special <i>', '{"ingredients": [{"name": "Gin"}], "steps": []}' from public.sections order by display_order limit 1 returning id`;
    try {
      await page.locator('[data-drink="Barkeep Special <i>"]').waitFor();
      await sql`update public.drinks set is_active = false where id = ${drink.id}`;
      await page.locator('[data-drink="Barkeep Special <i>"]').waitFor({ state: 'detached', timeout: 5000 });
    } finally {
      await sql`delete from public.drinks where id = ${drink.id}`;
    }
  });

  it('B18: the ingredient filter reads as a control and folds Limette and Limettensaft: Limette + Minze finds the Mojito', async () => {
    await freshGuest('Filter');
    const summary = page.locator('details summary').first();
    expect(await summary.evaluate((element) => getComputedStyle(element).borderTopStyle)).toBe('solid');
    expect(await summary.evaluate((element) => getComputedStyle(element, '::before').content)).not.toBe('none');
    await summary.click();
    expect(await page.getByRole('button', { name: 'Limettensaft', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Limette', exact: true }).click();
    await page.getByRole('button', { name: 'Minze', exact: true }).click();
    await page.locator('[data-drink="Mojito"]').waitFor();
  });

  it('B23: once last call has passed, the banner says so', async () => {
    await freshGuest('Late');
    await sql`update public.bar_settings set last_call_at = now() + interval '3 seconds'`;
    try {
      await page.getByText(/^Last call at/).waitFor();
      await page.getByText('Last call has passed – the bar takes no new orders.').waitFor({ timeout: 10_000 });
    } finally {
      await sql`update public.bar_settings set last_call_at = null`;
    }
  });

  it('B11: when the host deactivates the guest, the open app signs out and says why', async () => {
    await freshGuest('Gone');
    const [guest] = await sql`select user_key from public.guests where username = ${name}`;
    // The database sends GUEST_DEACTIVATED {user_key} on the guest's private channel (feat/guest-rules' trigger).
    await sql`select realtime.send(jsonb_build_object('user_key', ${guest.user_key}::text), 'GUEST_DEACTIVATED', ${`orders:${guest.user_key}`}, true)`;
    await page.waitForURL('**/join?session=deactivated');
    await page.getByText('The host has ended your access to the bar').waitFor();
    // A reopened app stays signed out.
    await page.goto(`${stack.appUrl}/menu`);
    await page.waitForURL('**/join');
  });

  it('B11: a guest deactivated while the app was closed is told on the next start', async () => {
    await freshGuest('Later');
    // Closed first: an open app would hear GUEST_DEACTIVATED live (the test above), racing a reload.
    await page.close();
    await sql`update public.guests set is_active = false where username = ${name}`;
    page = await browser.context.newPage();
    await page.goto(`${stack.appUrl}/menu`);
    await page.waitForURL('**/join?session=deactivated');
    await page.getByText('The host has ended your access to the bar').waitFor();
  });

  it('B21: an emoji in the name gets a message that says emoji', async () => {
    await browser?.close();
    browser = await launchBrowser();
    const joining = await browser.context.newPage();
    await joining.goto(`${stack.appUrl}/join?code=${await createCode({}, stack)}`);
    await joining.waitForLoadState('networkidle');
    await joining.getByLabel('Your name').fill('Zoë 🍹');
    await joining.getByRole('button', { name: 'Join' }).click();
    await expect(joining.getByRole('alert').textContent()).resolves.toMatch(/emoji/i);
  });

  it('B4: "/" leads nobody to joining and a signed-in guest to the menu', async () => {
    await browser?.close();
    browser = await launchBrowser();
    const start = await browser.context.newPage();
    await start.goto(stack.appUrl);
    await start.waitForURL('**/join');
    page = await freshGuest('Home');
    await page.goto(stack.appUrl);
    await page.waitForURL('**/menu');
  });

  it('B7: reloading offline right after joining shows the menu', async () => {
    page = await freshGuest('Offline');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await browser.context.setOffline(true);
    try {
      await page.reload();
      await page.locator('[data-drink="Mojito"]').waitFor();
      await page.locator('[data-live-status="offline"]').waitFor();
    } finally {
      await browser.context.setOffline(false);
    }
  });

  it('B6: the offline page retries by itself once the connection is back', async () => {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await browser.context.setOffline(true);
    await page.goto(`${stack.appUrl}/never-visited`);
    await page.getByRole('heading', { name: "You're offline" }).waitFor();
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await browser.context.setOffline(false);
    // Without a tap: the page that was wanted (an unknown one: the 404 page) replaces the offline page.
    await page.getByRole('heading', { name: '404' }).waitFor({ timeout: 20_000 });
  });
});
