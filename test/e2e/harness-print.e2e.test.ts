import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { Catalog } from '../../src-main/catalog/catalog';
import { chromiumMissingReason, launchChromium, StrongroomPage } from '../support/e2e';
import { HARNESS_CUSTODIAN, startHarnessOnCustody } from '../support/harness-custody';

const missing = chromiumMissingReason();
if (missing) console.warn(`Skipping browser e2e: ${missing}.`);

/**
 * Each document the Print screen prepares, as a custodian prepares and saves it through `npm run harness`. A new
 * kind is one more entry: how to fill the form, the stick it is saved on, and words its saved PDF must hold.
 */
interface DocumentCase {
  readonly label: string;
  readonly fill?: (form: Locator) => Promise<void>;
  readonly saveOn: string;
  readonly stick: 'vault1' | 'seed1';
  readonly file: string;
  readonly reads: readonly string[];
}

const DOCUMENTS: readonly DocumentCase[] = [
  { label: 'Emergency sheet — vault', saveOn: 'VAULT-01', stick: 'vault1', file: 'emergency-sheet.pdf', reads: ['vault.kdbx', 'VAULT-01', 'VAULT-02'] },
  { label: 'Emergency sheet — seed store', saveOn: 'SEEDS-01', stick: 'seed1', file: 'emergency-sheet.pdf', reads: ['seeds.kdbx', 'SEEDS-01', 'SEEDS-02'] },
];

describe.skipIf(missing !== null)('printing through the `npm run harness` bundle', () => {
  let browser: Browser;
  let kiosk: Awaited<ReturnType<typeof startHarnessOnCustody>>;

  beforeAll(async () => {
    kiosk = await startHarnessOnCustody();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
  });

  it.each(DOCUMENTS)('prepares $label and saves it on $saveOn', async (document) => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1366, height: 768 } }));
    await ui.open(kiosk.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs(HARNESS_CUSTODIAN);
    await ui.goTo('Print');
    const page = ui.page;
    const form = page.getByRole('form', { name: 'Prepare a document' });
    await form.getByLabel(document.label).check();
    await document.fill?.(form);
    await form.getByRole('button', { name: 'Prepare' }).click();

    // The first page's image, or an error notice: the air-gap warning may show (this machine has a network) and
    // is no error here, since the sheets hold no secret.
    await page.locator('img.page-image, [data-error-code]').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-error-code]').allInnerTexts()).toEqual([]);
    const stick = page.getByLabel('Stick', { exact: true });
    await expect.poll(() => stick.locator('option').allInnerTexts()).toContainEqual(expect.stringMatching(new RegExp(`^${document.saveOn}`)));
    await stick.selectOption({ label: (await stick.locator('option').allInnerTexts()).find((t) => t.startsWith(document.saveOn))! });
    await page.getByRole('button', { name: `Save on ${document.saveOn}` }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: `Saved on ${document.saveOn}` }).count(), { timeout: 60_000 }).toBe(1);

    const saved = join(kiosk.sticks[document.stick], 'STRONGROOM', document.file);
    expect(existsSync(saved)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', saved, '-'], { encoding: 'utf8' });
    for (const words of document.reads) expect(text).toContain(words);

    await page.getByRole('button', { name: 'Discard', exact: true }).click();
    await page.getByRole('form', { name: 'Prepare a document' }).waitFor();
    expect(ui.consoleErrors).toEqual([]);
  });

  it('prepares the medium labels and saves them as a PDF on the kiosk, there being no printer', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1366, height: 768 } }));
    await ui.open(kiosk.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs(HARNESS_CUSTODIAN);
    await ui.goTo('Print');
    const page = ui.page;
    const form = page.getByRole('form', { name: 'Prepare a document' });
    await form.getByLabel('Medium labels').check();
    await form.getByRole('button', { name: 'Prepare' }).click();
    await page.locator('img.page-image, [data-error-code]').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-error-code]').allInnerTexts()).toEqual([]);
    await page.getByRole('button', { name: 'Save as PDF on this kiosk' }).click();
    const saved = page.getByRole('status').filter({ hasText: /^Saved as .* on this kiosk/ });
    await expect.poll(() => saved.count(), { timeout: 60_000 }).toBe(1);
    const path = /Saved as (\S+\.pdf) on this kiosk/.exec(await saved.innerText())?.[1];
    expect(path?.startsWith(join(kiosk.home, 'reports'))).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', path!, '-'], { encoding: 'utf8' });
    for (const medium of ['VAULT-01', 'VAULT-02', 'SEEDS-01', 'SEEDS-02']) expect(text).toContain(medium);
    await page.getByRole('button', { name: 'Discard', exact: true }).click();
    expect(ui.consoleErrors).toEqual([]);
  });

  it('recorded every save on the audit trail the harness kept', async () => {
    await kiosk.harness.stop();
    const catalog = Catalog.open(kiosk.home);
    try {
      const saves = [...catalog.audit.all()].filter((e) => e.action === 'document.saved').map((e) => e.subject);
      expect(saves).toEqual(DOCUMENTS.map((d) => d.saveOn));
      expect(catalog.audit.verify().intact).toBe(true);
    } finally {
      catalog.close();
    }
  });
});
