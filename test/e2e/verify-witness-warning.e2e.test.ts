import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { nodeStickFiles } from '../../src-main/platform/stick-folder';
import { enrolAndWrite, stockCustody, TEST_KDF, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';
import { registerAndSignIn } from '../support/custodians';

const missing = chromiumMissingReason();

describe.skipIf(missing !== null)('a verified stick that cannot take its copy of the audit trail, on the Verify screen', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;
  // Turned on after the custody job is written: from then on VAULT-02 refuses its audit copy like a write-protected stick.
  const refusing = { on: false };

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({
      media: practice.platform,
      kdf: TEST_KDF,
      stickFiles: {
        ...nodeStickFiles,
        write: async (place, name, bytes) => {
          if (refusing.on && name === 'audit.jsonl' && place.root.includes('vault-2')) throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
          return nodeStickFiles.write(place, name, bytes);
        },
      },
    });
    registerAndSignIn(strongroom.app, 'Dana Whitfield');
    await stockCustody(strongroom.app, practice);
    await enrolAndWrite(strongroom.app);
    for (const id of ['VAULT-01', 'VAULT-02']) strongroom.app.mediumLifecycle.recordSeal(id, `SEAL-${id}`, 'after-write');
    refusing.on = true;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('shows beside that stick, and only that one, that it does not hold the record of its check', async () => {
    const ui = new StrongroomPage(await browser.newPage());
    await ui.open(strongroom.harness.url);
    await ui.goTo('Verify');
    const page = ui.page;
    await page.getByRole('button', { name: 'Start a verification' }).click();
    const form = page.getByRole('form', { name: 'Verify a stick' });
    await expect.poll(() => form.getByLabel('Stick to verify').locator('option').count(), { timeout: 60_000 }).toBe(4);
    for (const mediumId of ['VAULT-02', 'VAULT-01']) {
      await form.getByLabel('Stick to verify').selectOption({ label: `${mediumId} (vault)` });
      await form.getByLabel(/master passphrase/).fill(VAULT_PASSPHRASE);
      await form.getByLabel('Serial printed on the tamper-evident bag').fill(`SEAL-${mediumId}`);
      await form.getByRole('radiogroup', { name: /Is the bag intact/ }).getByLabel('Yes').check();
      await form.getByRole('radiogroup', { name: /recorded location/ }).getByLabel('Yes').check();
      await form.getByRole('button', { name: `Verify ${mediumId}` }).click();
      await expect.poll(() => page.getByRole('article', { name: `${mediumId} passed` }).count(), { timeout: 60_000 }).toBe(1);
    }
    const warned = page.getByRole('article', { name: 'VAULT-02 passed' }).getByRole('alert');
    expect(await warned.innerText()).toMatch(/VAULT-02 could not take its copy of the audit trail \(EROFS\), so it does not witness this verification/);
    expect(await page.getByRole('article', { name: 'VAULT-01 passed' }).getByRole('alert').count()).toBe(0);
    expect(ui.consoleErrors).toEqual([]);
  });
});
