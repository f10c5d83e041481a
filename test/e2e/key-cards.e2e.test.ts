import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MasterKeyShare } from '../../src-main/core/master-key-shares';
import type { Printer } from '../../src-main/platform/printer';
import { filesUnder } from '../support/cli';
import { SECOND_CUSTODIAN, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { chromiumMissingReason, type HarnessedStrongroom, StrongroomPage } from '../support/e2e';
import { writtenCustodyInBrowser, type WrittenCustody } from '../support/written-custody-browser';

const missing = chromiumMissingReason();
if (missing) console.warn(`Skipping browser e2e: ${missing}.`);

/** Who may hold a key card besides Dana: registered custodians, as the draw requires. */
const CARD_HOLDERS = [SECOND_CUSTODIAN, 'Ravi Chandran'];

const printer: Printer = {
  implementation: 'test',
  listPrinters: async () => [{ name: 'Laser', isDefault: true }],
  print: async (_pdf, name) => ({ printer: name, jobId: '1' }),
};

async function fillBreakGlass(page: Page, vaultCards: readonly string[]): Promise<void> {
  await page.getByLabel('Account').selectOption('111111111111');
  await page.getByLabel('Why is root access needed?').fill('Drill: opening the vault with key cards.');
  await expect.poll(() => page.getByLabel('Vault stick').inputValue()).not.toBe('');
  await page.getByLabel('Who types the seed passphrase').fill(SECOND_CUSTODIAN);
  for (const [index, card] of vaultCards.entries()) await page.getByLabel(`Key card ${index + 1} of 2 (scan its QR code)`).fill(card);
  await page.getByLabel('Seed master passphrase').fill(SEED_PASSPHRASE);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
}

describe.skipIf(missing !== null)('a vault under 2-of-3 key cards in the real renderer', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let kiosk: WrittenCustody;
  let shares: MasterKeyShare[];

  beforeAll(async () => {
    kiosk = await writtenCustodyInBrowser({
      app: { printer },
      others: CARD_HOLDERS,
      afterWrite: async (app) => {
        const drawn = await app.keyCards.draw({ role: 'vault', threshold: 2, holders: ['Dana Whitfield', SECOND_CUSTODIAN, 'Ravi Chandran'], paper: 'A4' });
        shares = app.keys.preparedSet(drawn.setId).cards.map((c) => c.share);
        for (const card of drawn.cards) await app.keyCards.printCard(drawn.setId, card.number, 'Laser');
        await app.keyCards.rekey({ setId: drawn.setId, current: VAULT_PASSPHRASE });
      },
    });
    ({ strongroom, browser } = kiosk);
  }, 120_000);
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('asks for two cards instead of the vault passphrase, refuses one, and opens with two', async () => {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1400, height: 1000 } }));
    const page = ui.page;
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs('Dana Whitfield');
    await ui.goTo('Break-glass');
    await page.getByLabel('Key card 1 of 2 (scan its QR code)').waitFor();
    expect(await page.getByLabel('Vault master passphrase').count()).toBe(0);

    await fillBreakGlass(page, [shares[2]!.qrText]);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Scan (or type) 2 vault key cards' }).count()).toBe(1);

    await fillBreakGlass(page, [shares[2]!.qrText, shares[0]!.qrText]);
    await page.locator('.breakglass-open').getByRole('heading', { name: /^Root login for / }).waitFor({ timeout: 60_000 });
  }, 120_000);
});

