import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseCsv } from '../../src-main/core/csv';
import { enrolAndWrite, stockCustody, TEST_KDF } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';
import { registerAndSignIn } from '../support/custodians';

const missing = chromiumMissingReason();
if (missing) console.warn(`Skipping browser e2e: ${missing}.`);

/** Screenshots for a person to look at; not compared by the test. */
const SHOTS = process.env['STRONGROOM_SCREENSHOTS'] ?? '/tmp';

const utcDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(missing !== null)('the Audit screen in the browser', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;
  let sticks: Awaited<ReturnType<typeof stockCustody>>;

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF, printer: null });
    const app = strongroom.app;
    registerAndSignIn(app, 'Sam Okafor');
    app.session.setIdleLockMinutes(10);
    registerAndSignIn(app, 'Dana Whitfield');
    sticks = await stockCustody(app, practice);
    await enrolAndWrite(app);
    // A real refusal: a document of the seed role never goes on a vault stick.
    await app.media.saveDocument(sticks.vault1, 'seed', 'practice-seed-note.pdf', Buffer.from('%PDF-1.4'), 'the practice seed note').catch(() => undefined);
    app.session.setIdleLockMinutes(5);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  const openAudit = async (width = 1366, height = 768) => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width, height } }));
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs('Dana Whitfield');
    await ui.goTo('Audit');
    await expect.poll(() => ui.chainVerdict().getAttribute('data-chain')).toBe('verified');
    await expect.poll(() => ui.auditRows().count()).toBeGreaterThan(10);
    return ui;
  };

  it('shows each entry in words, refusals highlighted, hashes short and labelled, the lock setting at the top', async () => {
    const ui = await openAudit();
    const page = ui.page;
    const refused = page.locator('tr[data-action="document.save-refused"]');
    await expect.poll(() => refused.count()).toBe(1);
    expect(await refused.getAttribute('data-highlight')).toBe('alarm');
    expect(await refused.locator('.audit-badge-alarm').innerText()).toBe('Refused');
    expect(await refused.innerText()).toContain('Refused to save the practice seed note on VAULT-01, which cannot take a seed document.');

    const written = page.locator('tr[data-action="artefact.written"]').first();
    const text = await written.innerText();
    expect(text).toMatch(/Generation 1 of (vault|seeds)\.kdbx written to (VAULT|SEEDS)-0\d, read back and verified\./);
    expect(text).toMatch(/SHA-256\s*[0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}…/);
    expect(text).not.toMatch(/[0-9a-f]{32}/i);
    expect(text).not.toContain('sha256:');
    expect(await written.getAttribute('data-highlight')).toBeNull();
    expect(await page.locator('.audit-table').innerText()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);

    // The lock setting sits above the trail, not below hundreds of rows.
    const lock = await page.getByLabel('Lock the kiosk after this long without keyboard or mouse input').boundingBox();
    const table = await page.locator('.audit-table').boundingBox();
    expect(lock!.y).toBeLessThan(table!.y);
    expect(lock!.y + lock!.height).toBeLessThan(768);
    expect(ui.consoleErrors).toEqual([]);
  });

  it('filters by custodian, action, medium and days, and searches free text, all in main', async () => {
    const ui = await openAudit();
    const page = ui.page;
    const rows = ui.auditRows();
    const count = page.locator('.audit-count');

    await page.getByLabel('Custodian', { exact: true }).selectOption('Sam Okafor');
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining('Sam Okafor signed out'), expect.stringContaining('Idle lock changed'), expect.stringContaining('Sam Okafor signed in')]);
    await expect.poll(() => count.innerText()).toMatch(/^3 of \d+ entries match this filter\.$/);
    await page.getByRole('button', { name: 'Clear filter' }).click();

    await page.getByLabel('Action', { exact: true }).selectOption({ label: (await page.getByLabel('Action', { exact: true }).locator('option', { hasText: 'Written and verified' }).innerText()).trim() });
    await expect.poll(() => rows.count()).toBe(4);
    for (const row of await rows.allInnerTexts()) expect(row).toContain('Written and verified');
    await page.getByRole('button', { name: 'Clear filter' }).click();

    await page.getByLabel('Account, medium or token').fill('vault-01');
    await expect.poll(async () => (await rows.allInnerTexts()).length).toBeGreaterThan(2);
    await expect.poll(async () => (await rows.allInnerTexts()).every((t) => t.includes('VAULT-01'))).toBe(true);
    await page.getByRole('button', { name: 'Clear filter' }).click();

    await page.getByLabel('Search').fill('read back');
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByLabel('Search').fill('read back seeds.kdbx');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole('button', { name: 'Clear filter' }).click();

    await page.getByLabel('Only refusals, failures and alarms').check();
    await expect.poll(() => page.locator('tr[data-highlight="alarm"]').count()).toBe(1);
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filter' }).click();

    await page.getByLabel('From (UTC day)').fill(utcDay(1));
    await expect.poll(() => page.getByText('No entry matches this filter.').count()).toBe(1);
    await page.getByLabel('From (UTC day)').fill(utcDay(-1));
    await page.getByLabel('To (UTC day)').fill(utcDay(1));
    await expect.poll(() => rows.count()).toBeGreaterThan(10);
    // A day written another way is refused with what to do, and what was typed stays.
    await page.getByLabel('To (UTC day)').fill('12/01/2026');
    await expect.poll(() => page.locator('.audit-filter [data-error-code="AUDIT_FILTER_INVALID"]').count()).toBe(1);
    expect(await page.getByLabel('To (UTC day)').inputValue()).toBe('12/01/2026');
    expect(await page.getByLabel('From (UTC day)').inputValue()).toBe(utcDay(-1));
    await page.getByRole('button', { name: 'Clear filter' }).click();
    await expect.poll(() => page.locator('.audit-filter [data-error-code]').count()).toBe(0);
    expect(ui.consoleErrors).toEqual([]);
  });

  it('exports the shown entries as CSV to the reports folder and as a PDF with the chain head to a stick', async () => {
    const ui = await openAudit();
    const page = ui.page;
    await page.getByLabel('Search').fill('VAULT-02');
    await expect.poll(() => page.locator('.audit-count').innerText()).toMatch(/^\d+ of \d+ entries match this filter\.$/);
    const shown = Number(/^(\d+) of/.exec(await page.locator('.audit-count').innerText())![1]);
    await expect.poll(() => page.locator('#audit-export-title').innerText()).toBe(`Export the ${shown} entries shown`);

    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csvNotice = page.locator('[data-exported="csv"]');
    await csvNotice.waitFor();
    expect(await csvNotice.innerText()).toMatch(new RegExp(`^Saved ${shown} entries as CSV in the kiosk’s reports folder as audit-\\d{8}T\\d{6}Z-${shown}-entries\\.csv\\. Chain head event \\d+ \\(seal [0-9A-F ]{19}…\\), chain verified\\.$`));
    // Focus moves to the outcome, so a keyboard user hears it.
    expect(await csvNotice.evaluate((node) => (node as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === node)).toBe(true);
    const csvName = /as (audit-\S+\.csv)\./.exec(await csvNotice.innerText())![1]!;
    const records = parseCsv(readFileSync(join(strongroom.home, 'reports', csvName), 'utf8'));
    expect(records).toHaveLength(shown + 1);
    for (const record of records.slice(1)) expect(record.cells.join(' ')).toContain('VAULT-02');

    const destination = page.getByLabel('Save to');
    await expect.poll(() => destination.locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['VAULT-02 — vault stick', 'SEEDS-01 — seed stick']));
    await destination.selectOption({ label: 'VAULT-02 — vault stick' });
    await page.getByRole('button', { name: 'Export PDF' }).click();
    const pdfNotice = page.locator('[data-exported="pdf"]');
    await pdfNotice.waitFor({ timeout: 60_000 });
    const said = await pdfNotice.innerText();
    expect(said).toMatch(/^Saved \d+ entries as PDF on VAULT-02 as STRONGROOM\/audit-\S+\.pdf\./);
    const location = /as (STRONGROOM\/audit-\S+\.pdf)\./.exec(said)![1]!;
    const headSeq = Number(/Chain head event (\d+)/.exec(said)![1]);
    const head = [...strongroom.app.catalog.audit.all()].find((e) => e.seq === headSeq)!;
    // The head printed is the trail's newest entry when the PDF was made: the CSV export's own entry.
    expect(head.action).toBe('audit.exported');
    const pdf = execFileSync('pdftotext', ['-layout', join(sticks.vault2, location), '-'], { encoding: 'utf8' });
    const seal = (head.hash.slice(0, 16).toUpperCase().match(/.{4}/g) ?? []).join(' ');
    expect(pdf).toContain(`Chain head event ${head.seq} · ${seal}`);
    expect(pdf).toContain(`Audit chain verified: ${head.seq} entries`);
    expect(pdf).toContain('containing “vault-02”');
    expect(pdf).toContain('PRACTICE');

    // Both exports are on the trail now, and the screen shows them.
    await page.getByRole('button', { name: 'Clear filter' }).click();
    await page.getByLabel('Action', { exact: true }).selectOption('audit.exported');
    await expect.poll(() => ui.auditRows().count()).toBe(2);
    expect(await ui.auditRows().first().innerText()).toContain('exported as PDF to VAULT-02');
    expect(ui.consoleErrors).toEqual([]);
  });

  it.each([
    [1366, 768],
    [1024, 768],
  ])('fits a %i×%i window: nothing of the Audit screen is cut off or scrolls sideways', async (width, height) => {
    const ui = await openAudit(width, height);
    const page = ui.page;
    await page.screenshot({ path: join(SHOTS, `strongroom-audit-${width}x${height}.png`) });
    await page.locator('tr[data-action="document.save-refused"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `strongroom-audit-${width}x${height}-entries.png`) });
    // The screen's own parts; the top bar belongs to the window frame, shared by every screen.
    type Box = { getBoundingClientRect(): { right: number }; tagName: string; className: string };
    const beyond = await page.locator('.audit-screen, .audit-screen *').evaluateAll(
      (nodes, limit) => (nodes as unknown as Box[]).filter((n) => n.getBoundingClientRect().right > limit + 0.5).map((n) => `${n.tagName.toLowerCase()}.${n.className}`),
      width,
    );
    expect(beyond).toEqual([]);
    const table = await page.locator('.audit-table').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(table).toBeLessThanOrEqual(0);
  });

  it('says practice on the sign-in screen as on every other', async () => {
    const ui = await openAudit();
    await ui.signOut();
    await expect.poll(() => ui.page.locator('.custodian-screen .badge-practice').innerText()).toContain('PRACTICE');
  });
});
