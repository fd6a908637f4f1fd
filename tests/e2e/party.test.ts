// The whole evening in headless Chromium, as one story: the host signs in, creates an invite code and prints
// its card; three guests join from the printed QR code on phones (one German, one in dark mode), browse, filter
// and order; one cancels, one orders "same again", one asks the bartender and orders its proposal; the host
// works the queue, the board shows what is ready, and every page follows every change live — also a phone whose
// connection drops (its offline order is sent once, with its client-chosen id). The recap adds up at the end.
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { adminSql } from '../support/clients.ts';
import { addHostAccount, GERMAN, joinParty, openAsHost, orderDrink, type HostAccount } from '../support/party-browser.ts';

const stack = inject('stack');
type Browser = Awaited<ReturnType<typeof launchBrowser>>;

/** Relative luminance of the page background (WCAG), to tell a light screen from a dark one. */
async function backgroundLuminance(page: Page): Promise<number> {
  const rgb = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = rgb
    .match(/\d+/g)!
    .slice(0, 3)
    .map((value) => {
      const channel = Number(value) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Reads the QR code an <img> shows, the way a phone camera would: from its pixels. */
async function scanQr(page: Page, selector: string): Promise<string | undefined> {
  const image = await page.locator(selector).evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(img, 0, 0);
    return { width: canvas.width, height: canvas.height, data: Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data) };
  });
  return jsQR(Uint8ClampedArray.from(image.data), image.width, image.height)?.data;
}

