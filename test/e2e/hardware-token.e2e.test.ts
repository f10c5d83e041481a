import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { enrolAndWrite, SEED_A, SEED_PASSPHRASE, stockCustody, TEST_KDF, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage, typeMasterPassphrase } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';
import { registerAndSignIn, registerCustodians } from '../support/custodians';

const missing = chromiumMissingReason();

describe.skipIf(missing !== null)('an account whose root MFA is a hardware token in the safe', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF });
    registerAndSignIn(strongroom.app, 'Dana Whitfield');
    registerCustodians(strongroom.app, 'Ravi Menon');
    await stockCustody(strongroom.app, practice);
    strongroom.app.accounts.add({ accountId: '555555555555', name: 'legal-hold', rootEmail: 'aws+legal@example.com', mfa: { kind: 'hardware' } });
    strongroom.app.tokens.add({ kind: 'totp', serial: 'GAHT00000042', model: 'Gemalto display token', location: 'Safe A, shelf 3', accountIds: ['555555555555'] });
    strongroom.app.tokens.add({ kind: 'totp', serial: 'GAHT00000077', model: 'Gemalto display token', location: 'Safe B, shelf 1', accountIds: ['555555555555'] });
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
    await typeMasterPassphrase(write, 'vault', VAULT_PASSPHRASE);
    await typeMasterPassphrase(write, 'seed', SEED_PASSPHRASE);
    await write.getByRole('button', { name: 'Write to media' }).click();
    await write.locator('.write-receipt').waitFor({ timeout: 60_000 });
    expect(strongroom.app.accounts.get('555555555555').enrolledAt).not.toBeNull();
    expect(strongroom.app.catalog.media.newestGeneration('vault.kdbx')).toBe(1);
    expect(ui.consoleErrors).toEqual([]);
  });

  it('breaks glass with the vault stick and two custodians: no seed asked, the token named and checked out to both, no code', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1400, height: 1000 } }));
    await ui.open(strongroom.harness.url);
    await ui.goTo('Break-glass');
    const page = ui.page;
    await page.getByLabel('Account').selectOption('555555555555');
    await page.getByLabel('Why is root access needed?').fill('Drill: sign in as root with the token from the safe.');
    await expect.poll(() => page.getByLabel('Vault stick').inputValue()).not.toBe('');
    expect(await page.getByLabel('Seed stick').count()).toBe(0);
    expect(await page.getByLabel('Seed master passphrase').count()).toBe(0);
    await page.getByLabel('Vault master passphrase').fill(VAULT_PASSPHRASE);
    // Two-person control holds without a seed stick: the second custodian must still be named.
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    expect(await page.locator('#bg-problem').innerText()).toContain('Name the second custodian');
    await page.getByLabel('Second custodian').fill('Ravi Menon');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const open = page.locator('.breakglass-open');
    await open.getByRole('heading', { name: 'Root login for legal-hold' }).waitFor({ timeout: 60_000 });
    const sessionId = await open.getAttribute('data-session');

    const [first, second] = strongroom.app.tokens.list().filter((t) => t.accountIds.includes('555555555555'));
    const taken = open.locator(`li[data-token="${first!.tokenId}"]`);
    expect(await taken.getAttribute('data-status')).toBe('taken');
    expect(await taken.innerText()).toBe(
      `Take ${first!.tokenId} (Gemalto display token, serial ${first!.serial}) from Safe A, shelf 3. It is checked out to Dana Whitfield and Ravi Menon: plug it in or type its serial on the Tokens screen to check it back in.`,
    );
    expect(await open.locator('.bg-code-card').count()).toBe(0);
    expect(await open.locator('.otp-code').count()).toBe(0);
    expect(await open.innerText()).toContain('use the hardware token taken from the safe');
    const checkedOut = strongroom.app.tokens.get(first!.tokenId);
    expect(checkedOut.state).toBe('checked-out');
    expect(checkedOut.openCheckout?.custodians).toEqual(['Dana Whitfield', 'Ravi Menon']);
    expect(checkedOut.openCheckout?.breakGlassRef).toBe(sessionId);
    expect(strongroom.app.tokens.get(second!.tokenId).state).toBe('in-safe');

    // The other token still in the safe may be taken too, checked out to the same two custodians.
    const other = open.locator(`li[data-token="${second!.tokenId}"]`);
    await other.getByRole('button', { name: 'Take this token too' }).click();
    await expect.poll(() => other.getAttribute('data-status')).toBe('taken');
    expect(await other.getByRole('button').count()).toBe(0);
    expect(strongroom.app.tokens.get(second!.tokenId).openCheckout?.custodians).toEqual(['Dana Whitfield', 'Ravi Menon']);

    await open.getByRole('button', { name: 'Close and wipe' }).click();
    await expect.poll(() => page.locator('#breakglass-title ~ .notice-ok').innerText()).toContain('The password of legal-hold was wiped');
    expect(ui.consoleErrors).toEqual([]);
  });

  it('lets the custodians of an account with a seed and a token choose the seed, the token, or both', async () => {
    const token = strongroom.app.tokens.add({ kind: 'totp', serial: 'GAHT00000099', model: 'Gemalto display token', location: 'Safe A, shelf 1', accountIds: ['111111111111'] });
    await enrolAndWrite(strongroom.app, [['111111111111', SEED_A]]);
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1400, height: 1000 } }));
    await ui.open(strongroom.harness.url);
    await ui.goTo('Break-glass');
    const page = ui.page;
    await page.getByLabel('Account').selectOption('111111111111');
    expect(await page.getByLabel('MFA code from the seed stick').isChecked()).toBe(true);
    expect(await page.getByLabel('Seed master passphrase').count()).toBe(1);
    await page.getByLabel('A hardware token from the safe').check();
    expect(await page.getByLabel('Seed master passphrase').count()).toBe(0);
    expect(await page.locator('fieldset.bg-mfa').innerText()).toContain(`${token.tokenId} (Gemalto display token, serial ${token.serial}), Safe A, shelf 1`);
    await page.getByLabel('Both: the code and a token').check();
    await page.getByLabel('Why is root access needed?').fill('Drill: root login with the code and the token.');
    await expect.poll(() => page.getByLabel('Seed stick', { exact: true }).inputValue()).not.toBe('');
    await page.getByLabel('Who types the seed passphrase').fill('Ravi Menon');
    await page.getByLabel('Vault master passphrase').fill(VAULT_PASSPHRASE);
    await page.getByLabel('Seed master passphrase').fill(SEED_PASSPHRASE);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const open = page.locator('.breakglass-open');
    await open.getByRole('heading', { name: 'Root login for prod-payments' }).waitFor({ timeout: 60_000 });
    await open.locator('.bg-code-card .otp-code').waitFor();
    expect(await open.locator(`li[data-token="${token.tokenId}"]`).getAttribute('data-status')).toBe('taken');
    expect(strongroom.app.tokens.get(token.tokenId).openCheckout?.custodians).toEqual(['Dana Whitfield', 'Ravi Menon']);
    await open.getByRole('button', { name: 'Close and wipe' }).click();
    expect(ui.consoleErrors).toEqual([]);
  });
});
