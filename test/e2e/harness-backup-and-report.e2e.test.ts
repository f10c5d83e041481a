import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Catalog } from '../../src-main/catalog/catalog';
import { buildOtpauthUri } from '../../src-main/core/otpauth';
import { parseSeed } from '../../src-main/core/seed';
import { osNetworkProbe } from '../../src-main/platform/network-probe';
import { SECOND_CUSTODIAN, SEED_A, SEED_B, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { chromiumMissingReason, launchChromium, StrongroomPage } from '../support/e2e';
import { HARNESS_CUSTODIAN, startHarnessOnCustody } from '../support/harness-custody';
import { missingPdfReaders, pdfPages, qrCodesIn } from '../support/pdf-read';

const missing = chromiumMissingReason() ?? (missingPdfReaders().length ? `${missingPdfReaders().join(', ')} not installed` : null);
if (missing) console.warn(`Skipping harness e2e of the seed backup and verification report: ${missing}.`);

// The harness process judges the air gap with the real probe, as the kiosk does. On a networked machine (this
// one) the seed backup is refused until a custodian records a lab override in the window.
const networked = osNetworkProbe.activeInterfaces().length > 0;
const OVERRIDE_REASON = 'Practice run of the paper seed backup on the lab bench, sticks are practice folders';
const MEDIA = ['VAULT-01', 'VAULT-02', 'SEEDS-01', 'SEEDS-02'] as const;
/** Screenshots for a person to look at; not compared by the test. */
const SHOTS = process.env['STRONGROOM_SCREENSHOTS'] ?? '/tmp';

/** Every file under a folder, read whole: a secret found in any of them reached the kiosk's disk. */
function filesUnder(dir: string): Buffer[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [readFileSync(path)];
  });
}

/**
 * The two documents that hold or prove custody — the paper seed backup and the quarterly verification report —
 * prepared and saved through the process and bundle `npm run harness` serves, by a custodian using only the window.
 */
