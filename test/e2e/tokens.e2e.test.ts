import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TEST_KDF } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { FakeHidPort, fakeYubiKey, YUBIKEY_5_NFC_AAGUID } from '../support/fake-hid';
import { PracticeMedia } from '../support/practice-media';
import { registerAndSignIn } from '../support/custodians';

const missing = chromiumMissingReason();

async function openTokens(browser: Browser, strongroom: HarnessedStrongroom): Promise<{ ui: StrongroomPage; page: Page }> {
  const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1400, height: 1000 } }));
  await ui.open(strongroom.harness.url);
  await ui.page.getByRole('navigation', { name: 'Jobs' }).getByRole('button', { name: 'Tokens', exact: true }).click();
  await ui.page.getByRole('heading', { name: 'Tokens', level: 1 }).waitFor();
  return { ui, page: ui.page };
}

describe.skipIf(missing !== null)('the Tokens screen, with security keys plugged into the kiosk', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;
  const hid = new FakeHidPort();

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF, hid, tokenDetection: { pollMs: 200 } });
    registerAndSignIn(strongroom.app, 'Dana Whitfield');
    strongroom.app.accounts.add({ accountId: '555555555555', name: 'legal-hold', rootEmail: 'aws+legal@example.com' });
    strongroom.app.accounts.add({ accountId: '666666666666', name: 'archive', rootEmail: 'aws+archive@example.com' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('adds a token, registers it, checks it out to two custodians, and checks it in by plugging it in', async () => {
    const { ui, page } = await openTokens(browser, strongroom);
    await expect.poll(() => page.getByText('No security key is plugged in.').count()).toBe(1);

    await page.getByRole('button', { name: 'Add a token' }).click();
    const form = page.getByRole('form', { name: 'Add a token' });
    await form.getByLabel('Kind of token').selectOption('fido');
    await form.getByLabel('Serial (as printed on the token)').fill('1234 5678');
    await form.getByLabel('Make (optional)').fill('Yubico');
    await form.getByLabel('Model').fill('YubiKey 5 NFC');
    await form.getByLabel('Kept at (e.g. Safe A, shelf 2)').fill('Safe A, shelf 2');
    await form.getByLabel('legal-hold (555555555555)').check();
    await form.getByRole('button', { name: 'Add token' }).click();
    const row = page.locator('tr[data-token="TOKEN-01"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('in the safe');
    expect(await row.innerText()).toContain('legal-hold (555555555555)');

    const actions = page.locator('tr[data-token="TOKEN-01"] + tr');
    await actions.getByRole('button', { name: 'Register on accounts' }).click();
    await actions.getByLabel('archive (666666666666)').check();
    await actions.getByRole('button', { name: 'Register on accounts: TOKEN-01' }).click();
    await expect.poll(() => row.innerText()).toContain('archive (666666666666)');

    await actions.getByRole('button', { name: 'Check out' }).click();
    await actions.getByLabel('Who takes it (names, separated by commas)').fill('Dana Whitfield, Sam Okafor');
    await actions.getByLabel('Reason (goes on the audit trail)').fill('break-glass for legal-hold');
    await actions.getByRole('button', { name: 'Check out: TOKEN-01' }).click();
    await expect.poll(() => row.innerText()).toContain('checked out to Dana Whitfield and Sam Okafor');
    expect(strongroom.app.tokens.get('TOKEN-01').openCheckout?.custodians).toEqual(['Dana Whitfield', 'Sam Okafor']);

    // The key comes back and is plugged in: the screen reads it within a second or two and knows it.
    hid.plug(fakeYubiKey({ serial: 12345678 }));
    const card = page.locator('article[aria-label^="Plugged-in"]');
    await card.waitFor({ timeout: 60_000 });
    await expect.poll(() => card.innerText()).toContain('This is TOKEN-01 (YubiKey 5 NFC), recorded as checked out.');
    expect(await card.innerText()).toContain(YUBIKEY_5_NFC_AAGUID);
    expect(await card.innerText()).toContain('12345678 (read from the YubiKey)');
    await card.getByRole('button', { name: 'Check in TOKEN-01' }).click();
    await expect.poll(() => row.innerText()).toContain('in the safe');
    expect(await row.innerText()).toContain('read over USB');
    expect(strongroom.app.catalog.audit.head()).toMatchObject({ action: 'token.checked-in', subject: 'TOKEN-01', details: { how: 'hid' } });
    expect(ui.consoleErrors).toEqual([]);
  });

  it('offers to add a plugged-in key the inventory does not know, with what was read from it', async () => {
    const { ui, page } = await openTokens(browser, strongroom);
    hid.plug(fakeYubiKey({ serial: 24681357, product: 'YubiKey 5C NFC' }));
    const card = page.locator('article[aria-label="Plugged-in YubiKey 5C NFC"]');
    await card.waitFor({ timeout: 60_000 });
    await expect.poll(() => card.innerText()).toContain('No token in the inventory has the serial 24681357.');
    await card.getByRole('button', { name: 'Add to the inventory' }).click();
    const form = page.getByRole('form', { name: 'Add the plugged-in token to the inventory' });
    expect(await form.getByLabel('Serial (as printed on the token)').inputValue()).toBe('24681357');
    expect(await form.getByLabel('Model').inputValue()).toBe('YubiKey 5C NFC');
    await form.getByLabel('Kept at (e.g. Safe A, shelf 2)').fill('Safe B');
    await form.getByRole('button', { name: 'Add token' }).click();
    await page.locator('tr[data-token="TOKEN-02"]').waitFor();
    expect(strongroom.app.tokens.get('TOKEN-02')).toMatchObject({ serial: '24681357', aaguid: YUBIKEY_5_NFC_AAGUID, make: 'Yubico' });
    await expect.poll(() => card.innerText()).toContain('This is TOKEN-02');
    expect(ui.consoleErrors).toEqual([]);
  });

  it('checks a display token in by its typed serial, refusing the wrong one, and shows the MFA summary', async () => {
    strongroom.app.tokens.add({ kind: 'totp', serial: 'GAHT-0042', model: 'Display token', location: 'Safe A, shelf 3', accountIds: ['666666666666'] });
    strongroom.app.tokens.checkOut({ tokenId: 'TOKEN-03', reason: 'root sign-in drill' });
    const { ui, page } = await openTokens(browser, strongroom);
    const actions = page.locator('tr[data-token="TOKEN-03"] + tr');
    await actions.getByRole('button', { name: 'Check in by serial' }).click();
    await actions.getByLabel('Serial printed on the token in your hand').fill('GAHT-0043');
    await actions.getByRole('button', { name: 'Check in by serial: TOKEN-03' }).click();
    await expect.poll(() => actions.locator('[data-error-code]').getAttribute('data-error-code')).toBe('TOKEN_NOT_IDENTIFIED');
    await actions.getByLabel('Serial printed on the token in your hand').fill('gaht 0042');
    await actions.getByRole('button', { name: 'Check in by serial: TOKEN-03' }).click();
    await expect.poll(() => page.locator('tr[data-token="TOKEN-03"] [data-state]').getAttribute('data-state')).toBe('in-safe');

    const identify = page.getByRole('form', { name: 'Identify a token by its serial' });
    await identify.getByLabel(/serial printed on it/).fill('GAHT0042');
    await identify.getByRole('button', { name: 'Identify' }).click();
    await page.getByText('TOKEN-03 (Display token) is in the safe; recorded as seen.').waitFor();
    expect(strongroom.app.tokens.get('TOKEN-03').lastSeenHow).toBe('typed-serial');

    const summary = page.locator('section.token-report');
    await expect.poll(() => summary.innerText()).toContain('Accounts without hardware MFA: none');
    expect(await summary.innerText()).toContain('Lost or revoked tokens still registered: none');
    expect(ui.consoleErrors).toEqual([]);
  });
});

describe.skipIf(missing !== null)('the Tokens screen on a kiosk where USB security keys cannot be read', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;

  beforeAll(async () => {
    practice = new PracticeMedia();
    const hid = new FakeHidPort();
    hid.unavailableReason = 'The USB token reader (node-hid) could not load on this kiosk: libudev.so.1: cannot open shared object file';
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF, hid });
    registerAndSignIn(strongroom.app, 'Dana Whitfield');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('says so in words, and the inventory still works', async () => {
    const { ui, page } = await openTokens(browser, strongroom);
    const notice = page.locator('[data-hid="unavailable"]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('Strongroom cannot read USB security keys on this kiosk, so plugged-in tokens are not shown. Identify each token by the serial printed on it instead; everything else works.');
    await page.getByRole('button', { name: 'Add a token' }).click();
    const form = page.getByRole('form', { name: 'Add a token' });
    await form.getByLabel('Kind of token').selectOption('totp');
    await form.getByLabel('Serial (as printed on the token)').fill('GAHT-7');
    await form.getByLabel('Model').fill('Display token');
    await form.getByLabel('Kept at (e.g. Safe A, shelf 2)').fill('Safe A');
    await form.getByRole('button', { name: 'Add token' }).click();
    await page.locator('tr[data-token="TOKEN-01"]').waitFor();
    expect(ui.consoleErrors).toEqual([]);
  });
});
