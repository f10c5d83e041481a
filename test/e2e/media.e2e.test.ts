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
    await cardA.getByRole('button', { name: 'Label as vault medium' }).click();
    await expect.poll(() => cardA.locator('h2').innerText()).toContain('VAULT-01');
    expect(JSON.parse(readFileSync(join(stickA, 'STRONGROOM', 'medium.json'), 'utf8'))).toMatchObject({ mediumId: 'VAULT-01', location: { kind: 'offsite', note: 'Bank box 12' } });

    const cardB = page.locator('article.card').filter({ hasText: 'Unlabelled stick' });
    await cardB.getByRole('button', { name: 'Use as seed medium' }).click();
    await cardB.getByRole('button', { name: 'Label as seed medium' }).click();
    await expect.poll(() => page.locator('article.card h2').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('VAULT-01'), expect.stringContaining('SEEDS-01')]),
    );

    // A stick plugged in while the screen is open appears without any click.
    const [p1] = practice.insertPartitionedStick('two-part', 2);
    await expect.poll(() => page.locator('article.card').count(), { timeout: 10_000 }).toBe(3);

    // Partition 1 gets a vault label; the screen then refuses seeds on the same physical stick.
    await strongroom.app.media.label({ devicePath: p1!, role: 'vault', location: { kind: 'onsite', note: '' } });
    strongroom.app.mediaFeed.bump();
    const twoPart = page.locator('article.card').filter({ hasText: 'VAULT-02' });
    await expect.poll(() => twoPart.count()).toBe(1);

    // A stick with a stray KeePass file cannot take either role, and the card says why.
    const stray = practice.insertStick('stray');
    writeFileSync(join(stray, 'old-backup.kdbx'), Buffer.from([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 0x01, 0x00, 0x04, 0x00]));
    const strayCard = page.locator(`article[data-device="${stray}"]`);
    await expect.poll(() => strayCard.count(), { timeout: 10_000 }).toBe(1);
    expect(await strayCard.getByRole('button', { name: 'Use as seed medium' }).isDisabled()).toBe(true);
    expect(await strayCard.getByRole('button', { name: 'Use as vault medium' }).isDisabled()).toBe(true);
    expect(await strayCard.locator('.refusal').first().innerText()).toContain('old-backup.kdbx');

    // Eject says when it is safe to pull the stick.
    await cardA.getByRole('button', { name: 'Eject' }).click();
    await expect.poll(() => page.getByText('VAULT-01 is safe to remove.').count()).toBe(1);
    expect(ui.consoleErrors).toEqual([]);
  });
});
