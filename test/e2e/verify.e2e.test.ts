import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { chromiumMissingReason, StrongroomPage } from '../support/e2e';
import { startVerification, verifyStick } from '../support/verify-in-browser';
import { writtenCustodyInBrowser, type WrittenCustody } from '../support/written-custody-browser';

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
  let kiosk: WrittenCustody;

  beforeAll(async () => {
    kiosk = await writtenCustodyInBrowser({ app: { printer: officePrinter }, sealed: ['VAULT-01', 'VAULT-02', 'SEEDS-01', 'SEEDS-02'] });
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('verifies two vault and two seed sticks, one after another, and saves a report listing all four', async () => {
    const ui = new StrongroomPage(await kiosk.browser.newPage());
    await ui.open(kiosk.strongroom.harness.url);
    const form = await startVerification(ui);
    const page = ui.page;
    // The schedule says where each stick is kept in the one sentence every other screen uses, shelf or box included.
    await expect.poll(() => page.locator('tr[data-medium="VAULT-02"] td').nth(1).innerText()).toBe('Off site, Bank');
    expect(await page.locator('tr[data-medium="SEEDS-01"] td').nth(1).innerText()).toBe('On site, Safe 2');
    const count = page.locator('[data-run-count]');
    await expect.poll(() => count.innerText()).toBe('0 of 4 sticks done');
    expect(await page.locator('.progress-stick[data-state="waiting"]').count()).toBe(4);
    const verify = (mediumId: string, passphrase: string, answers: { serial: string; bag: 'Yes' | 'Not checked' }) =>
      verifyStick(form, mediumId, passphrase, { ...answers, newBag: `NEW-${mediumId}` });
    // A physical check left unanswered: the stick is incomplete, not failed.
    await verify('VAULT-01', VAULT_PASSPHRASE, { serial: 'SEAL-VAULT-01', bag: 'Not checked' });
    const incomplete = page.getByRole('article', { name: 'VAULT-01 incomplete' });
    await expect.poll(() => incomplete.count(), { timeout: 60_000 }).toBe(1);
    expect(await incomplete.locator('.check-open').innerText()).toContain('Not checked — Bag intact.');
    expect(await count.innerText()).toBe('1 of 4 sticks done');
    expect(await page.locator('.progress-stick[data-medium="VAULT-01"]').innerText()).toContain('Incomplete — not checked: Bag intact');
    // The picker moves on by itself to a stick not yet verified in this run.
    const picked = () => form.getByLabel('Stick to verify').locator('option:checked').innerText();
    await expect.poll(picked).not.toContain('VAULT-01');
    for (const [mediumId, passphrase] of [['VAULT-01', VAULT_PASSPHRASE], ['VAULT-02', VAULT_PASSPHRASE], ['SEEDS-01', SEED_PASSPHRASE], ['SEEDS-02', SEED_PASSPHRASE]] as const) {
      // VAULT-01 went into a new bag after its first check; the log knows that one now.
      await verify(mediumId, passphrase, { serial: mediumId === 'VAULT-01' ? 'NEW-VAULT-01' : `SEAL-${mediumId}`, bag: 'Yes' });
      await expect.poll(() => page.getByRole('article', { name: `${mediumId} passed` }).count(), { timeout: 60_000 }).toBe(1);
      if (mediumId === 'VAULT-02') expect(await count.innerText()).toBe('2 of 4 sticks done');
    }
    expect(await count.innerText()).toBe('4 of 4 sticks done');
    expect(kiosk.strongroom.app.catalog.seals.latest('SEEDS-02')?.serial).toBe('NEW-SEEDS-02');
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
    const ui = new StrongroomPage(await kiosk.browser.newPage());
    await ui.open(kiosk.strongroom.harness.url);
    const form = await startVerification(ui);
    const page = ui.page;
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
