import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TEST_KDF } from '../support/custody-fixture';
import { registerAndSignIn } from '../support/custodians';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';

const missing = chromiumMissingReason();
if (missing) console.warn(`Skipping browser e2e: ${missing}.`);

describe.skipIf(missing !== null)('custodians and custody incidents in the window', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF, printer: null });
    registerAndSignIn(strongroom.app, 'Dana Whitfield');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('shows an open custody incident on every screen until a custodian resolves it with what was done', async () => {
    const app = strongroom.app;
    const incident = app.incidents.openOneStickBreakGlass({ accountId: '111111111111', vaultMedium: 'VAULT-03', seedMedium: 'VAULT-03', device: '/dev/sdq' });
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1366, height: 768 } }));
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs('Dana Whitfield');
    const notice = ui.page.locator(`[data-alert="custody-incident"][data-incident="${incident.incidentId}"]`);

    for (const screen of ['Accounts', 'Custodians'] as const) {
      await ui.goTo(screen);
      await expect.poll(() => notice.count()).toBe(1);
      expect(await notice.innerText()).toContain(incident.sentence);
    }

    await notice.getByRole('button', { name: 'Resolve…' }).click();
    const resolution = notice.getByLabel('What was done about it (goes on the audit trail)');
    const resolve = notice.getByRole('button', { name: 'Resolve', exact: true });
    await resolution.fill('done');
    expect(await resolve.isDisabled()).toBe(true);
    await resolution.fill('VAULT-03 taken out of service; root password and MFA seed of 111111111111 rotated.');
    await resolve.click();
    await expect.poll(() => notice.count()).toBe(0);
    await ui.goTo('Accounts');
    await ui.page.getByRole('status', { name: 'Custody status' }).waitFor();
    expect(await ui.page.locator('[data-alert="custody-incident"]').count()).toBe(0);

    expect(app.incidents.unresolved()).toEqual([]);
    const resolved = [...app.catalog.audit.all()].filter((e) => e.action === 'incident.resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({
      custodian: 'Dana Whitfield',
      subject: '111111111111',
      details: { incident: incident.incidentId, resolution: 'VAULT-03 taken out of service; root password and MFA seed of 111111111111 rotated.' },
    });
    expect(ui.consoleErrors).toEqual([]);
  });

  it('lets a signed-in custodian register another, refuses a look-alike name, and the new custodian can then sign in', async () => {
    const app = strongroom.app;
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1366, height: 768 } }));
    const page = ui.page;
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs('Dana Whitfield');
    await ui.goTo('Custodians');
    const roster = page.getByRole('table', { name: 'Registered custodians' });
    await roster.locator('[data-custodian="Dana Whitfield"]').waitFor();
    expect(await roster.locator('tbody tr').count()).toBe(1);

    const field = page.getByLabel('Their full name, as colleagues know it');
    await field.fill('Ravi  Chandran');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.locator('[data-registered="Ravi Chandran"]').waitFor();
    const row = roster.locator('[data-custodian="Ravi Chandran"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('Dana Whitfield');
    expect(await field.inputValue()).toBe('');

    await field.fill('ravi chandrán');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'That custodian is already registered' }).count()).toBe(1);
    expect(await roster.locator('tbody tr').count()).toBe(2);

    const registered = [...app.catalog.audit.all()].filter((e) => e.action === 'custodian.registered');
    expect(registered.map((e) => [e.custodian, e.subject])).toEqual([['Dana Whitfield', 'Ravi Chandran']]);

    await ui.signOut();
    await ui.signInAs('Ravi Chandran');
    expect(await page.locator('.who').innerText()).toContain('Ravi Chandran');
    expect(ui.consoleErrors).toEqual([]);
  });
});
