// Finding F12 in real Chromium: no page can be framed, only the app's own scripts run (and every one it needs
// does), no MIME sniffing or cross-origin referrers, and the host's session cookie lasts for a party, not 400
// days — also after the server or the browser refreshed the session.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { PROJECT_ROOT } from '../support/stack-process.ts';

const stack = inject('stack');
const COOKIE = 'sb-barkeep-host-auth-token';
const PARTY_SECONDS = 3 * 24 * 3600;

/** Every CSP violation a page reports, from the browser's console. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  return violations;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${stack.appUrl}/host/login`);
  await page.waitForLoadState('networkidle'); // typing before hydration is lost
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.appUrl}/host`);
}

/** The host session cookie(s) (@supabase/ssr splits long values into `.0`, `.1`, …). */
async function sessionCookies(context: BrowserContext) {
  return (await context.cookies(stack.appUrl)).filter((cookie) => cookie.name === COOKIE || cookie.name.startsWith(`${COOKIE}.`));
}

async function storedSession(context: BrowserContext): Promise<Record<string, unknown>> {
  const chunks = (await sessionCookies(context)).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  return JSON.parse(
    Buffer.from(
      chunks
        .map((cookie) => cookie.value)
        .join('')
        .replace(/^base64-/, ''),
      'base64url',
    ).toString('utf8'),
  );
}

/** Puts `session` back into the cookie jar with an expiry of the test's choosing. */
async function storeSession(context: BrowserContext, session: Record<string, unknown>, expires: number): Promise<void> {
  await context.clearCookies({ name: new RegExp(`^${COOKIE}(\\.\\d+)?$`) });
  const value = `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`;
  const chunks = value.match(/.{1,3000}/g)!;
  await context.addCookies(
    chunks.map((chunk, index) => ({
      name: chunks.length === 1 ? COOKIE : `${COOKIE}.${index}`,
      value: chunk,
      url: stack.appUrl,
      expires,
      sameSite: 'Lax' as const,
    })),
  );
}

async function expectPartyLifetime(context: BrowserContext): Promise<void> {
  const now = Date.now() / 1000;
  const cookies = await sessionCookies(context);
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) {
    expect(cookie.expires, cookie.name).toBeGreaterThan(now + PARTY_SECONDS - 120);
    expect(cookie.expires, cookie.name).toBeLessThan(now + PARTY_SECONDS + 120);
  }
}

describe('host pages under attack', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const host = { email: `host-${randomUUID()}@barkeep.test`, password: `pw-${randomUUID()}` };

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, 'bin', 'barkeep.js'), 'host', 'add', '--email', host.email, '--password', host.password], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, BARKEEP_DATA_DIR: stack.dataDir },
    });
    browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('host pages forbid framing and foreign scripts, sniffing and cross-origin referrers', async () => {
    const response = await fetch(`${stack.appUrl}/host/login`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' [^;]*'(nonce|sha256)-/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');

    // Framed by another page, the host sign-in never renders.
    const page = await browser.context.newPage();
    const violations = cspViolations(page);
    await page.setContent(`<iframe src="${stack.appUrl}/host/login" width="600" height="400"></iframe>`);
    await expect.poll(() => violations.some((text) => /frame-ancestors/.test(text)), { timeout: 10_000 }).toBe(true);
    const framed = page.frames().find((frame) => frame !== page.mainFrame());
    expect(await framed?.locator('input[type=password]').count()).toBe(0);
    await page.close();
  });

  it('the CSP blocks nothing the app needs: guest and host pages hydrate and work', async () => {
    const page = await browser.context.newPage();
    const violations = cspViolations(page);
    for (const path of ['/', '/join', '/offline']) {
      expect((await page.goto(`${stack.appUrl}${path}`))?.status(), path).toBe(200);
      await page.waitForLoadState('networkidle');
    }
    await signIn(page, host.email, host.password); // a hydrated form, a form action, a redirect
    for (const path of ['/host/drinks', '/host/codes', '/board']) {
      await page.goto(`${stack.appUrl}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('heading', { level: 1 }).count(), path).toBeGreaterThan(0);
    }
    // Nothing refused: SvelteKit's own inline scripts, the install-offer capture in app.html, the service worker.
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the session cookie lasts 3 days, and still does after the server and the browser refreshed the session', async () => {
    const fresh = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    const context = fresh.context;
    try {
      const page = await context.newPage();
      await signIn(page, host.email, host.password);
      await expectPartyLifetime(context);

      // The access token has expired when the host comes back: the server refreshes it on the next page.
      const signedIn = await storedSession(context);
      await storeSession(context, { ...signedIn, expires_at: Math.floor(Date.now() / 1000) - 60 }, Date.now() / 1000 + 30 * 24 * 3600);
      await page.goto(`${stack.appUrl}/host`);
      expect(page.url()).toBe(`${stack.appUrl}/host`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Host dashboard');
      const serverRefreshed = await storedSession(context);
      expect(serverRefreshed.refresh_token).not.toBe(signedIn.refresh_token);
      await expectPartyLifetime(context);

      // The TV board runs only in the browser: there the browser client refreshes and writes the cookie.
      await storeSession(context, { ...serverRefreshed, expires_at: Math.floor(Date.now() / 1000) - 60 }, Date.now() / 1000 + 30 * 24 * 3600);
      await page.goto(`${stack.appUrl}/board`);
      await expect.poll(async () => (await storedSession(context)).refresh_token, { timeout: 15_000 }).not.toBe(serverRefreshed.refresh_token);
      expect(page.url()).toBe(`${stack.appUrl}/board`);
      await expectPartyLifetime(context);
    } finally {
      await fresh.close();
    }
  });
});
