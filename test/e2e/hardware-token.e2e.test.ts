import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SEED_PASSPHRASE, stockCustody, TEST_KDF, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';
import { registerAndSignIn } from '../support/custodians';

const missing = chromiumMissingReason();

describe.skipIf(missing !== null)('an account whose root MFA is a hardware token in the safe', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF });
    registerAndSignIn(strongroom.app, 'Dana Whitfield');
    await stockCustody(strongroom.app, practice);
    strongroom.app.accounts.add({ accountId: '555555555555', name: 'legal-hold', rootEmail: 'aws+legal@example.com', mfa: { kind: 'hardware' } });
    strongroom.app.tokens.add({ kind: 'totp', serial: 'GAHT00000042', model: 'Gemalto display token', location: 'Safe A, shelf 3', accountIds: ['555555555555'] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('enrols the password only: no secret key to paste, no codes, and the vault gets it', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1400, height: 1000 } }));
    await ui.open(strongroom.harness.url);
    await ui.goTo('Accounts');
    const page = ui.page;
    await page.getByRole('button', { name: 'Enrol legal-hold', exact: true }).click();
    const panel = page.locator('article.enrolment[data-account="555555555555"]');
    await panel.waitFor();
    expect(await panel.innerText()).toContain('GAHT00000042');
    expect(await panel.getByLabel('MFA secret key from AWS').count()).toBe(0);
    await panel.getByRole('button', { name: 'The password is set on AWS' }).click();
    await expect.poll(() => panel.innerText()).toContain('ready to be written to the vault sticks');

    const write = page.locator('section.write-panel');
    await write.getByLabel('Vault master passphrase (custodian group A)').fill(VAULT_PASSPHRASE);
    await write.getByLabel('Seed master passphrase (custodian group B)').fill(SEED_PASSPHRASE);
    await write.getByRole('button', { name: 'Write to media' }).click();
    await write.locator('.write-receipt').waitFor({ timeout: 20_000 });
    expect(strongroom.app.accounts.get('555555555555').enrolledAt).not.toBeNull();
    expect(strongroom.app.catalog.media.newestGeneration('vault.kdbx')).toBe(1);
    expect(ui.consoleErrors).toEqual([]);
  });
});
