import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { enrolAndWrite, stockCustody, TEST_KDF, SECOND_CUSTODIAN } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';
import { registerAndSignIn, registerCustodians } from '../support/custodians';

const missing = chromiumMissingReason();
if (missing) console.warn(`Skipping browser e2e: ${missing}.`);

/** Screenshots for a person to look at; not compared by the test. */
const SHOTS = process.env['STRONGROOM_SCREENSHOTS'] ?? '/tmp';

/**
 * Where the prepared document's card, its page image and its ways out sit, and how far anything inside the card
 * sticks out of it. (The navigation bar above is measured by the screenshots of every screen, not here.)
 */
async function layoutAt(page: Page) {
  const viewport = page.viewportSize()!;
  const card = page.locator('.prepared-document');
  const overflow = await card.evaluate((el) => el.scrollWidth - el.clientWidth);
  const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
  return { viewport, overflow, card: await box('.prepared-document'), image: await box('img.page-image'), outputs: await box('.print-outputs') };
}

describe.skipIf(missing !== null)('the Print screen with no printer, at the window sizes of a kiosk', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF, printer: null });
    const app = strongroom.app;
    registerCustodians(app, SECOND_CUSTODIAN);
    registerAndSignIn(app, 'Dana Whitfield');
    await stockCustody(app, practice);
    await enrolAndWrite(app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('saves the medium labels as a PDF on the kiosk when there is no printer', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1366, height: 768 } }));
    await ui.open(strongroom.harness.url);
    await ui.goTo('Print');
    const page = ui.page;
    const form = page.getByRole('form', { name: 'Prepare a document' });
    await form.getByLabel('Medium labels').check();
    // Each medium offered for labels says where it is kept, in the one sentence every screen uses.
    await expect.poll(() => form.locator('.media-checklist label').filter({ hasText: 'VAULT-02' }).innerText()).toContain('Off site, Bank');
    await form.getByRole('button', { name: 'Prepare' }).click();
    await page.locator('img.page-image').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Save as PDF on this kiosk' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'on this kiosk' });
    await expect.poll(() => saved.count()).toBe(1);
    const path = /Saved as (\S+\.pdf) on this kiosk/.exec(await saved.innerText())?.[1];
    expect(path?.startsWith(join(strongroom.app.home, 'reports'))).toBe(true);
    expect(existsSync(path!)).toBe(true);
    expect(readFileSync(path!).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('button', { name: 'Discard', exact: true }).click();
    expect(ui.consoleErrors).toEqual([]);
  });

  it('keeps the organisation line and the contacts across Discard, so the seed store sheet prints them too', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1366, height: 768 } }));
    await ui.open(strongroom.harness.url);
    await ui.goTo('Print');
    const page = ui.page;
    const form = page.getByRole('form', { name: 'Prepare a document' });
    await form.getByLabel('Emergency sheet — vault').check();
    await form.getByLabel('Organisation line (optional)').fill('Example Ltd — o-a1b2c3d4e5');
    await form.getByRole('button', { name: 'Add a contact' }).click();
    const contact = form.getByRole('group', { name: 'Contact 1' });
    await contact.getByLabel('Name').fill('Priya Natarajan');
    await contact.getByLabel('Why to call').fill('Security lead');
    await contact.getByLabel('Phone').fill('+44 20 7946 0018');
    await form.getByRole('button', { name: 'Prepare' }).click();
    await page.locator('img.page-image').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Discard', exact: true }).click();

    const again = page.getByRole('form', { name: 'Prepare a document' });
    await again.getByLabel('Emergency sheet — seed store').check();
    expect(await again.getByLabel('Organisation line (optional)').inputValue()).toBe('Example Ltd — o-a1b2c3d4e5');
    expect(await again.getByRole('group', { name: 'Contact 1' }).getByLabel('Name').inputValue()).toBe('Priya Natarajan');
    await again.getByRole('button', { name: 'Prepare' }).click();
    await page.locator('img.page-image').waitFor({ timeout: 60_000 });
    // The held sheet is the seed store's, with the contact on it and no "No contacts were recorded".
    const held = strongroom.app.print.held();
    expect(held.map((d) => d.kind)).toEqual(['emergency-sheet-seed']);
    const folder = join(strongroom.app.home, 'sheet-check');
    mkdirSync(folder, { recursive: true });
    const file = await strongroom.app.print.saveToFile(held[0]!.documentId, join(folder, 'seed-sheet.pdf'));
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', file.path, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Priya Natarajan');
    expect(text).toContain('Example Ltd — o-a1b2c3d4e5');
    expect(text).not.toContain('No contacts were recorded');
    await page.getByRole('button', { name: 'Discard', exact: true }).click();
    expect(ui.consoleErrors).toEqual([]);
  });

  for (const width of [1366, 1024]) {
    it(`fits the preview and the ways out in a ${width} px wide window`, async () => {
      const ui = new StrongroomPage(await browser.newPage({ viewport: { width, height: 768 } }));
      await ui.open(strongroom.harness.url);
      await ui.goTo('Print');
      const page = ui.page;
      const form = page.getByRole('form', { name: 'Prepare a document' });
      await form.getByLabel('Emergency sheet — vault').check();
      await form.getByRole('button', { name: 'Prepare' }).click();
      await page.locator('img.page-image').waitFor({ timeout: 60_000 });
      await page.screenshot({ path: join(SHOTS, `strongroom-print-preview-${width}.png`), fullPage: true });
      const { viewport, overflow, card, image, outputs } = await layoutAt(page);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(card.x + card.width).toBeLessThanOrEqual(viewport.width);
      for (const part of [image, outputs]) {
        expect(part.x).toBeGreaterThanOrEqual(card.x);
        expect(part.x + part.width).toBeLessThanOrEqual(card.x + card.width);
      }
      // The ways out are wide enough to read, beside the page or below it.
      expect(outputs.width).toBeGreaterThan(250);
      // The page is still big enough to check by eye.
      expect(image.width).toBeGreaterThan(300);
      await page.getByRole('button', { name: 'Discard', exact: true }).click();
      expect(ui.consoleErrors).toEqual([]);
    });
  }
});
