// Browser steps of a party that several end-to-end tests share: the host's sign-in and a guest joining.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { PROJECT_ROOT, type StackInfo } from './stack-process.ts';

const run = promisify(execFile);

export interface HostAccount {
  email: string;
  password: string;
}

/** A host account made the way the README tells the host to: `npx barkeep host add`. */
export async function addHostAccount(stack: StackInfo): Promise<HostAccount> {
  const host = { email: `host-${randomUUID()}@barkeep.test`, password: `pw-${randomUUID()}` };
  await run(process.execPath, [join(PROJECT_ROOT, 'bin', 'barkeep.js'), 'host', 'add', '--email', host.email, '--password', host.password], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, BARKEEP_DATA_DIR: stack.dataDir },
  });
  return host;
}

/** Opens `path` as the host, signing in on the way. */
export async function openAsHost(context: BrowserContext, stack: StackInfo, host: HostAccount, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${stack.appUrl}${path}`);
  await page.waitForURL(/\/host\/login/);
  // Typing before the page has hydrated is lost: hydration resets the bound inputs.
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Email').fill(host.email);
  await page.getByLabel('Password').fill(host.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.appUrl}${path}`);
  return page;
}

/** The guest screens' labels the shared steps use, in each UI language (src/lib/i18n). */
export interface GuestLabels {
  name: string;
  join: string;
  order: string;
  note: string;
}
export const ENGLISH: GuestLabels = { name: 'Your name', join: 'Join', order: 'Order', note: 'Note for the bar (optional)' };
export const GERMAN: GuestLabels = { name: 'Dein Name', join: 'Mitmachen', order: 'Bestellen', note: 'Hinweis für die Bar (optional)' };

/** A guest opens the invite link, types a name, and lands on the live menu. */
export async function joinParty(context: BrowserContext, stack: StackInfo, joinUrl: string, name: string, labels = ENGLISH): Promise<Page> {
  const page = await context.newPage();
  await page.goto(joinUrl);
  await page.waitForLoadState('networkidle');
  await page.getByLabel(labels.name).fill(name);
  await page.getByRole('button', { name: labels.join }).click();
  await page.waitForURL(`${stack.appUrl}/menu`);
  await page.locator('[data-live-status="live"]').waitFor();
  return page;
}

export async function orderDrink(page: Page, drink: string, note?: string, labels = ENGLISH): Promise<void> {
  await page.locator(`[data-drink="${drink}"]`).click();
  if (note) await page.getByLabel(labels.note).fill(note);
  await page.getByRole('button', { name: labels.order, exact: true }).click();
}
