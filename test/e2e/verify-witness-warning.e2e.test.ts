import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeStickFiles } from '../../src-main/platform/stick-folder';
import { VAULT_PASSPHRASE } from '../support/custody-fixture';
import { chromiumMissingReason, StrongroomPage } from '../support/e2e';
import { startVerification, verifyStick } from '../support/verify-in-browser';
import { writtenCustodyInBrowser, type WrittenCustody } from '../support/written-custody-browser';

const missing = chromiumMissingReason();

describe.skipIf(missing !== null)('a verified stick that cannot take its copy of the audit trail, on the Verify screen', () => {
  let kiosk: WrittenCustody;
  // Turned on after the custody job is written: from then on VAULT-02 refuses its audit copy like a write-protected stick.
  const refusing = { on: false };

  beforeAll(async () => {
    kiosk = await writtenCustodyInBrowser({
      app: {
        stickFiles: {
          ...nodeStickFiles,
          write: async (place, name, bytes) => {
            if (refusing.on && name === 'audit.jsonl' && place.root.includes('vault-2')) throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
            return nodeStickFiles.write(place, name, bytes);
          },
        },
      },
      sealed: ['VAULT-01', 'VAULT-02'],
      afterWrite: () => {
        refusing.on = true;
      },
    });
  });
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('shows beside that stick, and only that one, that it does not hold the record of its check', async () => {
    const ui = new StrongroomPage(await kiosk.browser.newPage());
    await ui.open(kiosk.strongroom.harness.url);
    const form = await startVerification(ui);
    const page = ui.page;
    for (const mediumId of ['VAULT-02', 'VAULT-01']) {
      await verifyStick(form, mediumId, VAULT_PASSPHRASE, { serial: `SEAL-${mediumId}`, bag: 'Yes' });
      await expect.poll(() => page.getByRole('article', { name: `${mediumId} passed` }).count(), { timeout: 60_000 }).toBe(1);
    }
    const warned = page.getByRole('article', { name: 'VAULT-02 passed' }).getByRole('alert');
    expect(await warned.innerText()).toMatch(/VAULT-02 could not take its copy of the audit trail \(EROFS\), so it does not witness this verification/);
    expect(await page.getByRole('article', { name: 'VAULT-01 passed' }).getByRole('alert').count()).toBe(0);
    expect(ui.consoleErrors).toEqual([]);
  });
});
