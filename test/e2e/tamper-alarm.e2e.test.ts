import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TEST_KDF } from '../support/custody-fixture';
import { registerAndSignIn } from '../support/custodians';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';

const missing = chromiumMissingReason();
if (missing) console.warn(`Skipping browser e2e: ${missing}.`);

describe.skipIf(missing !== null)('a tamper alarm in the window', () => {
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

  it('stays on every screen until a custodian acknowledges it with a reason, which goes on the audit trail', async () => {
    const app = strongroom.app;
    // A stick whose audit copy was edited by hand: the kiosk refuses it and raises the alarm, as before a write.
    const judged = app.sticks.witness.judgeCopy('VAULT-07', '{"seq":1,"this is":"not an audit event"}\n');
    expect(judged.ok).toBe(false);
    const [alarm] = app.sticks.witness.open();
    expect(alarm?.subject).toBe('VAULT-07');

    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1366, height: 768 } }));
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs('Dana Whitfield');
    const notice = ui.page.getByRole('alert', { name: 'Tamper alarm' });

    for (const screen of ['Accounts', 'Media'] as const) {
      await ui.goTo(screen);
      await expect.poll(() => notice.count()).toBe(1);
      const text = await notice.innerText();
      expect(text).toContain(alarm!.sentence);
      expect(text).toContain('Keep VAULT-07 as evidence');
      expect(text).toContain('Compare with the other replicas');
      expect(text).toContain('call your security lead');
    }

    await notice.getByRole('button', { name: 'Acknowledge…' }).click();
    const reason = notice.getByLabel('What was found and done about it (goes on the audit trail)');
    const acknowledge = notice.getByRole('button', { name: 'Acknowledge', exact: true });
    await reason.fill('ok');
    expect(await acknowledge.isDisabled()).toBe(true);
    await reason.fill('Copy compared with VAULT-01 and SEEDS-01; stick bagged for security.');
    await acknowledge.click();
    await expect.poll(() => notice.count()).toBe(0);
    await ui.goTo('Accounts');
    expect(await notice.count()).toBe(0);

    expect(app.sticks.witness.open()).toEqual([]);
    const recorded = [...app.catalog.audit.all()].filter((event) => event.action === 'audit.tamper-alarm-acknowledged');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ custodian: 'Dana Whitfield', subject: 'VAULT-07', details: { alarm: alarm!.alarmId, reason: 'Copy compared with VAULT-01 and SEEDS-01; stick bagged for security.' } });
    expect(ui.consoleErrors).toEqual([]);
  });
});
