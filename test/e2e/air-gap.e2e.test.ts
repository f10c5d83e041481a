import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';

const missing = chromiumMissingReason();

describe.skipIf(missing !== null)('a kiosk that is connected to a network', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  beforeAll(async () => {
    strongroom = await HarnessedStrongroom.start({ network: { activeInterfaces: () => [{ name: 'wlan0', addresses: ['192.0.2.7'] }] } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
  });

  it('warns on every screen, and a lab override is recorded with its reason', async () => {
    const ui = new StrongroomPage(await browser.newPage());
    await ui.open(strongroom.harness.url);
    await ui.signInAs('Dana Whitfield');
    const banner = ui.page.locator('.airgap');
    await expect.poll(() => banner.innerText()).toContain('wlan0');
    await banner.getByRole('button', { name: /allow anyway/ }).click();
    await banner.getByLabel(/Why must secrets be opened/).fill('Training session in the lab');
    await banner.getByRole('button', { name: 'Allow for lab use' }).click();
    await expect.poll(() => banner.innerText()).toContain('Lab override in force');
    expect(strongroom.app.catalog.audit.head()).toMatchObject({ action: 'airgap.override', details: { reason: 'Training session in the lab', interfaces: 'wlan0' } });
  });
});
