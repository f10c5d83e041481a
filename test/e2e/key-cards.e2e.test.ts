import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MasterKeyShare } from '../../src-main/core/master-key-shares';
import type { Printer } from '../../src-main/platform/printer';
import { enrolAndWrite, SECOND_CUSTODIAN, SEED_PASSPHRASE, stockCustody, TEST_KDF, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { registerAndSignIn, registerCustodians } from '../support/custodians';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';

const missing = chromiumMissingReason();
if (missing) console.warn(`Skipping browser e2e: ${missing}.`);

const printer: Printer = {
  implementation: 'test',
  listPrinters: async () => [{ name: 'Laser', isDefault: true }],
  print: async (_pdf, name) => ({ printer: name, jobId: '1' }),
};

async function fillBreakGlass(page: Page, vaultCards: readonly string[]): Promise<void> {
  await page.getByLabel('Account').selectOption('111111111111');
  await page.getByLabel('Why is root access needed?').fill('Drill: opening the vault with key cards.');
  await expect.poll(() => page.getByLabel('Vault stick').inputValue()).not.toBe('');
  await page.getByLabel('Who types the seed passphrase').fill(SECOND_CUSTODIAN);
  for (const [index, card] of vaultCards.entries()) await page.getByLabel(`Key card ${index + 1} of 2 (scan its QR code)`).fill(card);
  await page.getByLabel('Seed master passphrase').fill(SEED_PASSPHRASE);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
}

describe.skipIf(missing !== null)('a vault under 2-of-3 key cards in the real renderer', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;
  let shares: MasterKeyShare[];

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF, printer });
    const { app } = strongroom;
    registerCustodians(app, SECOND_CUSTODIAN, 'Ravi Chandran');
    registerAndSignIn(app, 'Dana Whitfield');
    await stockCustody(app, practice);
    await enrolAndWrite(app);
    const drawn = await app.keyCards.draw({ role: 'vault', threshold: 2, holders: ['Dana Whitfield', SECOND_CUSTODIAN, 'Ravi Chandran'], paper: 'A4' });
    shares = app.keys.preparedSet(drawn.setId).cards.map((c) => c.share);
    for (const card of drawn.cards) await app.keyCards.printCard(drawn.setId, card.number, 'Laser');
    await app.keyCards.rekey({ setId: drawn.setId, current: VAULT_PASSPHRASE });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('asks for two cards instead of the vault passphrase, refuses one, and opens with two', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1400, height: 1000 } }));
    const page = ui.page;
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs('Dana Whitfield');
    await ui.goTo('Break-glass');
    await page.getByLabel('Key card 1 of 2 (scan its QR code)').waitFor();
    expect(await page.getByLabel('Vault master passphrase').count()).toBe(0);

    await fillBreakGlass(page, [shares[2]!.qrText]);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Scan 2 vault key cards' }).count()).toBe(1);

    await fillBreakGlass(page, [shares[2]!.qrText, shares[0]!.qrText]);
    await page.locator('.breakglass-open').getByRole('heading', { name: /^Root login for / }).waitFor({ timeout: 30_000 });
  }, 120_000);
});
