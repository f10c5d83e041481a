import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseSeed } from '../../src-main/core/seed';
import { splitSeedIntoLines } from '../../src-main/core/seed-line-check';
import { twoConsecutiveCodes } from '../../src-main/core/totp';
import { enrolAndWrite, SEED_A, SEED_PASSPHRASE, stockCustody, TEST_KDF, SECOND_CUSTODIAN } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';
import { registerAndSignIn, registerCustodians } from '../support/custodians';

const missing = chromiumMissingReason();
if (missing) console.warn(`Skipping browser e2e: ${missing}.`);

/** Screenshots for a person to look at; not compared by the test. */
const SHOTS = process.env['STRONGROOM_SCREENSHOTS'] ?? '/tmp';

describe.skipIf(missing !== null)('the Print screen in the browser on practice sticks', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;
  let sticks: Awaited<ReturnType<typeof stockCustody>>;

  beforeAll(async () => {
    practice = new PracticeMedia();
    // No printer on this kiosk: the screen must say so and offer saving on a stick instead.
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF, printer: null });
    const app = strongroom.app;
    registerCustodians(app, SECOND_CUSTODIAN);
    registerAndSignIn(app, 'Dana Whitfield');
    sticks = await stockCustody(app, practice);
    await enrolAndWrite(app);
    // An account this kiosk has not enrolled: the one a seed restored from paper re-enrols.
    app.accounts.add({ accountId: '333333333333', name: 'prod-logs', rootEmail: 'aws+logs@example.com' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('prepares the vault emergency sheet, shows its pages as images, and saves it on a vault stick only', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1400, height: 1000 } }));
    await ui.open(strongroom.harness.url);
    await ui.goTo('Print');
    const page = ui.page;
    const form = page.getByRole('form', { name: 'Prepare a document' });
    await form.getByLabel('Emergency sheet — vault').check();
    await form.getByRole('button', { name: 'Prepare' }).click();

    const image = page.locator('img.page-image');
    await image.waitFor({ timeout: 60_000 });
    expect(await image.getAttribute('alt')).toMatch(/^Page 1 of \d+ of Emergency sheet — vault/);
    // The image really decoded: a broken data URL would leave naturalWidth at 0.
    const drawn = await image.evaluate((node) => {
      const img = node as unknown as { complete: boolean; naturalWidth: number };
      return img.complete && img.naturalWidth > 300;
    });
    expect(drawn).toBe(true);
    const count = await page.locator('.page-count').innerText();
    const pages = Number(/of (\d+)/.exec(count)?.[1]);
    if (pages > 1) {
      await page.getByRole('button', { name: 'Next page' }).click();
      await expect.poll(() => page.locator('.page-count').innerText()).toBe(`Page 2 of ${pages}`);
      await expect.poll(() => image.getAttribute('alt')).toMatch(/^Page 2 of/);
      await page.getByRole('button', { name: 'Previous page' }).click();
    }

    await expect.poll(() => page.getByText('No printer is connected to this Strongroom').count()).toBe(1);
    const stick = page.getByLabel('Stick', { exact: true });
    await expect.poll(() => stick.locator('option').allInnerTexts()).toEqual([expect.stringMatching(/^VAULT-01/), expect.stringMatching(/^VAULT-02/)]);
    await page.screenshot({ path: join(SHOTS, 'strongroom-print-screen.png'), fullPage: true });

    await page.getByRole('button', { name: 'Save on VAULT-01' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved on VAULT-01 as STRONGROOM/emergency-sheet.pdf' }).count()).toBe(1);
    expect(existsSync(join(sticks.vault1, 'STRONGROOM', 'emergency-sheet.pdf'))).toBe(true);

    await page.getByRole('button', { name: 'Discard', exact: true }).click();
    await page.getByRole('form', { name: 'Prepare a document' }).waitFor();
    expect(ui.consoleErrors).toEqual([]);
  });

  it('marks the paper seed backup SECRET and offers only seed sticks to save it on', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1400, height: 1000 } }));
    await ui.open(strongroom.harness.url);
    await ui.goTo('Print');
    const page = ui.page;
    const form = page.getByRole('form', { name: 'Prepare a document' });
    await form.getByLabel('Paper seed backup').check();
    expect(await page.locator('.secret-notice').innerText()).toContain('SECRET — MFA SEEDS');
    await form.getByLabel('Second custodian (registered, present now)').fill(SECOND_CUSTODIAN);
    await form.getByLabel('Seed master passphrase').fill(SEED_PASSPHRASE);
    await form.getByRole('button', { name: 'Prepare' }).click();
    await page.locator('img.page-image').waitFor({ timeout: 60_000 });
    expect(await page.locator('.prepared-secret .secret-notice').count()).toBe(1);
    const stick = page.getByLabel('Stick', { exact: true });
    await expect.poll(() => stick.locator('option').allInnerTexts()).toEqual([expect.stringMatching(/^SEEDS-0/), expect.stringMatching(/^SEEDS-0/)]);
    await page.screenshot({ path: join(SHOTS, 'strongroom-print-seed-backup.png'), fullPage: true });
    await page.getByRole('button', { name: 'Discard', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'wiped from memory' }).count()).toBe(1);
    expect(strongroom.app.print.heldCount.secretDocuments).toBe(0);
    expect(ui.consoleErrors).toEqual([]);
  });

  it('flags a mistyped paper line at once, naming it, and restores the seed once every line checks out', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1400, height: 1000 } }));
    await ui.open(strongroom.harness.url);
    await ui.goTo('Print');
    const page = ui.page;
    const panel = page.getByRole('form', { name: 'Restore a seed from paper' });
    await panel.getByLabel('Account (from the block’s heading)').selectOption('333333333333');
    const lines = splitSeedIntoLines(SEED_A);
    for (const line of lines) {
      const typed = line.number === 2 ? `${line.groups.join(' ').slice(0, 3)}${line.text[3] === 'Q' ? 'R' : 'Q'}${line.groups.join(' ').slice(4)}` : line.groups.join(' ');
      await panel.getByLabel(`Line ${line.number}`, { exact: true }).fill(typed.toLowerCase());
      await panel.locator(`#paper-check-${line.number}`).fill(line.check);
    }
    const second = panel.locator('[data-line="2"]');
    await expect.poll(() => second.getAttribute('data-state')).toBe('wrong');
    expect(await second.getByRole('alert').innerText()).toContain('Line 2');
    for (const n of [1, 3, 4]) await expect.poll(() => panel.locator(`[data-line="${n}"]`).getAttribute('data-state')).toBe('ok');
    expect(await panel.getByRole('button', { name: 'Restore the seed' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'strongroom-restore-line-flagged.png'), fullPage: true });

    await panel.getByLabel('Line 2', { exact: true }).fill(lines[1]!.groups.join(' '));
    await expect.poll(() => second.getAttribute('data-state')).toBe('ok');
    await panel.getByRole('button', { name: 'Restore the seed' }).click();

    const restored = page.locator('[data-restore]');
    await restored.waitFor();
    const seed = parseSeed(SEED_A);
    await expect
      .poll(async () => {
        const shown = await restored.locator('.otp-code').first().getAttribute('data-code');
        const now = twoConsecutiveCodes(seed, new Date());
        return shown === now.current.code || shown === now.next.code;
      })
      .toBe(true);
    await page.screenshot({ path: join(SHOTS, 'strongroom-restore-restored.png'), fullPage: true });
    await page.getByRole('button', { name: 'Start re-enrolment for account prod-logs (333333333333)…' }).click();
    // Re-enrolment makes a new root password: it asks first, and "Not now" starts nothing.
    await page.getByRole('button', { name: 'Not now' }).click();
    expect(strongroom.app.enrolment.list()).toEqual([]);
    await page.getByRole('button', { name: 'Start re-enrolment for account prod-logs (333333333333)…' }).click();
    await page.getByRole('button', { name: 'Yes, start the re-enrolment of prod-logs' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Re-enrolment of prod-logs (333333333333) started' }).count()).toBe(1);
    expect(strongroom.app.enrolment.list().map((e) => e.accountId)).toEqual(['333333333333']);
    expect(ui.consoleErrors).toEqual([]);
  });
});
