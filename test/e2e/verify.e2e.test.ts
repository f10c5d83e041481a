import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { enrolAndWrite, SEED_PASSPHRASE, stockCustody, TEST_KDF, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';
import { registerAndSignIn } from '../support/custodians';

const missing = chromiumMissingReason();

/** Stands in for the kiosk's CUPS printer; keeps what it was sent. */
const printed: { printer: string; title: string; bytes: number; head: string }[] = [];
const officePrinter = {
  implementation: 'test',
  listPrinters: async () => [{ name: 'Office-Laser', isDefault: true }],
  print: async (pdf: Uint8Array, printer: string, title: string) => {
    printed.push({ printer, title, bytes: pdf.length, head: Buffer.from(pdf.subarray(0, 5)).toString('latin1') });
    return { printer, jobId: 'Office-Laser-1' };
  },
};
const pdftotext = spawnSync('which', ['pdftotext']).status === 0;

describe.skipIf(missing !== null)('quarterly verification in the browser on practice sticks', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF, printer: officePrinter });
    const app = strongroom.app;
    registerAndSignIn(app, 'Dana Whitfield');
    await stockCustody(app, practice);
    await enrolAndWrite(app);
    // Each stick was sealed in a numbered bag after the write; verification compares the bag with this log.
    for (const id of ['VAULT-01', 'VAULT-02', 'SEEDS-01', 'SEEDS-02']) app.mediumLifecycle.recordSeal(id, `SEAL-${id}`, 'after-write');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('verifies two vault and two seed sticks, one after another, and saves a report listing all four', async () => {
    const ui = new StrongroomPage(await browser.newPage());
    await ui.open(strongroom.harness.url);
    await ui.goTo('Verify');
    const page = ui.page;
    await page.getByRole('button', { name: 'Start a verification' }).click();
    const count = page.locator('[data-run-count]');
    await expect.poll(() => count.innerText()).toBe('0 of 4 sticks done');
    expect(await page.locator('.progress-stick[data-state="waiting"]').count()).toBe(4);
    const verify = async (mediumId: string, passphrase: string, answers: { serial: string; bag: 'Yes' | 'Not checked' }) => {
      const form = page.getByRole('form', { name: 'Verify a stick' });
      await expect.poll(() => form.getByLabel('Stick to verify').locator('option').count(), { timeout: 60_000 }).toBe(4);
      await form.getByLabel('Stick to verify').selectOption({ label: `${mediumId} (${mediumId.startsWith('VAULT') ? 'vault' : 'seeds'})` });
      await form.getByLabel(/master passphrase/).fill(passphrase);
      await form.getByLabel('Serial printed on the tamper-evident bag').fill(answers.serial);
      await form.getByRole('radiogroup', { name: /Is the bag intact/ }).getByLabel(answers.bag).check();
      await form.getByRole('radiogroup', { name: /recorded location/ }).getByLabel('Yes').check();
      await form.getByLabel('Serial of the new bag it goes into now (logged)').fill(`NEW-${mediumId}`);
      await form.getByRole('button', { name: `Verify ${mediumId}` }).click();
    };
    // A physical check left unanswered: the stick is incomplete, not failed.
    await verify('VAULT-01', VAULT_PASSPHRASE, { serial: 'SEAL-VAULT-01', bag: 'Not checked' });
    const incomplete = page.getByRole('article', { name: 'VAULT-01 incomplete' });
    await expect.poll(() => incomplete.count(), { timeout: 60_000 }).toBe(1);
    expect(await incomplete.locator('.check-open').innerText()).toContain('Not checked — Bag intact.');
    expect(await count.innerText()).toBe('1 of 4 sticks done');
    expect(await page.locator('.progress-stick[data-medium="VAULT-01"]').innerText()).toContain('Incomplete — not checked: Bag intact');
    // The picker moves on by itself to a stick not yet verified in this run.
    const picked = () => page.getByRole('form', { name: 'Verify a stick' }).getByLabel('Stick to verify').locator('option:checked').innerText();
    await expect.poll(picked).not.toContain('VAULT-01');
    for (const [mediumId, passphrase] of [['VAULT-01', VAULT_PASSPHRASE], ['VAULT-02', VAULT_PASSPHRASE], ['SEEDS-01', SEED_PASSPHRASE], ['SEEDS-02', SEED_PASSPHRASE]] as const) {
      // VAULT-01 went into a new bag after its first check; the log knows that one now.
      await verify(mediumId, passphrase, { serial: mediumId === 'VAULT-01' ? 'NEW-VAULT-01' : `SEAL-${mediumId}`, bag: 'Yes' });
      await expect.poll(() => page.getByRole('article', { name: `${mediumId} passed` }).count(), { timeout: 60_000 }).toBe(1);
      if (mediumId === 'VAULT-02') expect(await count.innerText()).toBe('2 of 4 sticks done');
    }
    expect(await count.innerText()).toBe('4 of 4 sticks done');
    expect(strongroom.app.catalog.seals.latest('SEEDS-02')?.serial).toBe('NEW-SEEDS-02');
    await page.getByRole('button', { name: 'Finish and make the report' }).click();
    const summary = page.locator('[data-report]');
    await expect.poll(() => summary.count()).toBe(1);
    expect(await summary.innerText()).toContain('every stick passed (4)');
    // The per-stick results stay on screen after the run is finished.
    for (const id of ['VAULT-01', 'VAULT-02', 'SEEDS-01', 'SEEDS-02']) expect(await page.getByRole('article', { name: `${id} passed` }).count()).toBe(1);

    const savedTo = (await summary.locator('code').nth(1).innerText()).trim();
    if (pdftotext) {
      const text = spawnSync('pdftotext', [savedTo, '-'], { encoding: 'utf8' }).stdout;
      for (const id of ['VAULT-01', 'VAULT-02', 'SEEDS-01', 'SEEDS-02']) expect(text).toContain(id);
    }
    // The report can go straight to the printer.
    await summary.getByRole('button', { name: 'Print the report…' }).click();
    await summary.getByRole('button', { name: 'Print', exact: true }).click();
    await expect.poll(() => summary.innerText()).toContain('to Office-Laser');
    expect(printed).toEqual([expect.objectContaining({ printer: 'Office-Laser', head: '%PDF-' })]);
    expect(ui.consoleErrors).toEqual([]);
  });

  it('names the failed stick and the ones not verified when the run is finished, keeping each result on screen', async () => {
    const ui = new StrongroomPage(await browser.newPage());
    await ui.open(strongroom.harness.url);
    await ui.goTo('Verify');
    const page = ui.page;
    await page.getByRole('button', { name: 'Start a verification' }).click();
    const form = page.getByRole('form', { name: 'Verify a stick' });
    await expect.poll(() => form.getByLabel('Stick to verify').locator('option').count(), { timeout: 60_000 }).toBe(4);
    await form.getByLabel('Stick to verify').selectOption({ label: 'SEEDS-02 (seeds)' });
    await form.getByLabel(/master passphrase/).fill(`${SEED_PASSPHRASE} but wrong`);
    await form.getByRole('button', { name: 'Verify SEEDS-02' }).click();
    await expect.poll(() => page.getByRole('article', { name: 'SEEDS-02 failed' }).count(), { timeout: 60_000 }).toBe(1);
    const row = page.locator('.progress-stick[data-medium="SEEDS-02"]');
    expect(await row.getAttribute('data-state')).toBe('failed');
    expect(await row.innerText()).toContain('Opens with the passphrase');
    await page.getByRole('button', { name: 'Finish and make the report' }).click();
    const summary = page.locator('[data-report]');
    await expect.poll(() => summary.count()).toBe(1);
    const words = await summary.innerText();
    expect(words).toMatch(/SEEDS-02 failed: SEEDS-02 \(Opens with the passphrase/);
    expect(words).toContain('VAULT-01, VAULT-02 and SEEDS-01 were not verified in this run.');
    expect(words).not.toContain('stick(s)');
    expect(await page.getByRole('article', { name: 'SEEDS-02 failed' }).count()).toBe(1);
    expect(await page.locator('.progress-stick[data-medium="VAULT-01"]').getAttribute('data-state')).toBe('not-verified');
    expect(ui.consoleErrors).toEqual([]);
  });
});