describe('a party evening', () => {
  const sql = adminSql(stack);
  const tag = Math.random().toString(36).slice(2, 6);
  const names = { ana: `Ana ${tag}`, ben: `Ben ${tag}`, cleo: `Cleo ${tag}` };
  let host: HostAccount;
  let hostBrowser: Browser;
  let anaBrowser: Browser;
  let benBrowser: Browser;
  let cleoBrowser: Browser;

  beforeAll(async () => {
    await sql`update public.bar_settings set is_open = true, last_call_at = null, max_open_orders_per_guest = 2`;
    host = await addHostAccount(stack);
    [hostBrowser, anaBrowser, benBrowser, cleoBrowser] = await Promise.all([
      launchBrowser({ viewport: { width: 1280, height: 800 } }),
      launchBrowser({ viewport: { width: 390, height: 844 } }),
      launchBrowser({ viewport: { width: 390, height: 844 }, locale: 'de-DE' }),
      launchBrowser({ viewport: { width: 360, height: 740 }, colorScheme: 'dark' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([hostBrowser?.close(), anaBrowser?.close(), benBrowser?.close(), cleoBrowser?.close()]);
    await sql.end();
  });

  it('runs from the printed invite to the recap, live on every screen and through a dropped connection', async () => {
    // The database is shared with the other browser tests: the recap must grow by exactly what happens here.
    const [before] = await sql`select count(*) filter (where status = 'served')::int as served,
      count(*) filter (where status = 'cancelled')::int as cancelled,
      count(*) filter (where status not in ('served', 'cancelled'))::int as open from public.orders`;

    // The host signs in, creates a code and prints its card; the card's QR code is the join link.
    const codes = await openAsHost(hostBrowser.context, stack, host, '/host/codes');
    await codes.getByLabel('Number of guests').fill('5');
    await codes.getByLabel('Notes').fill(`Evening ${tag}`);
    await codes.getByRole('button', { name: 'Create invite code' }).click();
    const card = codes.locator('[data-code-status="active"]').filter({ hasText: `Evening ${tag}` });
    const joinUrl = (await card.locator('a').getAttribute('href'))!;
    expect(joinUrl).toMatch(/\/join\?code=[0-9a-f-]{36}$/);
    await card.locator('img.qr').waitFor();
    await codes.evaluate(() => (window.print = () => undefined));
    await card.getByRole('button', { name: 'Print invite card' }).click();
    await codes.emulateMedia({ media: 'print' });
    await codes.getByText('Scan to join the bar').waitFor();
    expect(await codes.locator('.print-card img.big-qr').isVisible()).toBe(true);
    expect(await codes.getByRole('navigation').isVisible()).toBe(false);
    const scanned = await scanQr(codes, '.print-card img.big-qr');
    expect(scanned).toBe(joinUrl);
    expect(await codes.locator('.print-card').textContent()).toContain((await card.locator('[data-short-code]').textContent())!);
    await codes.emulateMedia({ media: 'screen' });

    // The host's queue and the board are open before anyone orders: everything that follows arrives live.
    const queue = await hostBrowser.context.newPage();
    await queue.goto(`${stack.appUrl}/host`);
    await queue.locator('[data-live-status="live"]').waitFor();
    const board = await hostBrowser.context.newPage();
    await board.goto(`${stack.appUrl}/board`);
    await board.locator('[data-live-status="live"]').waitFor();
    const ticket = (lane: string, id: string) => queue.locator(`[data-lane="${lane}"] [data-order-id="${id}"]`);
    const tap = async (id: string, from: string, button: string, to: string | null) => {
      await ticket(from, id).getByRole('button', { name: button, exact: true }).click();
      if (to) await ticket(to, id).waitFor();
      else await queue.locator(`[data-order-id="${id}"]`).waitFor({ state: 'detached' });
    };

    // Three guests scan the printed code: Ana (English), Ben (a German phone), Cleo (dark mode, a small phone).
    const ana = await joinParty(anaBrowser.context, stack, scanned!, names.ana);
    const ben = await joinParty(benBrowser.context, stack, scanned!, names.ben, GERMAN);
    const cleo = await joinParty(cleoBrowser.context, stack, scanned!, names.cleo);
    await ben.getByRole('heading', { name: `Willkommen, ${names.ben}` }).waitFor();
    expect(await ben.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await ben.getByRole('button', { name: 'Frag den Barkeeper' }).count()).toBe(1);
    expect(await backgroundLuminance(cleo)).toBeLessThan(0.05);
    expect(await backgroundLuminance(ana)).toBeGreaterThan(0.8);
    const allDrinks = await ana.locator('[data-drink]').count();
    expect(allDrinks).toBeGreaterThanOrEqual(20);

    // Ana filters by ingredients (Limette + Minze): the Mojito stays, a drink without mint goes.
    await ana.getByText('Filter by ingredient').click();
    await ana.getByRole('button', { name: 'Limette', exact: true }).click();
    await ana.getByRole('button', { name: 'Minze', exact: true }).click();
    await ana.locator('[data-drink="Gin Tonic"]').waitFor({ state: 'detached' });
    expect(await ana.locator('[data-drink]').count()).toBeLessThan(allDrinks);
    // She reads the recipe and orders with a note.
    await ana.locator('[data-drink="Mojito"]').click();
    await ana.getByRole('dialog').getByRole('heading', { name: 'Recipe' }).waitFor();
    await ana.getByLabel('Note for the bar (optional)').fill('no ice');
    await ana.getByRole('dialog').getByRole('button', { name: 'Order', exact: true }).click();
    const anasMojito = (await ana.locator('[data-status="pending"]').filter({ hasText: 'Mojito' }).getAttribute('data-order-id'))!;

    // Ben searches in German and orders a Hugo.
    await ben.getByRole('searchbox').fill('Hugo');
    await ben.locator('[data-drink="Gin Tonic"]').waitFor({ state: 'detached' });
    await orderDrink(ben, 'Hugo', undefined, GERMAN);
    const bensHugo = (await ben.locator('[data-status="pending"]').filter({ hasText: 'Hugo' }).getAttribute('data-order-id'))!;
    await ben.locator(`[data-order-id="${bensHugo}"] .status`).filter({ hasText: 'Bestellt' }).waitFor();

    // Cleo orders an Aperol Spritz and changes her mind: it leaves the host's queue at once.
    await orderDrink(cleo, 'Aperol Spritz');
    const cleosSpritz = (await cleo.locator('[data-status="pending"]').filter({ hasText: 'Aperol Spritz' }).getAttribute('data-order-id'))!;
    await ticket('pending', cleosSpritz).waitFor();
    await cleo.locator(`[data-order-id="${cleosSpritz}"]`).getByRole('button', { name: 'Cancel order' }).click();
    await cleo.locator(`[data-order-id="${cleosSpritz}"][data-status="cancelled"]`).waitFor();
    await queue.locator(`[data-order-id="${cleosSpritz}"]`).waitFor({ state: 'detached' });

    // Cleo asks the house bartender instead and orders what it proposes.
    await cleo.getByRole('button', { name: 'Menu', exact: true }).click();
    await cleo.getByRole('button', { name: 'Ask the bartender' }).click();
    await cleo.getByRole('button', { name: 'Alcohol-free and fruity' }).click();
    const suggestion = cleo.locator('[data-bartender-card]').first();
    // The first question of the evening boots the bartender's Deno worker: on a busy laptop that alone takes a while.
    await suggestion.waitFor({ timeout: 90_000 });
    const proposed = (await suggestion.getAttribute('data-bartender-card'))!;
    await cleo.getByLabel('What are you in the mood for?').fill('Yes please, I’ll take it');
    await cleo.getByRole('button', { name: 'Ask', exact: true }).click();
    await cleo.locator(`[data-proposal="${proposed}"]`).getByRole('button', { name: 'Order' }).click();
    const cleosDrink = (await cleo.locator('[data-status="pending"]').filter({ hasText: proposed }).getAttribute('data-order-id'))!;
    const [placed] = await sql`select d.name from public.orders o join public.drinks d on d.id = o.drink_id where o.id = ${cleosDrink}`;
    expect(placed.name).toBe(proposed);

    // The host's queue has all three, live, with Ana's note.
    for (const id of [anasMojito, bensHugo, cleosDrink]) await ticket('pending', id).waitFor();
    expect(await ticket('pending', anasMojito).textContent()).toContain('no ice');
    expect(await ticket('pending', anasMojito).textContent()).toContain(names.ana);

    // The host starts Ana's Mojito: Ana's phone follows each step, nobody else's changes.
    await tap(anasMojito, 'pending', 'Start', 'preparing');
    await ana.locator(`[data-order-id="${anasMojito}"][data-status="preparing"]`).waitFor();
    await board.locator('[data-board="preparing"] li').filter({ hasText: names.ana }).waitFor();
    await tap(anasMojito, 'preparing', 'Ready', 'ready');
    await ana.locator(`[data-order-id="${anasMojito}"][data-status="ready"]`).waitFor();
    await ana.getByRole('alertdialog').filter({ hasText: 'Your Mojito is ready' }).waitFor();
    await ana.getByRole('button', { name: 'Got it' }).click();
    await board.locator('[data-board="ready"] li').filter({ hasText: names.ana }).filter({ hasText: 'Mojito' }).waitFor();
    expect(await ben.locator(`[data-order-id="${bensHugo}"][data-status="pending"]`).count()).toBe(1);
    expect(await ben.getByRole('alertdialog').count()).toBe(0);
    expect(await cleo.getByRole('alertdialog').count()).toBe(0);

    // Ben's Hugo, in German.
    await tap(bensHugo, 'pending', 'Start', 'preparing');
    await ben.locator(`[data-order-id="${bensHugo}"] .status`).filter({ hasText: 'In Arbeit' }).waitFor();
    await tap(bensHugo, 'preparing', 'Ready', 'ready');
    await ben.getByRole('alertdialog').filter({ hasText: 'Dein Hugo ist fertig!' }).waitFor();
    await ben.getByRole('button', { name: 'Alles klar' }).click();

    // Cleo's phone loses its connection while her drink is made; she orders a Gin Tonic meanwhile (kept on the phone).
    await tap(cleosDrink, 'pending', 'Start', 'preparing');
    await cleo.locator(`[data-order-id="${cleosDrink}"][data-status="preparing"]`).waitFor();
    await cleoBrowser.context.setOffline(true);
    await cleo.locator('[data-live-status="offline"]').waitFor();
    await tap(cleosDrink, 'preparing', 'Ready', 'ready');
    await cleo.getByRole('button', { name: 'Menu', exact: true }).click();
    await orderDrink(cleo, 'Gin Tonic');
    await cleo.locator('[data-status="queued"]').filter({ hasText: 'Gin Tonic' }).waitFor();
    // Back online, the phone converges to the database: the drink is ready, the Gin Tonic was placed once.
    await cleoBrowser.context.setOffline(false);
    await cleo.locator(`[data-order-id="${cleosDrink}"][data-status="ready"]`).waitFor();
    await cleo.locator('[data-live-status="live"]').waitFor();
    await cleo.locator('[data-status="queued"]').waitFor({ state: 'detached' });
    const cleosGinTonic = (await cleo.locator('[data-status="pending"]').filter({ hasText: 'Gin Tonic' }).getAttribute('data-order-id'))!;
    await ticket('pending', cleosGinTonic).waitFor();
    const cleosOrders =
      await sql`select drink_name, status from public.orders o join public.guests g using (user_key) where g.username = ${names.cleo} order by o.created_at`;
    expect(cleosOrders.map((row) => `${row.drink_name}:${row.status}`)).toEqual(['Aperol Spritz:cancelled', `${proposed}:ready`, 'Gin Tonic:pending']);

    // The board shows all three ready drinks by name.
    for (const [name, drink] of [
      [names.ana, 'Mojito'],
      [names.ben, 'Hugo'],
      [names.cleo, proposed],
    ])
      await board.locator('[data-board="ready"] li').filter({ hasText: name }).filter({ hasText: drink }).waitFor();

    // They pick their drinks up; each phone shows it served.
    await tap(anasMojito, 'ready', 'Handed over', null);
    await ana.locator(`[data-order-id="${anasMojito}"][data-status="served"]`).waitFor();
    await tap(bensHugo, 'ready', 'Handed over', null);
    await ben
      .locator(`[data-order-id="${bensHugo}"]`)
      .getByText(/^Ausgegeben/)
      .waitFor();
    await tap(cleosDrink, 'ready', 'Handed over', null);
    await cleo.locator(`[data-order-id="${cleosDrink}"][data-status="served"]`).waitFor();
    await board.locator('[data-board="ready"] li').filter({ hasText: tag }).waitFor({ state: 'detached' });

    // Ben wants the same again: a new order of the same drink reaches the host live.
    await ben.locator(`[data-order-id="${bensHugo}"]`).getByRole('button', { name: 'Nochmal dasselbe' }).click();
    const secondHugo = ben.locator('[data-status="pending"]').filter({ hasText: 'Hugo' });
    await secondHugo.waitFor();
    const bensSecondHugo = (await secondHugo.getAttribute('data-order-id'))!;
    expect(bensSecondHugo).not.toBe(bensHugo);
    await ticket('pending', bensSecondHugo).waitFor();
    expect(await ticket('pending', bensSecondHugo).textContent()).toContain(names.ben);

    // The recap adds up: three served, one cancelled, two open, and who drank what.
    await queue.goto(`${stack.appUrl}/host/recap`);
    await queue.getByText(`${names.ana} (1): Mojito`).waitFor();
    const number = async (label: string) => Number(await queue.locator('.numbers div').filter({ hasText: label }).locator('dd').textContent());
    expect(await number('Drinks served')).toBe(before.served + 3);
    expect(await number('Cancelled')).toBe(before.cancelled + 1);
    expect(await number('Still open')).toBe(before.open + 2);
    await queue.getByText(`${names.ben} (1): Hugo`).waitFor();
    await queue.getByText(`${names.cleo} (1): ${proposed}`).waitFor();
  }, 300_000);
});
