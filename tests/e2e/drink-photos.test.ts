// Drink photos end to end in real Chromium: the host adds a photo to a drink on /host/drinks (a HEIC or a text file
// is refused with a clear message and uploads nothing), replaces and removes it; a guest's menu shows it in the
// right size — the 320 px file on the menu card, 640 px in the drink sheet — and still shows it offline.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { adminSql } from '../support/clients.ts';
import { addHostAccount, joinParty, openAsHost } from '../support/party-browser.ts';

const stack = inject('stack');
const drinkName = `Fotodrink ${randomUUID().slice(0, 6)}`;

/** A real photo-like JPEG, drawn by the browser (900×700, so it gets cropped to a square). */
function makeJpeg(page: Page): Promise<Buffer> {
  return page
    .evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 900;
      canvas.height = 700;
      const context = canvas.getContext('2d')!;
      const gradient = context.createLinearGradient(0, 0, 900, 700);
      gradient.addColorStop(0, '#ff7e5f');
      gradient.addColorStop(1, '#2b5876');
      context.fillStyle = gradient;
      context.fillRect(0, 0, 900, 700);
      context.fillStyle = '#fff';
      context.beginPath();
      context.arc(450, 350, 200, 0, Math.PI * 2);
      context.fill();
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), 'image/jpeg', 0.9));
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    })
    .then((bytes) => Buffer.from(bytes));
}

/** The pixel width of the file at `url` (runs in the page). */
async function widthOfFile(url: string): Promise<number> {
  const bitmap = await createImageBitmap(await (await fetch(url)).blob());
  return bitmap.width;
}

