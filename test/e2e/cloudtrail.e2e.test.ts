import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { enrolThenBreakGlass, lookupEventsOutput, rootSignIn, s3Key, s3LogFile } from '../support/cloudtrail-fixtures';
import { stockCustody, TEST_KDF } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { FakeClock } from '../support/fake-clock';
import { PracticeMedia } from '../support/practice-media';
import { registerAndSignIn } from '../support/custodians';

const missing = chromiumMissingReason();

function write(dir: string, relative: string, content: string | Buffer): void {
  const path = join(dir, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

describe.skipIf(missing !== null)('CloudTrail reconciliation in the browser', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;

  beforeAll(async () => {
    practice = new PracticeMedia();
    const clock = new FakeClock('2026-03-01T08:00:00.000Z');
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF, clock });
    const app = strongroom.app;
    registerAndSignIn(app, 'Dana Whitfield');
    const sticks = await stockCustody(app, practice);
    await enrolThenBreakGlass(app, clock, sticks);
    const logs = practice.insertStick('cloudtrail-logs');
    write(logs, s3Key('222222222222', '2026-03-02T09:15:00Z'), gzipSync(s3LogFile([rootSignIn({ accountId: '222222222222', at: '2026-03-02T09:14:07Z' })])));
    write(logs, 'AWSLogs/lookup.json', lookupEventsOutput([rootSignIn({ accountId: '111111111111', at: '2026-03-03T22:41:00Z', ip: '203.0.113.9', mfa: false })]));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('reads the logs on a stick and names the sign-in nobody can explain', async () => {
    const ui = new StrongroomPage(await browser.newPage());
    await ui.open(strongroom.harness.url);
    const page = ui.page;
    await page.getByRole('navigation', { name: 'Jobs' }).getByRole('button', { name: 'CloudTrail', exact: true }).click();
    await page.getByRole('heading', { name: 'CloudTrail', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Reconcile CloudTrail logs' });
    // Logs come on any stick, labelled or not: here the fifth, unlabelled one.
    await expect.poll(() => form.getByLabel('Stick with the logs').locator('option').count()).toBe(5);
    const option = form.getByLabel('Stick with the logs').locator('option', { hasText: 'cloudtrail-logs' });
    await form.getByLabel('Stick with the logs').selectOption((await option.getAttribute('value'))!);
    await form.getByLabel(/Folder on the stick/).fill('AWSLogs');
    await form.getByRole('button', { name: 'Reconcile' }).click();

    const result = page.locator('[data-reconciliation]');
    await expect.poll(() => result.count(), { timeout: 60_000 }).toBe(1);
    expect(await result.getAttribute('data-reconciliation')).toBe('unexplained');
    await expect.poll(() => result.getByRole('heading', { level: 2 }).innerText()).toBe('2 unexplained items');
    const alert = result.getByRole('alert');
    expect(await alert.locator('[data-finding="unexplained-sign-in"]').innerText()).toContain('111111111111 at 2026-03-03 22:41:00 UTC from 203.0.113.9, MFA used: NO');
    expect(await alert.locator('[data-finding="sign-in-without-mfa"]').count()).toBe(1);
    const rows = result.getByRole('table', { name: 'Root sign-ins' }).locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('data-status')).toBe('explained');
    expect(await rows.nth(0).innerText()).toContain('break-glass (audit event');
    expect(await rows.nth(0).innerText()).toContain('Dana Whitfield and Sam Okafor');
    expect(await rows.nth(1).getAttribute('data-status')).toBe('unexplained');
    expect(await result.innerText()).toMatch(/Report saved to .*cloudtrail-.*\.pdf/);

    // The import is on the audit trail.
    expect(strongroom.app.catalog.audit.head()).toMatchObject({ action: 'cloudtrail.reconciled', details: expect.objectContaining({ files: 2, unexplained: 2 }) });
    expect(ui.consoleErrors).toEqual([]);
  });
});
