// A guest on a phone: opens the QR link, types a name, lands on the menu, stays signed in across a
// closed page, signs out. Also: a typed code, and a session the host ended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Page } from 'playwright-core';
import { adminSql } from '../support/clients.ts';
import { launchBrowser } from '../support/browser.ts';
import { expireGuestAccessToken } from '../support/guest-browser.ts';
import { createCode } from '../support/guests.ts';

describe('joining the party on a phone', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const appUrl = () => inject('stack').appUrl;

  beforeAll(async () => {
    browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function joinWithName(page: Page, name: string) {
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL('**/menu');
    await page.getByRole('heading', { name: `Welcome, ${name}` }).waitFor();
  }

  it('QR link → name → menu; still signed in after closing the page; sign out', async () => {
    const code = await createCode({ maxUses: 5 });
    const page = await browser.context.newPage();
    await page.goto(`${appUrl()}/join?code=${code}`);
    await page.waitForLoadState('networkidle'); // typing before hydration can be lost
    await joinWithName(page, 'Sam');
    await page.close();

    const reopened = await browser.context.newPage();
    await reopened.goto(appUrl() + '/menu');
    await reopened.getByRole('heading', { name: 'Welcome, Sam' }).waitFor();
    // Opening the invite link again does not ask twice.
    await reopened.goto(`${appUrl()}/join?code=${code}`);
    await reopened.waitForLoadState('networkidle'); // typing before hydration can be lost
    await reopened.waitForURL('**/menu');

    await reopened.getByRole('button', { name: 'Sign out' }).click();
    await reopened.waitForURL('**/join');
    await reopened.goto(appUrl() + '/menu');
    await reopened.waitForURL('**/join');
    const sql = adminSql();
    const tokens = await sql`select t.revoked_reason from private.refresh_tokens t join public.guests g using (user_key) where g.registration_code = ${code}`;
    await sql.end();
    expect(tokens.map((row) => row.revoked_reason)).toEqual(['logout']);
    await reopened.close();
  });

  it('a typed code works, and a bad name or a used-up code gets a friendly message', async () => {
    const code = await createCode({ maxUses: 1 });
    const page = await browser.context.newPage();
    await page.goto(`${appUrl()}/join`);
    await page.waitForLoadState('networkidle'); // typing before hydration can be lost
    await page.getByLabel('Invite code').fill('not a code');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/does not look like an invite code/);
    await page.getByLabel('Invite code').fill(code.toUpperCase());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`**/join?code=${code}`);

    await page.getByLabel('Your name').fill('<script>');
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/letters, digits/);
    await joinWithName(page, 'Zoë');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/join');

    await page.goto(`${appUrl()}/join?code=${code}`);
    await page.waitForLoadState('networkidle'); // typing before hydration can be lost
    await page.getByLabel('Your name').fill('Late guest');
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Ask your host for a fresh QR code/);
    await page.close();
  });

  it('when the host deactivates the guest while their app is closed, the next refresh sends them to /join with the note', async () => {
    const code = await createCode();
    const page = await browser.context.newPage();
    await page.goto(`${appUrl()}/join?code=${code}`);
    await page.waitForLoadState('networkidle'); // typing before hydration can be lost
    await joinWithName(page, 'Kim');
    // Closed: no live channel hears the deactivation, so the refresh is what tells the app.
    await page.close();

    const sql = adminSql();
    await sql`update public.guests set is_active = false where registration_code = ${code}`;
    await sql.end();
    // Pretend four hours passed: the stored access token is due for a refresh (set on a page without the guest session).
    const reopened = await browser.context.newPage();
    await reopened.goto(`${appUrl()}/host/login`);
    await expireGuestAccessToken(reopened);
    await reopened.goto(`${appUrl()}/menu`);
    await reopened.waitForURL('**/join?session=deactivated');
    await expect(reopened.getByRole('status').textContent()).resolves.toMatch(/host has ended your access/);
    // The reason stays with the page: a reload still says why.
    await reopened.reload();
    await expect(reopened.getByRole('status').textContent()).resolves.toMatch(/host has ended your access/);
    await reopened.close();
  });
});