describe.skipIf(missing !== null)('the seed backup and the verification report through the `npm run harness` bundle', () => {
  let browser: Browser;
  let kiosk: Awaited<ReturnType<typeof startHarnessOnCustody>>;
  let ui: StrongroomPage;

  beforeAll(async () => {
    kiosk = await startHarnessOnCustody();
    browser = await launchChromium();
    ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1366, height: 768 } }));
    await ui.open(kiosk.harness.url);
    await ui.signInAs(HARNESS_CUSTODIAN);
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
  });

  it.skipIf(!networked)('records a lab override of the air gap in the window, refusing one without a real reason', async () => {
    const page = ui.page;
    const banner = page.locator('.airgap');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Network connected.');
    await banner.getByRole('button', { name: 'Lab use only: allow anyway…' }).click();
    const reason = banner.getByLabel('Why must secrets be opened on a networked machine?');
    await reason.fill('lab');
    await banner.getByRole('button', { name: 'Allow for lab use' }).click();
    await expect.poll(() => banner.locator('[data-error-code="REASON_TOO_SHORT"]').count()).toBe(1);
    expect(await reason.inputValue()).toBe('lab');

    await reason.fill(OVERRIDE_REASON);
    await banner.getByRole('button', { name: 'Allow for lab use' }).click();
    await expect.poll(() => banner.innerText()).toContain(`Lab override in force, recorded by ${HARNESS_CUSTODIAN}: “${OVERRIDE_REASON}”.`);
    await page.screenshot({ path: join(SHOTS, 'strongroom-harness-airgap-override.png') });
    expect(ui.consoleErrors).toEqual([]);
  });

  it('registers the second custodian on the Custodians screen', async () => {
    const page = ui.page;
    await ui.goTo('Custodians');
    await page.getByLabel('Their full name, as colleagues know it').fill(SECOND_CUSTODIAN);
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.locator(`[data-registered="${SECOND_CUSTODIAN}"]`).waitFor();
    await page.getByRole('table', { name: 'Registered custodians' }).locator(`[data-custodian="${SECOND_CUSTODIAN}"]`).waitFor();
    expect(ui.consoleErrors).toEqual([]);
  });

  it('prepares the paper seed backup under two-person control and saves it on a seed stick; it reads back to the seeds', async () => {
    const page = ui.page;
    await ui.goTo('Print');
    const form = page.getByRole('form', { name: 'Prepare a document' });
    await form.getByLabel('Paper seed backup').check();
    await form.getByLabel('Second custodian (registered, present now)').fill(SECOND_CUSTODIAN);
    await form.getByLabel('Seed master passphrase').fill(SEED_PASSPHRASE);
    await form.getByRole('button', { name: 'Prepare' }).click();
    await page.locator('img.page-image, [data-error-code]').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-error-code]').allInnerTexts()).toEqual([]);
    expect(await page.locator('.prepared-secret .secret-notice').count()).toBe(1);

    // No backup has left the kiosk yet, and every screen says so until one has.
    const noBackup = page.getByText(/No paper seed backup has been printed yet/);
    expect(await page.locator('[data-paper="stale"]').count()).toBe(1);
    // Only seed sticks are offered; the backup goes on the off-site one.
    const stick = page.getByLabel('Stick', { exact: true });
    await expect.poll(() => stick.locator('option').allInnerTexts()).toEqual([expect.stringMatching(/^SEEDS-0/), expect.stringMatching(/^SEEDS-0/)]);
    await stick.selectOption({ label: (await stick.locator('option').allInnerTexts()).find((t) => t.startsWith('SEEDS-02'))! });
    await page.getByRole('button', { name: 'Save on SEEDS-02' }).click();
    const saved = page.getByRole('status').filter({ hasText: /^Saved on SEEDS-02 as / });
    await expect.poll(() => saved.count(), { timeout: 60_000 }).toBe(1);
    // The saved backup counts at once, on the Print screen and in the custody bar, before it is discarded.
    await expect.poll(() => page.locator('[data-paper="stale"]').count()).toBe(0);
    await expect.poll(() => noBackup.count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'strongroom-harness-seed-backup-saved.png'), fullPage: true });
    const file = /Saved on SEEDS-02 as (\S+\.pdf)/.exec(await saved.innerText())?.[1];
    expect(file).toMatch(/^STRONGROOM\//);
    const pdf = join(kiosk.sticks.seed2, file!);

    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    for (const [index, text] of pages.entries()) expect(text, `page ${index + 1}`).toContain('PRACTICE');
    const text = pages.join('\n');
    for (const words of ['SECRET', 'prod-payments', '111111111111', 'prod-data', '222222222222']) expect(text).toContain(words);
    const expected = [
      buildOtpauthUri({ name: 'prod-payments', accountId: '111111111111' }, parseSeed(SEED_A)),
      buildOtpauthUri({ name: 'prod-data', accountId: '222222222222' }, parseSeed(SEED_B)),
    ];
    expect(qrCodesIn(pdf).sort()).toEqual(expected.sort());

    await page.getByRole('button', { name: 'Discard', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'wiped from memory' }).count()).toBe(1);
    expect(ui.consoleErrors).toEqual([]);
  });

  it('logs each stick’s seal, verifies the four sticks with their physical checks, and saves the report', async () => {
    const page = ui.page;
    await ui.goTo('Media');
    for (const id of MEDIA) {
      await page.getByRole('article', { name: id }).getByRole('button', { name: 'Log its seal…' }).click();
      const seal = page.getByRole('form', { name: `Log the seal of ${id}` });
      await seal.getByLabel(`Serial printed on the tamper-evident bag ${id} is sealed in`).fill(`SEAL-${id}`);
      await seal.getByRole('button', { name: 'Log the seal' }).click();
      await expect.poll(() => page.getByText(`The seal of ${id} is logged`).count()).toBe(1);
    }

    await ui.goTo('Verify');
    await page.getByRole('button', { name: 'Start a verification' }).click();
    const count = page.locator('[data-run-count]');
    await expect.poll(() => count.innerText()).toBe('0 of 4 sticks done');
    for (const [done, id] of MEDIA.entries()) {
      const form = page.getByRole('form', { name: 'Verify a stick' });
      await expect.poll(() => form.getByLabel('Stick to verify').locator('option').count(), { timeout: 60_000 }).toBe(4);
      await form.getByLabel('Stick to verify').selectOption({ label: `${id} (${id.startsWith('VAULT') ? 'vault' : 'seeds'})` });
      await form.getByLabel(/master passphrase/).fill(id.startsWith('VAULT') ? VAULT_PASSPHRASE : SEED_PASSPHRASE);
      await form.getByLabel('Serial printed on the tamper-evident bag').fill(`SEAL-${id}`);
      await form.getByRole('radiogroup', { name: /Is the bag intact/ }).getByLabel('Yes').check();
      await form.getByRole('radiogroup', { name: /recorded location/ }).getByLabel('Yes').check();
      await form.getByLabel('Serial of the new bag it goes into now (logged)').fill(`NEW-${id}`);
      await form.getByRole('button', { name: `Verify ${id}` }).click();
      await expect.poll(() => page.getByRole('article', { name: `${id} passed` }).count(), { timeout: 60_000 }).toBe(1);
      await expect.poll(() => count.innerText()).toBe(`${done + 1} of 4 sticks done`);
    }
    await page.getByRole('button', { name: 'Finish and make the report' }).click();
    const summary = page.locator('[data-report]');
    await expect.poll(() => summary.count(), { timeout: 60_000 }).toBe(1);
    expect(await summary.innerText()).toContain('every stick passed (4)');
    await page.screenshot({ path: join(SHOTS, 'strongroom-harness-verification-report.png'), fullPage: true });

    const report = (await summary.locator('code').nth(1).innerText()).trim();
    expect(report.startsWith(join(kiosk.home, 'reports'))).toBe(true);
    const pages = pdfPages(report);
    for (const [index, text] of pages.entries()) expect(text, `page ${index + 1}`).toContain('PRACTICE');
    const text = pages.join('\n');
    for (const id of MEDIA) expect(text).toContain(id);
    expect(text).not.toContain('FAILED');
    expect(ui.consoleErrors).toEqual([]);
  });

  it('shows the override with its reason on the Audit screen, and kept every step and no secret in what the harness wrote', async () => {
    await ui.goTo('Audit');
    if (networked) await expect.poll(() => ui.auditRows().filter({ hasText: OVERRIDE_REASON }).count()).toBe(1);
    await kiosk.harness.stop();

    const catalog = Catalog.open(kiosk.home);
    try {
      const events = [...catalog.audit.all()];
      const override = events.filter((e) => e.action === 'airgap.override');
      expect(override.map((e) => [e.custodian, e.details['reason']])).toEqual(networked ? [[HARNESS_CUSTODIAN, OVERRIDE_REASON]] : []);
      expect(events.filter((e) => e.action === 'custodian.registered').map((e) => [e.custodian, e.subject])).toEqual([[HARNESS_CUSTODIAN, SECOND_CUSTODIAN]]);
      const backup = events.filter((e) => e.action === 'document.saved' && e.subject === 'SEEDS-02');
      expect(backup).toHaveLength(1);
      // Made while the override was in force, and stamped so: an auditor sees the backup was not air-gapped.
      if (networked) expect(backup[0]!.details).toMatchObject({ networkOverride: true, networkOverrideBy: HARNESS_CUSTODIAN });
      expect(events.filter((e) => e.action === 'verification.finished')).toHaveLength(1);
      expect(catalog.audit.verify().intact).toBe(true);
    } finally {
      catalog.close();
    }

    const secrets = [SEED_A, SEED_B, SEED_PASSPHRASE, VAULT_PASSPHRASE];
    const written = [kiosk.harness.output.join(''), ...filesUnder(kiosk.home).map((bytes) => bytes.toString('latin1'))];
    for (const secret of secrets) for (const text of written) expect(text.includes(secret)).toBe(false);
  });
});
