// The bartender in the browser: a guest asks, sees drink cards, taps Order, and the host's queue shows
// the order live. The house bartender answers (the app's stack has no model configured).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { createCode } from '../support/guests.ts';
import { addHostAccount, joinParty, openAsHost, type HostAccount } from '../support/party-browser.ts';

const stack = inject('stack');
type Browser = Awaited<ReturnType<typeof launchBrowser>>;

describe('the bartender', () => {
  let host: HostAccount;
  let hostBrowser: Browser;
  let guestBrowser: Browser;

  beforeAll(async () => {
    host = await addHostAccount(stack);
    hostBrowser = await launchBrowser({ viewport: { width: 1024, height: 768 } });
    guestBrowser = await launchBrowser({ viewport: { width: 390, height: 844 } });
  });

  afterAll(async () => {
    await Promise.all([hostBrowser?.close(), guestBrowser?.close()]);
  });

  it('a guest asks, sees cards, taps Order, and the host’s queue shows the order live', async () => {
    const hostPage = await openAsHost(hostBrowser.context, stack, host, '/host');
    await hostPage.locator('[data-live-status="live"]').waitFor();

    const code = await createCode({ notes: 'bartender e2e' }, stack);
    const guest = await joinParty(guestBrowser.context, stack, `${stack.appUrl}/join?code=${code}`, 'Bea Bartender');
    // "For you" is on the menu before anyone asks: the taste model runs on the phone.
    await guest.locator('[data-for-you]').nth(2).waitFor();
    expect(await guest.locator('[data-for-you]').count()).toBe(3);

    await guest.getByRole('button', { name: 'Ask the bartender' }).click();
    await guest.getByRole('button', { name: 'Alcohol-free and fruity' }).click();
    const firstCard = guest.locator('[data-bartender-card]').first();
    await firstCard.waitFor();
    const drink = (await firstCard.getAttribute('data-bartender-card'))!;
    expect(await guest.locator('[data-bartender-answer]').last().textContent()).toContain(drink);

    // A follow-up turns the suggestion into a proposal; ordering is still the guest's tap.
    await guest.getByLabel('What are you in the mood for?').fill('Yes please, I’ll take it');
    await guest.getByRole('button', { name: 'Ask', exact: true }).click();
    const proposal = guest.locator(`[data-proposal="${drink}"]`);
    await proposal.waitFor();
    await proposal.getByRole('button', { name: 'Order' }).click();

    await guest.locator('[data-status="pending"]').waitFor();
    const ticket = hostPage.locator('[data-lane="pending"] li').filter({ hasText: 'Bea Bartender' });
    await ticket.waitFor();
    expect(await ticket.textContent()).toContain(drink);
  });
});
