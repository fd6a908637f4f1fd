// The host signs in through the login page, reaches /host, keeps the session across a reload, signs out, and is
// sent back to the login page; a signed-in non-host is refused with a clear message.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { serviceClient } from '../support/clients.ts';
import { PROJECT_ROOT } from '../support/stack-process.ts';

const stack = inject('stack');
const run = promisify(execFile);

async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  // Typing before the page has hydrated is lost: hydration resets the bound inputs.
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('host sign-in in the browser', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const host = { email: `host-${randomUUID()}@barkeep.test`, password: `pw-${randomUUID()}` };

  beforeAll(async () => {
    // The host account is made the way the README tells the host to: `npx barkeep host add`.
    await run(process.execPath, [join(PROJECT_ROOT, 'bin', 'barkeep.js'), 'host', 'add', '--email', host.email, '--password', host.password], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, BARKEEP_DATA_DIR: stack.dataDir },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in, survives a reload, signs out, and /host then asks to sign in again', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.appUrl}/host`);
    await page.waitForURL(`${stack.appUrl}/host/login`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Host sign-in');

    await signInThroughForm(page, host.email, 'not-the-password');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Wrong email or password.');
    expect(await page.getByLabel('Email').inputValue()).toBe(host.email);

    await signInThroughForm(page, host.email, host.password);
    await page.waitForURL(`${stack.appUrl}/host`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Host dashboard');

    const reloaded = await page.reload();
    expect(page.url()).toBe(`${stack.appUrl}/host`);
    expect(reloaded?.headers()['cache-control']).toContain('no-store');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Host dashboard');
    expect(await page.getByText('Signed in as').textContent()).toContain(host.email);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.appUrl}/host/login`);
    await page.goto(`${stack.appUrl}/host`);
    await page.waitForURL(`${stack.appUrl}/host/login`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Host sign-in');
    await page.close();
  });

  it('brings the host back to the page they asked for', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.appUrl}/host?from=test`);
    await page.waitForURL(`${stack.appUrl}/host/login?next=${encodeURIComponent('/host?from=test')}`);
    await signInThroughForm(page, host.email, host.password);
    await page.waitForURL(`${stack.appUrl}/host?from=test`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.appUrl}/host/login`);
    await page.close();
  });

  it('the server itself refuses /host without a session: pages, page data and form posts', async () => {
    const page = await fetch(`${stack.appUrl}/host`, { redirect: 'manual' });
    expect({ status: page.status, location: page.headers.get('location') }).toEqual({ status: 303, location: '/host/login' });
    const data = await fetch(`${stack.appUrl}/host/__data.json`, { redirect: 'manual' });
    expect(await data.json()).toMatchObject({ type: 'redirect', location: '/host/login' });
    const post = await fetch(`${stack.appUrl}/host/codes`, {
      method: 'POST',
      redirect: 'manual',
      // As a browser's form submission sends it (a fetch-style Accept gets SvelteKit's JSON redirect instead).
      headers: { origin: stack.appUrl, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: 'max_uses=5',
    });
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe(`/host/login?next=${encodeURIComponent('/host/codes')}`);
  });

  it('refuses an account that is not a host, with a clear message', async () => {
    const guest = { email: `not-host-${randomUUID()}@barkeep.test`, password: `pw-${randomUUID()}` };
    const { error } = await serviceClient(stack).auth.admin.createUser({ ...guest, email_confirm: true });
    expect(error).toBeNull();

    const page = await browser.context.newPage();
    await page.goto(`${stack.appUrl}/host/login`);
    await signInThroughForm(page, guest.email, guest.password);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not a host account');
    await page.goto(`${stack.appUrl}/host`);
    await page.waitForURL(`${stack.appUrl}/host/login`);
    await page.close();
  });
});
