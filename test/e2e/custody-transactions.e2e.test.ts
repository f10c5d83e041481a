import { createHash } from 'node:crypto';
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SEED_A, SEED_PASSPHRASE, stockCustody, TEST_KDF, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage, typeMasterPassphrase } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';
import { stickPulledAt } from '../support/pulled-stick';
import { registerAndSignIn } from '../support/custodians';

const missing = chromiumMissingReason();
if (missing) console.warn(`Skipping browser e2e: ${missing}.`);

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The Accounts screen's enrolment steps, as a custodian does them, up to "AWS accepted the codes". */
async function enrolUpToWrite(page: Page, name: string, accountId: string, seed: string): Promise<void> {
  await page.getByRole('button', { name: `Enrol ${name}`, exact: true }).click();
  const panel = page.locator(`article.enrolment[data-account="${accountId}"]`);
  await panel.waitFor();
  await panel.getByRole('button', { name: 'Reveal password' }).click();
  await panel.getByRole('button', { name: 'Hide password' }).click();
  await panel.getByLabel('MFA secret key from AWS').fill(seed);
  await panel.getByRole('button', { name: 'Use this secret key' }).click();
  await panel.getByRole('button', { name: 'AWS accepted the codes' }).click();
  await expect.poll(() => panel.getByText('Ready to write').count()).toBe(1);
}

