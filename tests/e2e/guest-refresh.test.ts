// Two tabs whose access token is due at the same moment refresh it ONCE: a second rotation of the same
// refresh token would look like theft to the server and end the session. Tested with Web Locks and with
// the IndexedDB lease used where Web Locks are missing (plain-http pages on the party Wi-Fi).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { adminSql } from '../support/clients.ts';
import { launchBrowser } from '../support/browser.ts';
import { expireGuestAccessToken, forgetGuest, storedRefreshToken } from '../support/guest-browser.ts';
import { createCode } from '../support/guests.ts';

describe('access token refresh across tabs', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  // A fresh browser profile per test: a failed test's open tabs must not hold the next test's storage.
  beforeEach(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await browser?.close();
  });

  it.each([
    ['Web Locks', false],
    ['the IndexedDB lease', true],
  ])('with %s, two tabs refresh once and both stay signed in', async (_name, withoutWebLocks) => {
    const context = browser.context;
    const code = await createCode();
    const appUrl = inject('stack').appUrl;
    const first = await context.newPage();
    const second = await context.newPage();
    if (withoutWebLocks) {
      for (const page of [first, second]) await page.addInitScript(() => Object.defineProperty(navigator, 'locks', { value: undefined }));
    }
    await first.goto(appUrl);
    await forgetGuest(first); // a fresh guest in the shared profile
    await first.goto(`${appUrl}/join?code=${code}`);
    await first.waitForLoadState('networkidle'); // typing before hydration can be lost
    await first.getByLabel('Your name').fill('Twin');
    await first.getByRole('button', { name: 'Join' }).click();
    await first.getByRole('heading', { name: 'Welcome, Twin' }).waitFor();
    const before = await storedRefreshToken(first);

    // Both tabs load while the stored token is due: each wants to refresh right away. The token is made
    // due from a document that runs no app code (a static file of the same origin): a live app page could
    // start a refresh of its own in that moment, and a reload would then drop its answer.
    await first.goto(`${appUrl}/favicon.svg`);
    await expireGuestAccessToken(first);
    await Promise.all([first.goto(`${appUrl}/menu`), second.goto(`${appUrl}/menu`)]);
    await expect.poll(() => storedRefreshToken(first), { timeout: 15_000 }).not.toBe(before);
    // Give a duplicate refresh (the bug this guards against) time to happen and be detected.
    await first.waitForTimeout(1000);

    for (const page of [first, second]) {
      await page.reload();
      await page.getByRole('heading', { name: 'Welcome, Twin' }).waitFor();
    }
    const sql = adminSql();
    const tokens = await sql`
      select t.rotated_at, t.revoked_at from private.refresh_tokens t join public.guests g using (user_key)
       where g.registration_code = ${code} order by t.id`;
    await sql.end();
    expect(tokens).toHaveLength(2);
    expect(tokens[0].rotated_at).not.toBeNull();
    expect(tokens.every((token) => token.revoked_at === null)).toBe(true);
    await first.close();
    await second.close();
  });

  it('an unreachable bar during a refresh keeps the guest signed in', async () => {
    const code = await createCode();
    const appUrl = inject('stack').appUrl;
    const page = await browser.context.newPage();
    await page.goto(appUrl);
    await forgetGuest(page);
    await page.goto(`${appUrl}/join?code=${code}`);
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Your name').fill('Offline');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('heading', { name: 'Welcome, Offline' }).waitFor();
    const before = await storedRefreshToken(page);

    await page.route('**/functions/v1/refresh', (route) => route.abort('internetdisconnected'));
    await expireGuestAccessToken(page);
    const failed = page.waitForEvent('requestfailed', (request) => request.url().includes('/functions/v1/refresh'));
    await page.reload();
    await failed;
    await page.getByRole('heading', { name: 'Welcome, Offline' }).waitFor();
    expect(page.url()).toMatch(/\/menu$/);
    expect(await storedRefreshToken(page)).toBe(before);
    await page.close();
  });
});