describe.skipIf(missing !== null)('drawing key cards in the real renderer', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let kiosk: WrittenCustody;
  // Keeps a reference to each card's PDF as main handed it over, to see that main wiped it after printing.
  const jobs: { printer: string; title: string; pdf: Uint8Array }[] = [];
  const keepingPrinter: Printer = {
    implementation: 'test',
    listPrinters: async () => [{ name: 'Laser', isDefault: true }],
    print: async (pdf, name, title) => (jobs.push({ printer: name, title, pdf }), { printer: name, jobId: String(jobs.length) }),
  };

  beforeAll(async () => {
    kiosk = await writtenCustodyInBrowser({ app: { printer: keepingPrinter }, others: CARD_HOLDERS });
    ({ strongroom, browser } = kiosk);
  }, 120_000);
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('draws 2 of 3 cards for the vault, prints them one at a time, re-keys, and the vault then opens with two of them', async () => {
    const { app } = strongroom;
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1366, height: 900 } }));
    const page = ui.page;
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs('Dana Whitfield');
    await ui.goTo('Key cards');
    await expect.poll(() => page.locator('[data-role="vault"][data-scheme="passphrase"]').count()).toBe(1);

    await page.getByLabel('Role to put under key cards').selectOption('vault');
    await page.getByLabel('Number of cards (one per holder)').fill('3');
    await page.getByLabel('Cards needed to open').fill('2');
    await page.getByLabel('Holder of card 1').selectOption('Dana Whitfield');
    await page.getByLabel('Holder of card 2').selectOption(SECOND_CUSTODIAN);
    // A holder already chosen cannot take a second card.
    expect(await page.getByLabel('Holder of card 3').locator('option', { hasText: 'Dana Whitfield' }).isDisabled()).toBe(true);
    await page.getByLabel('Holder of card 3').selectOption('Ravi Chandran');
    await page.getByRole('button', { name: 'Draw the key and prepare 3 cards' }).click();

    const panel = page.locator('.prepared-key-cards');
    await panel.waitFor();
    const set = app.keys.preparedFor('vault');
    expect(set?.cards.map((c) => c.holder)).toEqual(['Dana Whitfield', SECOND_CUSTODIAN, 'Ravi Chandran']);
    const shares = set!.cards.map((c) => c.share);

    // One card at a time, in order: the next holder's button waits for the card before.
    expect(await panel.getByRole('button', { name: `Print card 2 for ${SECOND_CUSTODIAN}` }).isDisabled()).toBe(true);
    for (const [index, holder] of ['Dana Whitfield', SECOND_CUSTODIAN, 'Ravi Chandran'].entries()) {
      await panel.getByRole('button', { name: `Print card ${index + 1} for ${holder}` }).click();
      await panel.locator(`[data-card="${index + 1}"][data-printed="true"]`).waitFor();
      expect(jobs).toHaveLength(index + 1);
      expect(jobs[index]!.title).toContain(`Key card ${index + 1} of 3 for ${holder}`);
      expect(jobs[index]!.pdf.every((byte) => byte === 0)).toBe(true);
    }

    await panel.getByLabel('Current vault master passphrase').fill(VAULT_PASSPHRASE);
    await panel.getByRole('button', { name: 'Re-key the vault with these cards' }).click();
    await page.locator('[data-rekeyed="vault"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('[data-role="vault"][data-scheme="cards"]').count()).toBe(1);
    expect(app.keys.scheme('vault')).toMatchObject({ kind: 'cards', threshold: 2, cardCount: 3, setId: set!.setId });

    // No share was ever in the window, and none is on the kiosk's disk or on a stick.
    const html = await page.content();
    const files = [...filesUnder(strongroom.home), ...filesUnder(kiosk.practice.root)];
    const onDisk = files.map((f) => { try { return readFileSync(f).toString('latin1'); } catch { return ''; } }).join('\n');
    for (const share of shares) {
      for (const where of [html, onDisk]) {
        expect(where).not.toContain(share.text);
        expect(where).not.toContain(share.lines[0]!.text);
      }
    }

    // Card 2 is scanned; card 3's QR code is taken as unreadable, so its holder types its printed lines.
    await ui.goTo('Break-glass');
    await page.getByLabel('Key card 1 of 2 (scan its QR code)').waitFor();
    await page.getByRole('button', { name: 'Type the lines of key card 2 instead' }).click();
    const typed = shares[2]!.lines;
    const line = (n: number) => page.getByLabel(`Key card 2 of 2, line ${n}`, { exact: true });
    const check = (n: number) => page.getByLabel(`Key card 2 of 2, check value of line ${n}`, { exact: true });
    // A slip on line 2 (one character changed) is named on that line at once.
    const slipped = typed[1]!.text.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await line(2).fill(slipped);
    await check(2).fill(typed[1]!.check);
    await line(1).focus();
    await expect.poll(() => page.locator('[data-line="2"][data-line-ok="false"]').count()).toBe(1);
    expect(await page.locator('[data-line="2"]').innerText()).toMatch(/line 2/i);
    for (const [index, printed] of typed.entries()) {
      // Typed as on paper: four groups with spaces between them.
      await line(index + 1).fill(printed.groups.join(' '));
      await check(index + 1).fill(printed.check);
    }
    await line(1).focus();
    await expect.poll(() => page.locator('[data-line][data-line-ok="true"]').count()).toBe(typed.length);
    expect(await page.locator('[data-line-ok="false"]').count()).toBe(0);
    await page.getByLabel('Account').selectOption('111111111111');
    await page.getByLabel('Why is root access needed?').fill('Drill: one card scanned, one typed by hand.');
    await expect.poll(() => page.getByLabel('Vault stick').inputValue()).not.toBe('');
    await page.getByLabel('Who types the seed passphrase').fill(SECOND_CUSTODIAN);
    await page.getByLabel('Key card 1 of 2 (scan its QR code)').fill(shares[1]!.qrText);
    await page.getByLabel('Seed master passphrase').fill(SEED_PASSPHRASE);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.locator('.breakglass-open').getByRole('heading', { name: /^Root login for / }).waitFor({ timeout: 60_000 });
    const combined = [...app.catalog.audit.all()].filter((e) => e.action === 'keycards.combined').at(-1);
    expect(combined).toMatchObject({ details: { set: set!.setId, cards: '2, 3', holders: `${SECOND_CUSTODIAN}, Ravi Chandran` } });
    expect(ui.consoleErrors).toEqual([]);
  }, 180_000);
});

