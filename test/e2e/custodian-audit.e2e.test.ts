import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';

const missing = chromiumMissingReason();
if (missing) console.warn(`Skipping browser e2e: ${missing}.`);

describe.skipIf(missing !== null)('custodian at the kiosk, in the real renderer', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;

  beforeAll(async () => {
    strongroom = await HarnessedStrongroom.start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
  });

  it('a new custodian signs in and sees that signing in on the Audit screen, with a verified chain', async () => {
    const ui = new StrongroomPage(await browser.newPage());
    await ui.open(strongroom.harness.url);
    await ui.signInAs('Dana Whitfield');
    await ui.goTo('Audit');

    const row = ui.auditRows().filter({ hasText: 'Custodian signed in' });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.first().innerText()).toContain('Dana Whitfield');
    await expect.poll(() => ui.chainVerdict().getAttribute('data-chain')).toBe('verified');
    // The event came from the real catalog, not from the page.
    expect(strongroom.app.catalog.audit.head()?.action).toBe('custodian.signed-in');
    expect(ui.consoleErrors).toEqual([]);
  });

  it('a known custodian is offered by name the next time', async () => {
    const ui = new StrongroomPage(await browser.newPage());
    await ui.open(strongroom.harness.url);
    const page = ui.page;
    if (await ui.isSignedIn()) await ui.signOut();
    await expect.poll(() => page.getByRole('button', { name: 'Dana Whitfield', exact: true }).count()).toBe(1);
    // A real kiosk's sign-in screen carries no practice notice.
    expect(await page.locator('.badge-practice').count()).toBe(0);
    await page.getByRole('button', { name: 'Dana Whitfield', exact: true }).click();
    await page.getByRole('navigation', { name: 'Jobs' }).waitFor();
    expect(strongroom.app.catalog.custodians.list().map((c) => c.name)).toEqual(['Dana Whitfield']);
  });

  it('shows a broken chain with the first bad entry when the catalog was tampered with', async () => {
    strongroom.app.catalog.db.prepare("UPDATE audit_events SET subject = 'Mallory' WHERE seq = 1").run();
    const ui = new StrongroomPage(await browser.newPage());
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs('Dana Whitfield');
    await ui.goTo('Audit');
    await expect.poll(() => ui.chainVerdict().getAttribute('data-chain')).toBe('broken');
    expect(await ui.chainVerdict().getAttribute('data-first-bad-seq')).toBe('1');
  });

  it('refuses API requests without the harness token', async () => {
    const response = await fetch(`${strongroom.harness.origin}/api/sessionStatus`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });
});
