// A guest's live badge tells the truth about the server (B1): when the server freezes (sockets open, nobody
// answering), when it stops (Ctrl-C / SIGTERM) and when it comes back on the same ports and data, the page leaves
// "Live", rejoins by itself, re-reads, and hears the next status change. On a stack of its own, as it restarts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { adminSql } from '../support/clients.ts';
import { createCode } from '../support/guests.ts';
import { joinParty, orderDrink } from '../support/party-browser.ts';
import { freePortPair, makeDataDir, removeDataDir, startStackProcess, type StackProcess } from '../support/stack-process.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

describe('the live badge across a frozen, a stopped and a restarted server', () => {
  let dataDir: string;
  let ports: { apiPort: number; appPort: number };
  let stack: StackProcess;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = await makeDataDir();
    ports = { apiPort: await freePortPair(), appPort: await freePortPair() };
    stack = await startStackProcess({ dataDir, command: 'start', ...ports });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    if (stack?.child.signalCode === 'SIGSTOP' || stack?.child.exitCode === null) stack.child.kill('SIGCONT');
    await browser?.close();
    await stack?.stop();
    await removeDataDir(dataDir);
  });

  it('leaves "Live" when the server stops answering or stops, and comes back live and current', async () => {
    const code = await createCode({ maxUses: 2 }, stack);
    const page = await joinParty(browser.context, stack, `${stack.appUrl}/join?code=${code}`, 'Anna');
    await orderDrink(page, 'Mojito');
    await page.locator('[data-status="pending"]').waitFor();
    await page.locator('[data-live-status="live"]').waitFor();
    const notLive = page.locator('[data-live-status]:not([data-live-status="live"])');

    // Frozen: the process is stopped by the kernel, its sockets stay open, no heartbeat is answered.
    stack.child.kill('SIGSTOP');
    await notLive.waitFor({ timeout: 20_000 });
    stack.child.kill('SIGCONT');
    await page.locator('[data-live-status="live"]').waitFor({ timeout: 30_000 });

    // Stopped, then started again on the same ports and data directory.
    expect(await stack.stop()).toBe(0);
    await notLive.waitFor({ timeout: 10_000 });
    stack = await startStackProcess({ dataDir, command: 'start', ...ports });
    await page.locator('[data-live-status="live"]').waitFor({ timeout: 30_000 });

    // A status change after the restart reaches the page.
    const sql = adminSql(stack);
    try {
      await sql`update public.orders set status = 'preparing' where status = 'pending'`;
    } finally {
      await sql.end();
    }
    await page.locator('[data-status="preparing"]').waitFor({ timeout: 10_000 });
  });
});