describe.skipIf(missing !== null)('a vault set and a seed set drawn at once, neither re-keyed yet', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let kiosk: WrittenCustody;

  beforeAll(async () => {
    kiosk = await writtenCustodyInBrowser({ app: { printer }, others: CARD_HOLDERS });
    ({ strongroom, browser } = kiosk);
  }, 120_000);
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('shows both sets on the Key cards screen, each with its own cards to print', async () => {
    const { app } = strongroom;
    const vault = await app.keyCards.draw({ role: 'vault', threshold: 2, holders: ['Dana Whitfield', SECOND_CUSTODIAN, 'Ravi Chandran'], paper: 'A4' });
    const seed = await app.keyCards.draw({ role: 'seed', threshold: 2, holders: [SECOND_CUSTODIAN, 'Ravi Chandran'], paper: 'A4' });
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1366, height: 900 } }));
    const page = ui.page;
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs('Dana Whitfield');
    await ui.goTo('Key cards');
    const panels = page.locator('.prepared-key-cards');
    await expect.poll(() => panels.count()).toBe(2);
    const vaultPanel = page.getByRole('region', { name: `Key cards for the vault: any 2 of 3 (set ${vault.setId})` });
    const seedPanel = page.getByRole('region', { name: `Key cards for the seed store: any 2 of 2 (set ${seed.setId})` });
    expect(await vaultPanel.getAttribute('data-set')).toBe(vault.setId);
    expect(await seedPanel.getAttribute('data-set')).toBe(seed.setId);
    expect(await seedPanel.getByRole('button', { name: `Print card 1 for ${SECOND_CUSTODIAN}` }).count()).toBe(1);
    expect(await vaultPanel.getByRole('button', { name: 'Print card 1 for Dana Whitfield' }).count()).toBe(1);
    // Printing a seed card moves on the seed set only.
    await seedPanel.getByRole('button', { name: `Print card 1 for ${SECOND_CUSTODIAN}` }).click();
    await seedPanel.locator('[data-card="1"][data-printed="true"]').waitFor();
    expect(await vaultPanel.locator('[data-printed="true"]').count()).toBe(0);
    expect(ui.consoleErrors).toEqual([]);
  }, 180_000);
});
