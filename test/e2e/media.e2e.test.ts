import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';

const missing = chromiumMissingReason();

describe.skipIf(missing !== null)('Media screen on practice sticks', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('labels a vault stick and a seed stick, follows a stick plugged in later, and refuses the wrong role', async () => {
    const stickA = practice.insertStick('stick-a');
    practice.insertStick('stick-b');
    const ui = new StrongroomPage(await browser.newPage());
    await ui.open(strongroom.harness.url);
    await ui.signInAs('Dana Whitfield');
    await ui.goTo('Media');
    const page = ui.page;
    await expect.poll(() => page.locator('article.card').count()).toBe(2);
    await expect.poll(() => page.getByText('Practice mode.').count()).toBe(1);

    const cardA = page.locator(`article[data-device="${stickA}"]`);
    await cardA.getByRole('button', { name: 'Use as vault medium' }).click();
    await cardA.getByLabel('Off site').check();
    await cardA.getByLabel('Where exactly (safe, box number)').fill('Bank box 12');
    const status = page.getByRole('status', { name: 'Custody status' });
    await expect.poll(() => status.innerText()).toContain('Vault sticks: 0');
    await cardA.getByRole('button', { name: 'Label as vault medium' }).click();
    await expect.poll(() => cardA.locator('h2').innerText()).toContain('VAULT-01');
    // The custody banner follows the label at once, not on its next slow refresh.
    await expect.poll(() => status.innerText()).toContain('Vault sticks: 1 (1 off site)');
    expect(JSON.parse(readFileSync(join(stickA, 'STRONGROOM', 'medium.json'), 'utf8'))).toMatchObject({ mediumId: 'VAULT-01', location: { kind: 'offsite', note: 'Bank box 12' } });

    const cardB = page.locator('article.card').filter({ hasText: 'Unlabelled stick' });
    await cardB.getByRole('button', { name: 'Use as seed medium' }).click();
    // Without a word on where exactly it is kept, the label is refused beside the box, and the form stays open.
    await cardB.getByRole('button', { name: 'Label as seed medium' }).click();
    await expect.poll(() => cardB.locator('.field-error').count()).toBe(1);
    expect(await cardB.locator('.field-error').innerText()).toContain('where exactly');
    expect(await cardB.getByLabel('Where exactly (safe, box number)').getAttribute('aria-invalid')).toBe('true');
    expect(await cardB.locator('h2').innerText()).toContain('Unlabelled stick');
    await cardB.getByLabel('Where exactly (safe, box number)').fill('Safe 2, shelf 1');
    await cardB.getByRole('button', { name: 'Label as seed medium' }).click();
    await expect.poll(() => page.locator('article.card h2').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('VAULT-01'), expect.stringContaining('SEEDS-01')]),
    );

    // A stick that just failed verification says so on its own card.
    const vaultCard = page.locator('article.card').filter({ hasText: 'VAULT-01' });
    expect(await vaultCard.locator('[data-verification]').count()).toBe(0);
    strongroom.app.catalog.media.recordVerification({
      mediumId: 'VAULT-01',
      runId: 'run-e2e-1',
      outcome: 'failed',
      checks: [{ name: 'seal', passed: false, status: 'failed', sentence: 'The seal serial on the bag is not the one logged.' }],
      verifiedBy: 'Dana Whitfield',
      verifiedAt: new Date().toISOString(),
      nextDueAt: null,
    });
    strongroom.app.mediaFeed.bump();
    await expect.poll(() => vaultCard.locator('[data-verification="failed"]').count()).toBe(1);
    expect(await vaultCard.locator('[data-verification="failed"]').innerText()).toContain('The seal serial on the bag is not the one logged.');

    // A stick plugged in while the screen is open appears without any click.
    const [p1] = practice.insertPartitionedStick('two-part', 2);
    await expect.poll(() => page.locator('article.card').count(), { timeout: 60_000 }).toBe(3);

    // Partition 1 gets a vault label; the screen then refuses seeds on the same physical stick.
    await strongroom.app.media.label({ devicePath: p1!, role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    strongroom.app.mediaFeed.bump();
    const twoPart = page.locator('article.card').filter({ hasText: 'VAULT-02' });
    await expect.poll(() => twoPart.count()).toBe(1);

    // A stick with a stray KeePass file cannot take either role, and the card says why.
    const stray = practice.insertStick('stray');
    writeFileSync(join(stray, 'old-backup.kdbx'), Buffer.from([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 0x01, 0x00, 0x04, 0x00]));
    const strayCard = page.locator(`article[data-device="${stray}"]`);
    await expect.poll(() => strayCard.count(), { timeout: 60_000 }).toBe(1);
    expect(await strayCard.getByRole('button', { name: 'Use as seed medium' }).isDisabled()).toBe(true);
    expect(await strayCard.getByRole('button', { name: 'Use as vault medium' }).isDisabled()).toBe(true);
    expect(await strayCard.locator('.refusal').first().innerText()).toContain('old-backup.kdbx');

    // Eject says when it is safe to pull the stick.
    await cardA.getByRole('button', { name: 'Eject' }).click();
    await expect.poll(() => page.getByText('VAULT-01 is safe to remove.').count()).toBe(1);
    expect(ui.consoleErrors).toEqual([]);
  });
});