describe.skipIf(missing !== null)('custody transactions in the real renderer', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;
  let sticks: Awaited<ReturnType<typeof stockCustody>>;
  const away = () => join(practice.root, '.pulled-seed-2');
  // SEEDS-02 is pulled out after its new seed store was staged, just before the commit: the first time only.
  const pulled = stickPulledAt(
    'promote',
    (place, staged) => place.root.includes('seed-2') && staged === 'seeds.g1.kdbx.staged',
    () => renameSync(sticks.seed2, away()),
  );

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF, stickFiles: pulled.files });
    registerAndSignIn(strongroom.app, 'Dana Whitfield');
    sticks = await stockCustody(strongroom.app, practice);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('shows a write cut short stick by stick, by medium id, and its retry writes the same generation there', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1400, height: 1000 } }));
    const page = ui.page;
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs('Dana Whitfield');
    await ui.goTo('Accounts');
    await enrolUpToWrite(page, 'prod-payments', '111111111111', SEED_A);

    const write = page.locator('section.write-panel');
    await expect.poll(() => write.locator('.stick-choice input[type="checkbox"]').count()).toBe(4);
    await typeMasterPassphrase(write, 'vault', VAULT_PASSPHRASE);
    await typeMasterPassphrase(write, 'seed', SEED_PASSPHRASE);
    await write.getByRole('button', { name: 'Write to media' }).click();

    const job = write.locator('.write-job');
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 60_000 }).toBe('pending');
    expect(pulled.pulls).toBe(1);
    const state = (mediumId: string) => job.locator(`li[data-medium="${mediumId}"]`).getAttribute('data-state');
    expect(await state('VAULT-01')).toBe('committed');
    expect(await state('VAULT-02')).toBe('committed');
    expect(await state('SEEDS-01')).toBe('committed');
    expect(await state('SEEDS-02')).toBe('failed');
    const lagging = await job.locator('li[data-medium="SEEDS-02"]').innerText();
    expect(lagging).toMatch(/SEEDS-02\s+pending\s+SEEDS-02: the commit was cut short .*Insert SEEDS-02 again and retry: the same generation 1 is written\./);
    expect(lagging).not.toContain(practice.root);
    expect(await job.locator('[data-role="seed"]').innerText()).toBe('Seed store generation 1 (1 account) on SEEDS-01');
    // On a vault stick and a seed stick: the account counts as enrolled, and the screen says which replica lags.
    await expect.poll(() => page.locator('tr[data-account="111111111111"]').innerText()).not.toContain('not enrolled');
    expect(await write.locator('[data-behind="SEEDS-02"]').innerText()).toBe('SEEDS-02 (off site, Bank) holds nothing yet');

    // The catalog agrees with the screen.
    expect(strongroom.app.catalog.generations.currentOf('SEEDS-01', 'seeds.kdbx')?.generation).toBe(1);
    expect(strongroom.app.catalog.generations.currentOf('SEEDS-02', 'seeds.kdbx')).toBeUndefined();

    // SEEDS-02 back in; the retry needs no passphrase and writes the same bytes.
    renameSync(away(), sticks.seed2);
    await job.getByRole('button', { name: 'Retry the pending sticks' }).click();
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 60_000 }).toBe('complete');
    expect(await state('SEEDS-02')).toBe('committed');
    expect(await job.locator('[data-role="seed"]').innerText()).toBe('Seed store generation 1 (1 account) on SEEDS-01, SEEDS-02');
    const seedsOn = (stick: string) => sha(readFileSync(join(stick, 'STRONGROOM', 'seeds.kdbx')));
    expect(seedsOn(sticks.seed2)).toBe(seedsOn(sticks.seed1));
    expect(strongroom.app.catalog.generations.currentOf('SEEDS-02', 'seeds.kdbx')?.generation).toBe(1);
    expect(strongroom.app.catalog.generations.newestPublished('seeds.kdbx')).toBe(1);
    expect(ui.consoleErrors).toEqual([]);
  });

  it('reports a stick lost without it on the Media screen: it stops counting, and the advice is shown', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1400, height: 1000 } }));
    const page = ui.page;
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs('Dana Whitfield');
    renameSync(sticks.vault2, join(practice.root, '.taxi'));
    await ui.goTo('Media');
    const inService = page.locator('section[aria-labelledby="in-service-title"]');
    await inService.getByRole('button', { name: 'Report VAULT-02 lost…' }).click();
    const form = page.getByRole('form', { name: 'Report VAULT-02 lost' });
    await form.getByLabel('What happened (recorded on the audit trail)').fill('Left in a taxi on the way to the bank');
    await form.getByRole('button', { name: 'Record VAULT-02 as lost' }).click();
    const advice = page.locator('[data-lost="VAULT-02"]');
    await advice.waitFor();
    expect(await advice.innerText()).toContain('Change the vault master passphrase');
    await expect.poll(() => inService.locator('tr[data-medium="VAULT-02"]').count()).toBe(0);
    expect(await page.locator('li[data-medium="VAULT-02"][data-lifecycle="lost"]').innerText()).toContain('Left in a taxi');

    // Every screen's custody status counts only the sticks in service, and repeats what to do.
    await ui.goTo('Verify');
    const status = page.getByRole('status', { name: 'Custody status' });
    await expect.poll(() => status.innerText()).toContain('Vault sticks: 1 (0 off site)');
    expect(await status.locator('[data-alert="medium-lost"]').innerText()).toMatch(/VAULT-02 was reported lost .*Change the vault master passphrase/);
    expect(await page.locator('tr[data-medium="VAULT-02"]').count()).toBe(0);
    expect(ui.consoleErrors).toEqual([]);
  });

  it('rotates a root password in two phases from the Accounts screen', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1400, height: 1000 } }));
    const page = ui.page;
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs('Dana Whitfield');
    await ui.goTo('Accounts');
    await page.getByRole('button', { name: 'Rotate prod-payments', exact: true }).click();
    const panel = page.locator('article.rotation[data-account="111111111111"]');
    await panel.getByLabel('Why (recorded, and written into the KeePass entry)').fill('Quarterly rotation of root passwords');
    await panel.getByLabel('Vault master passphrase').fill(VAULT_PASSPHRASE);
    await panel.getByRole('button', { name: 'Write the new root password as pending' }).click();
    await expect.poll(() => panel.locator('.open-rotation').getAttribute('data-status'), { timeout: 60_000 }).toBe('pending');
    // The new password is shown only now that VAULT-01 (the vault stick in service) holds it.
    expect(await panel.locator('.write-job').getAttribute('data-status')).toBe('complete');
    const shown = await panel.locator('[data-secret="password"]').innerText();
    expect(/^[!-~]{40}$/.test(shown)).toBe(true);
    await expect.poll(() => page.locator('tr[data-account="111111111111"]').innerText()).toContain('rotation pending');

    await panel.getByLabel('Vault master passphrase').fill(VAULT_PASSPHRASE);
    await panel.getByRole('button', { name: 'AWS accepted it: confirm the rotation' }).click();
    await expect.poll(() => page.locator('tr[data-account="111111111111"]').innerText(), { timeout: 60_000 }).not.toContain('rotation pending');
    const vault = strongroom.app.catalog.generations.currentOf('VAULT-01', 'vault.kdbx');
    expect(vault?.generation).toBe(3);
    expect(strongroom.app.catalog.rotations.allOpen()).toEqual([]);
    expect(ui.consoleErrors).toEqual([]);
  });
});
