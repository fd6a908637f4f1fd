// "Generate picture" end to end in real Chromium: with BARTENDER_IMAGES_URL pointing at the in-repo fake
// images API, the host opens a drink on /host/drinks, the image prompt's answer turns the button on, and the
// generated PNG goes through the photo path — three WebP widths under a new version, the drink points at them.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { adminSql } from '../support/clients.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai.ts';
import { addHostAccount, openAsHost } from '../support/party-browser.ts';
import { copyProjectWithSecrets } from '../support/project-copy.ts';
import { freePortPair, makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

describe('generated drink pictures', () => {
  const drinkName = `Bilddrink ${randomUUID().slice(0, 6)}`;
  let fake: FakeOpenAi;
  let project: Awaited<ReturnType<typeof copyProjectWithSecrets>>;
  let dataDir: string;
  let stack: StackProcess;
  let sql: ReturnType<typeof adminSql>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let drinkId: string;

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    project = await copyProjectWithSecrets({ BARTENDER_IMAGES_URL: fake.baseUrl, BARTENDER_IMAGES_MODEL: 'fake-images' });
    dataDir = await makeDataDir();
    const ports = { apiPort: await freePortPair(), appPort: await freePortPair() };
    stack = await startStackProcess({ dataDir, command: 'start', ...ports, env: { BARKEEP_SUPABASE_DIR: project.supabaseDir } });
    sql = adminSql(stack);
    const [section] = await sql`select id from public.sections order by display_order limit 1`;
    const recipe = { ingredients: [{ name: 'Aperol', amount: '6 cl', optional: false }], steps: ['Mischen'], garnish: 'Orangenscheibe', glassware: 'Weinglas' };
    const [drink] = await sql`insert into public.drinks (section_id, name, recipe) values (${section.id}, ${drinkName}, ${sql.json(recipe)}) returning id`;
    drinkId = drink.id as string;
    const host = await addHostAccount(stack);
    browser = await launchBrowser({ viewport: { width: 1024, height: 800 } });
    page = await openAsHost(browser.context, stack, host, '/host/drinks');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await sql?.end();
    await stack?.stop();
    await fake?.close();
    await project?.remove();
    if (dataDir) await removeDataDir(dataDir);
  });

  it('generates the picture from the prompt and stores it like an uploaded photo', async () => {
    await page.locator(`[data-drink="${drinkName}"]`).getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByRole('dialog');
    await editor.getByText('Add photo').waitFor();
    await editor.locator('summary', { hasText: 'Image prompt' }).click();
    expect(await editor.getByRole('button', { name: 'Generate picture' }).count()).toBe(0);
    await editor.getByRole('button', { name: 'Polish' }).click();
    await editor.getByRole('button', { name: 'Generate picture' }).click();
    await editor.getByText('Photo saved.').waitFor();
    const imagePath = (await sql`select image_path from public.drinks where id = ${drinkId}`)[0]!.image_path as string;
    expect(imagePath).toMatch(new RegExp(`^drinks/${drinkId}/[a-z0-9]+$`));
    const objects =
      await sql`select name, metadata->>'mimetype' as type from storage.objects where bucket_id = 'drink-images' and name like ${`${imagePath}/%`} order by name`;
    expect(objects.map((row) => `${row.name.slice(imagePath.length + 1)}:${row.type}`)).toEqual([
      '1200.webp:image/webp',
      '320.webp:image/webp',
      '640.webp:image/webp',
    ]);
    const asked = fake.requests.filter((request) => request.path.endsWith('/images/generations'));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body.prompt).toContain(drinkName);
    await page.screenshot({ path: '/tmp/drink-pictures.png' });
  });
});