describe('drink photos', () => {
  const sql = adminSql(stack);
  let hostBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let guestBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let hostPage: Page;
  let guest: Page;
  let drinkId: string;

  const imagePath = async () => (await sql`select image_path from public.drinks where id = ${drinkId}`)[0]!.image_path as string | null;
  const objectsUnder = async (prefix: string) =>
    (
      await sql`select name, metadata->>'mimetype' as type from storage.objects where bucket_id = 'drink-images' and name like ${`${prefix}/%`} order by name`
    ).map((row) => `${row.name.slice(prefix.length + 1)}:${row.type}`);
  const editor = () => hostPage.getByRole('dialog');

  beforeAll(async () => {
    const [section] =
      await sql`insert into public.sections (name, display_order) values (${`Fotos ${randomUUID().slice(0, 4)}`}, 900 + floor(random() * 90)::int) returning id`;
    const recipe = {
      ingredients: [{ name: 'Aperol', amount: '6 cl', optional: false }],
      steps: ['Mischen'],
      garnish: 'Orangenscheibe',
      glassware: 'Weinglas',
      prep_time_minutes: 2,
    };
    const [drink] = await sql`insert into public.drinks (section_id, name, recipe) values (${section.id}, ${drinkName}, ${sql.json(recipe)}) returning id`;
    drinkId = drink.id as string;
    const host = await addHostAccount(stack);
    hostBrowser = await launchBrowser({ viewport: { width: 1024, height: 800 } });
    guestBrowser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    hostPage = await openAsHost(hostBrowser.context, stack, host, '/host/drinks');
    const [code] =
      await sql`insert into public.registration_codes (expires_at, max_uses, notes) values (now() + interval '2 hours', 2, 'photo test') returning code`;
    guest = await joinParty(guestBrowser.context, stack, `${stack.appUrl}/join?code=${code.code}`, 'Robin');
  });

  afterAll(async () => {
    await Promise.all([hostBrowser?.close(), guestBrowser?.close()]);
    await sql.end();
  });

  it('refuses a HEIC photo and a text file with a clear message, uploading nothing', async () => {
    await hostPage.locator(`[data-drink="${drinkName}"]`).getByRole('button', { name: 'Edit' }).click();
    await editor().getByText('Add photo').waitFor();
    const input = editor().locator('input[type="file"]');
    await input.setInputFiles({ name: 'IMG_0042.HEIC', mimeType: 'image/heic', buffer: Buffer.from('....ftypheic........') });
    await expect.poll(() => editor().getByRole('alert').textContent()).toContain('HEIC');
    await input.setInputFiles({ name: 'recipe.txt', mimeType: 'text/plain', buffer: Buffer.from('Aperol, Prosecco, Soda') });
    await expect.poll(() => editor().getByRole('alert').textContent()).toContain('not a photo');
    expect(await imagePath()).toBeNull();
    expect(await objectsUnder(`drinks/${drinkId}`)).toEqual([]);
  });

  it('adds a photo: three sizes under a new version, the drink points at them', async () => {
    await editor()
      .locator('input[type="file"]')
      .setInputFiles({ name: 'aperol.jpg', mimeType: 'image/jpeg', buffer: await makeJpeg(hostPage) });
    await editor().getByText('Photo saved.').waitFor();
    const prefix = await imagePath();
    expect(prefix).toMatch(new RegExp(`^drinks/${drinkId}/[a-z0-9]+$`));
    expect(await objectsUnder(prefix!)).toEqual(['1200.webp:image/webp', '320.webp:image/webp', '640.webp:image/webp']);
    // The editor and the host's list show the new photo.
    await expect
      .poll(() =>
        editor()
          .locator('img')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
      )
      .toBeGreaterThan(0);
  });

  it('replaces the photo: a new version, and the old files are gone', async () => {
    const before = (await imagePath())!;
    await editor()
      .locator('input[type="file"]')
      .setInputFiles({ name: 'aperol-2.jpg', mimeType: 'image/jpeg', buffer: await makeJpeg(hostPage) });
    // Resizing to three widths and uploading them takes a few seconds on a busy machine (poll default: 1 s).
    await expect.poll(imagePath, { timeout: 15_000 }).not.toBe(before);
    await editor().getByText('Photo saved.').waitFor();
    expect(await objectsUnder(before)).toEqual([]);
    expect(await objectsUnder((await imagePath())!)).toHaveLength(3);
    await editor().getByRole('button', { name: 'Cancel' }).click();
  });

  it('shows the photo on a guest’s menu in the right size, in the sheet large, and offline after one visit', async () => {
    const prefix = (await imagePath())!;
    // The service worker takes over this page; a reload then goes through it, and so does every image.
    await guest.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await guest.reload();
    const card = guest.locator(`[data-drink="${drinkName}"]`);
    const thumbnail = card.locator('img');
    await card.scrollIntoViewIfNeeded();
    // naturalWidth of a srcset image is in CSS pixels (file width ÷ density); the file itself must be 320 px wide.
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await thumbnail.evaluate((img: HTMLImageElement) => img.currentSrc)).toContain(`${prefix}/320.webp`);
    expect(await guest.evaluate(widthOfFile, await thumbnail.evaluate((img: HTMLImageElement) => img.currentSrc))).toBe(320);
    expect(await thumbnail.getAttribute('width')).toBe('72');
    expect(await thumbnail.getAttribute('loading')).toBe('lazy');

    await card.click();
    const large = guest.getByRole('dialog').locator('img');
    await expect.poll(() => large.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await large.evaluate((img: HTMLImageElement) => img.currentSrc)).toContain(`${prefix}/640.webp`);
    expect(await guest.evaluate(widthOfFile, await large.evaluate((img: HTMLImageElement) => img.currentSrc))).toBe(640);
    await guest.keyboard.press('Escape');

    await guestBrowser.context.setOffline(true);
    try {
      await guest.reload();
      await card.scrollIntoViewIfNeeded();
      await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      const cached = await guest.evaluate(async () => (await (await caches.open('drink-images')).keys()).map((request) => request.url));
      expect(cached.some((url) => url.endsWith(`${prefix}/320.webp`))).toBe(true);
    } finally {
      await guestBrowser.context.setOffline(false);
    }
  });

  it('removes the photo: the drink shows its illustration again and the files are gone', async () => {
    const prefix = (await imagePath())!;
    await hostPage.locator(`[data-drink="${drinkName}"]`).getByRole('button', { name: 'Edit' }).click();
    await editor().getByRole('button', { name: 'Remove photo' }).click();
    await editor().getByText('Photo removed.').waitFor();
    expect(await imagePath()).toBeNull();
    expect(await objectsUnder(prefix)).toEqual([]);
    await guest.reload();
    // Drawn when it comes near the screen, as the guest scrolls to it.
    await guest.locator(`[data-drink="${drinkName}"]`).scrollIntoViewIfNeeded();
    await guest.locator(`[data-drink="${drinkName}"] img.illustration`).waitFor();
  });
});
