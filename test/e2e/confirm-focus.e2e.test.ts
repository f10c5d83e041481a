import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TEST_KDF } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';

const missing = chromiumMissingReason();

/** The accessible name of the element that has the keyboard focus. */
const focusedName = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent?.trim() ?? '');

describe.skipIf(missing !== null)('the keyboard focus around a confirmation', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;

  beforeAll(async () => {
    strongroom = await HarnessedStrongroom.start({ kdf: TEST_KDF });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
  });

  it('lands on the safe answer when a confirmation opens, and back on the asking button when it is declined', async () => {
    const ui = new StrongroomPage(await browser.newPage());
    const page = ui.page;
    await ui.open(strongroom.harness.url);
    await ui.signInAs('Dana Whitfield');
    await ui.goTo('Accounts');
    await page.getByRole('button', { name: 'Add an account' }).click();
    await page.getByLabel('AWS account id (12 digits)').fill('210987654321');
    await page.getByLabel('Account name (as AWS Organizations shows it)').fill('focus-check');
    await page.getByLabel('Root email address').fill('aws-root+focus@example.com');
    await page.getByRole('button', { name: 'Add account', exact: true }).click();
    await page.getByRole('button', { name: 'Enrol focus-check', exact: true }).click();
    const panel = page.locator('article.enrolment[data-account="210987654321"]');
    await panel.waitFor();

    // Cancelling an enrolment: "Keep it" has the focus, then the button that asked has it again.
    await panel.getByRole('button', { name: 'Cancel this enrolment…' }).click();
    await expect.poll(() => focusedName(page)).toBe('Keep it');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe('Cancel this enrolment…');
    expect(await panel.count()).toBe(1);

    // Signing out with the enrolment held: "Stay signed in" has the focus, then "Sign out" again.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect.poll(() => focusedName(page)).toBe('Stay signed in');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe('Sign out');
    expect(await ui.isSignedIn()).toBe(true);
    expect(ui.consoleErrors).toEqual([]);
  });
});
