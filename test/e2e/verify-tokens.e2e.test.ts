import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TEST_KDF } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { FakeClock } from '../support/fake-clock';
import { FakeHidPort, fakeYubiKey } from '../support/fake-hid';
import { PracticeMedia } from '../support/practice-media';
import { registerAndSignIn } from '../support/custodians';

const missing = chromiumMissingReason();
const pdftotext = spawnSync('which', ['pdftotext']).status === 0;

describe.skipIf(missing !== null)('the token step of the quarterly verification, in the browser with security keys plugged in', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;
  const hid = new FakeHidPort();
  const clock = new FakeClock();

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF, hid, tokenDetection: { pollMs: 200 }, clock });
    const app = strongroom.app;
    registerAndSignIn(app, 'Dana Whitfield');
    app.accounts.add({ accountId: '555555555555', name: 'legal-hold', rootEmail: 'aws+legal@example.com' });
    app.accounts.add({ accountId: '666666666666', name: 'archive', rootEmail: 'aws+archive@example.com' });
    app.tokens.add({ kind: 'fido', serial: '12345678', make: 'Yubico', model: 'YubiKey 5 NFC', location: 'Safe A, shelf 2', accountIds: ['555555555555'] });
    app.tokens.add({ kind: 'totp', serial: 'GAHT-0042', model: 'Display token', location: 'Safe A, shelf 3', accountIds: ['666666666666'] });
    app.tokens.add({ kind: 'totp', serial: 'GAHT-0099', model: 'Display token', location: 'Safe B', accountIds: ['666666666666'] });
    // A quarter and a bit later: every token's check is overdue.
    clock.advanceMinutes((app.catalog.settings.read().verificationIntervalDays + 5) * 24 * 60);
    app.session.signIn('Dana Whitfield');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('names each overdue token on every screen, presents them in the run, fails the one not presented, and reports the tokens', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1366, height: 900 } }));
    await ui.open(strongroom.harness.url);
    const page = ui.page;
    const overdueNotices = () => page.locator('[aria-label="Custody status"] [data-alert="tokens-unverified"]').allInnerTexts();
    for (const screen of ['Accounts', 'Audit'] as const) {
      await ui.goTo(screen);
      await expect.poll(overdueNotices).toHaveLength(3);
      const notices = await overdueNotices();
      expect(notices[0]).toMatch(/^Token check overdue: TOKEN-01 \(YubiKey 5 NFC, serial 12345678\), in Safe A, shelf 2, was due for its check on \d{4}-\d\d-\d\d \(never verified/);
      expect(notices.join('\n')).toContain('TOKEN-03 (Display token, serial GAHT-0099), in Safe B');
    }

    await ui.goTo('Verify');
    const scheduled = page.getByRole('table', { name: 'When each token of the safe is due' }).locator('tr[data-token="TOKEN-03"]');
    await expect.poll(() => scheduled.innerText()).toMatch(/TOKEN-03 \(Display token, serial GAHT-0099\)\s+Safe B\s+never\s+\d{4}-\d\d-\d\d overdue by 5 days/);
    await page.getByRole('button', { name: 'Start a verification' }).click();
    const count = page.locator('[data-token-count]');
    await expect.poll(() => count.innerText()).toBe('Hardware tokens: 0 of 3 in the safe presented');
    const row = (tokenId: string) => page.locator(`.token-step li[data-token="${tokenId}"]`);
    expect(await row('TOKEN-03').innerText()).toMatch(/Waiting — hardware TOTP display token, Safe B; check overdue since \d{4}-\d\d-\d\d/);

    // The key from the safe is plugged in: the step reads it and it is presented over USB.
    hid.plug(fakeYubiKey({ serial: 12345678 }));
    const present = page.getByRole('button', { name: /^Present the plugged-in / });
    await present.waitFor({ timeout: 60_000 });
    await present.click();
    await expect.poll(() => row('TOKEN-01').getAttribute('data-state')).toBe('presented');

    const bySerial = page.getByRole('form', { name: 'Present a token by its serial' });
    await bySerial.getByLabel('Serial printed on the token').fill('gaht 0042');
    await bySerial.getByRole('button', { name: 'Present by serial' }).click();
    await expect.poll(() => row('TOKEN-02').getAttribute('data-state')).toBe('presented');
    expect(await count.innerText()).toBe('Hardware tokens: 2 of 3 in the safe presented');
    // A token the inventory does not know is said so, and kept in the run.
    await bySerial.getByLabel('Serial printed on the token').fill('ZZ-0001');
    await bySerial.getByRole('button', { name: 'Present by serial' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Presented in this run' }).innerText()).toContain('Not in the inventory — the typed serial ZZ-0001');

    // TOKEN-03 is in the other safe: the verifier says so; it is still missing, with the reason beside it.
    await row('TOKEN-03').getByRole('button', { name: 'Record why TOKEN-03 is not presented' }).click();
    const why = page.getByRole('form', { name: 'Why TOKEN-03 is not presented' });
    await why.getByLabel(/Why it is not presented/).fill('no');
    await why.getByRole('button', { name: 'Record it' }).click();
    await expect.poll(() => page.locator('.token-step [data-error-code]').getAttribute('data-error-code')).toBe('REASON_TOO_SHORT');
    expect(await why.getByLabel(/Why it is not presented/).inputValue()).toBe('no');
    await why.getByLabel(/Why it is not presented/).fill('Safe B was not opened today');
    await why.getByRole('button', { name: 'Record it' }).click();
    await expect.poll(() => row('TOKEN-03').innerText()).toContain('not presented: Safe B was not opened today (Dana Whitfield)');
    expect(await row('TOKEN-03').getAttribute('data-state')).toBe('waiting');

    await page.getByRole('button', { name: 'Every token is presented: judge the token check' }).click();
    const judged = page.locator('.token-step').getByRole('article', { name: 'Tokens failed' });
    await judged.waitFor();
    const missingRow = judged.locator('li[data-token="TOKEN-03"]');
    expect(await missingRow.innerText()).toMatch(/^Fail — TOKEN-03/);
    expect(await missingRow.innerText()).toContain('archive (666666666666)');
    expect(await missingRow.innerText()).toContain('Not presented, said Dana Whitfield: Safe B was not opened today.');
    expect(await judged.locator('li[data-token="TOKEN-01"]').innerText()).toMatch(/^Pass — TOKEN-01/);

    await page.getByRole('button', { name: 'Finish and make the report' }).click();
    const summary = page.locator('[data-report]');
    await expect.poll(() => summary.count()).toBe(1);
    expect(await summary.innerText()).toContain('The token check failed: TOKEN-03');
    expect(await page.getByRole('article', { name: 'Tokens failed' }).count()).toBe(1);
    expect(strongroom.app.catalog.audit.head()).toMatchObject({ action: 'verification.finished', details: { tokens: 'failed', failed: 'tokens' } });
    if (pdftotext) {
      const savedTo = (await summary.locator('code').nth(1).innerText()).trim();
      const text = spawnSync('pdftotext', [savedTo, '-'], { encoding: 'utf8' }).stdout;
      for (const id of ['TOKEN-01', 'TOKEN-02', 'TOKEN-03']) expect(text).toContain(id);
      expect(text.replace(/\s+/g, ' ')).toContain('Safe B was not opened today');
    }

    // The two presented tokens are no longer overdue; the missing one still is, and the failed check is named.
    await ui.goTo('Accounts');
    await expect.poll(overdueNotices).toHaveLength(2);
    const after = (await overdueNotices()).join('\n');
    expect(after).toContain('FAILED for TOKEN-03');
    expect(after).toContain('Token check overdue: TOKEN-03');
    expect(after).not.toContain('Token check overdue: TOKEN-01');
    expect(ui.consoleErrors).toEqual([]);
  });
});
