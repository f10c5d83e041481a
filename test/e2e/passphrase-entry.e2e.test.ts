import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { confirmEnrolments, SEED_A, SEED_B, SEED_PASSPHRASE, SECOND_CUSTODIAN, stockCustody, TEST_KDF, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { registerAndSignIn, registerCustodians } from '../support/custodians';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';

const missing = chromiumMissingReason();
if (missing) console.warn(`Skipping browser e2e: ${missing}.`);

const VAULT_LABEL = 'Vault master passphrase (custodian group A)';
const SEED_LABEL = 'Seed master passphrase (custodian group B)';
const AGAIN_A = "Type group A's new passphrase again";
const AGAIN_B = "Type group B's new passphrase again";

/** The id of the element that has the keyboard focus: where a custodian who just pressed Enter now is. */
// Evaluated in the page; typed without the DOM library, which the Node side of the tests does not load.
type PageDocument = { activeElement: { id: string; hasAttribute: (name: string) => boolean } | null };
const focusedId = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: PageDocument }).document.activeElement?.id ?? '');
const values = async (form: Locator, labels: readonly string[]) => Promise.all(labels.map((l) => form.getByLabel(l, { exact: true }).inputValue()));

describe.skipIf(missing !== null)('master passphrase entry in the real renderer', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF });
    registerAndSignIn(strongroom.app, 'Dana Whitfield');
    registerCustodians(strongroom.app, SECOND_CUSTODIAN);
    await stockCustody(strongroom.app, practice);
    confirmEnrolments(strongroom.app, [['111111111111', SEED_A]]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  async function openAs(screen: 'Accounts' | 'Media' | 'Break-glass'): Promise<StrongroomPage> {
    const ui = new StrongroomPage(await browser.newPage({ viewport: { width: 1366, height: 900 } }));
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs('Dana Whitfield');
    await ui.goTo(screen);
    return ui;
  }

  it('asks twice for each brand-new passphrase, says which one is wrong, keeps what was right and suggests per group', async () => {
    const ui = await openAs('Accounts');
    const page = ui.page;
    const write = page.locator('section.write-panel');
    await expect.poll(() => write.locator('.stick-choice input[type="checkbox"]').count()).toBe(4);
    // No generation written yet: both passphrases are new, so each has a repeat box.
    await expect.poll(() => write.getByLabel(AGAIN_A).count()).toBe(1);
    expect(await write.getByLabel(AGAIN_B).count()).toBe(1);

    // Show: a toggle button whose pressed state is announced, unmasking only its own box.
    await write.getByLabel(VAULT_LABEL, { exact: true }).fill(VAULT_PASSPHRASE);
    const vaultShow = write.locator('.passphrase-vault').getByRole('button', { name: 'Show', exact: true }).first();
    expect(await vaultShow.getAttribute('aria-pressed')).toBe('false');
    await vaultShow.click();
    expect(await vaultShow.getAttribute('aria-pressed')).toBe('true');
    expect(await write.getByLabel(VAULT_LABEL, { exact: true }).getAttribute('type')).toBe('text');
    expect(await write.getByLabel(SEED_LABEL, { exact: true }).getAttribute('type')).toBe('password');
    await vaultShow.click();
    expect(await write.getByLabel(VAULT_LABEL, { exact: true }).getAttribute('type')).toBe('password');

    // Suggest: group A's suggestion shows in group A's field only; asking for group B's hides A's first.
    await write.getByRole('button', { name: 'Suggest a passphrase for group A' }).click();
    await expect.poll(() => write.locator('.passphrase-vault [data-suggestion-for="A"]').count()).toBe(1);
    expect(await write.locator('[data-suggestion-for]').count()).toBe(1);
    const suggestionA = await write.locator('[data-suggestion-for="A"] code').innerText();
    await write.getByRole('button', { name: 'Suggest a passphrase for group B' }).click();
    await expect.poll(() => write.locator('.passphrase-seed [data-suggestion-for="B"]').count()).toBe(1);
    expect(await write.locator('[data-suggestion-for="A"]').count()).toBe(0);
    expect(await write.innerText()).not.toContain(suggestionA);
    await write.locator('[data-suggestion-for="B"]').getByRole('button', { name: 'Hide' }).click();

    // The seed passphrase typed differently the second time: said beside group B's repeat box, nothing wiped.
    await write.getByLabel(AGAIN_A).fill(VAULT_PASSPHRASE);
    await write.getByLabel(SEED_LABEL, { exact: true }).fill(SEED_PASSPHRASE);
    await write.getByLabel(AGAIN_B).fill(`${SEED_PASSPHRASE}x`);
    await write.getByRole('button', { name: 'Write to media' }).click();
    const seedProblem = write.locator('.passphrase-seed .field-error');
    await expect.poll(() => seedProblem.count()).toBe(1);
    expect(await seedProblem.innerText()).toContain('seed master passphrase (custodian group B)');
    expect(await write.locator('.passphrase-vault .field-error').count()).toBe(0);
    await expect.poll(() => focusedId(page)).toBe(await seedProblem.getAttribute('id'));
    expect(await write.getByLabel(AGAIN_B).getAttribute('aria-invalid')).toBe('true');
    const typed = await values(write, [VAULT_LABEL, AGAIN_A, SEED_LABEL, AGAIN_B]);
    expect(typed.map((v) => v.length)).toEqual([VAULT_PASSPHRASE.length, VAULT_PASSPHRASE.length, SEED_PASSPHRASE.length, SEED_PASSPHRASE.length + 1]);
    expect(strongroom.app.catalog.generations.newestPublished('vault.kdbx')).toBe(0);

    // Main refuses group A's new passphrase as too weak: the message names group A, only group A's boxes are cleared.
    await write.getByLabel(AGAIN_B).fill(SEED_PASSPHRASE);
    await write.getByLabel(VAULT_LABEL, { exact: true }).fill('aws-root-2026');
    await write.getByLabel(AGAIN_A).fill('aws-root-2026');
    await write.getByRole('button', { name: 'Write to media' }).click();
    const vaultProblem = write.locator('.passphrase-vault .field-error');
    await expect.poll(() => vaultProblem.count(), { timeout: 60_000 }).toBe(1);
    expect(await vaultProblem.innerText()).toMatch(/vault master passphrase \(custodian group A\) is too weak/);
    await expect.poll(() => focusedId(page)).toBe(await vaultProblem.getAttribute('id'));
    expect(await values(write, [VAULT_LABEL, AGAIN_A])).toEqual(['', '']);
    expect((await values(write, [SEED_LABEL, AGAIN_B])).map((v) => v.length)).toEqual([SEED_PASSPHRASE.length, SEED_PASSPHRASE.length]);
    // The meter and the acceptance come from one rule: a refused passphrase is never called strong.
    await write.getByLabel(VAULT_LABEL, { exact: true }).fill('aws-root-2026');
    await expect.poll(() => write.locator('.passphrase-vault [data-acceptable]').getAttribute('data-acceptable')).toBe('false');
    const meter = await write.locator('.passphrase-vault .strength').innerText();
    expect(meter).toContain('not accepted');
    expect(meter).not.toMatch(/very strong|strong enough for/i);

    await write.getByLabel(VAULT_LABEL, { exact: true }).fill(VAULT_PASSPHRASE);
    await write.getByLabel(AGAIN_A).fill(VAULT_PASSPHRASE);
    await write.getByRole('button', { name: 'Write to media' }).click();
    await write.locator('.write-receipt').waitFor({ timeout: 60_000 });
    expect(strongroom.app.catalog.generations.newestPublished('vault.kdbx')).toBe(1);
    expect(ui.consoleErrors).toEqual([]);
  });

  it('changes a passphrase only when the new one is typed the same twice, and clears only a wrong current one', async () => {
    const ui = await openAs('Media');
    const page = ui.page;
    await page.getByRole('button', { name: 'Change the seed passphrase…' }).click();
    const form = page.getByRole('form', { name: 'Change the seed passphrase' });
    const current = 'Seed master passphrase (custodian group B)';
    const fresh = 'New seed master passphrase (custodian group B)';
    await form.getByLabel(current, { exact: true }).fill(SEED_PASSPHRASE);
    await form.getByLabel(fresh, { exact: true }).fill('quiver tundra lantern oboe saffron meadow');
    await form.getByLabel(AGAIN_B).fill('quiver tundra lantern oboe saffron meadows');
    await form.getByRole('button', { name: 'Change the seed passphrase' }).click();
    const problem = form.locator('.field-error');
    await expect.poll(() => problem.count()).toBe(1);
    expect(await problem.innerText()).toContain('new seed master passphrase (custodian group B)');
    await expect.poll(() => focusedId(page)).toBe(await problem.getAttribute('id'));
    expect((await values(form, [current, fresh])).every((v) => v !== '')).toBe(true);

    // A wrong current passphrase: only that box is cleared, the new one typed twice stays.
    await form.getByLabel(AGAIN_B).fill('quiver tundra lantern oboe saffron meadow');
    await form.getByLabel(current, { exact: true }).fill('not the seed passphrase at all, no');
    await form.getByLabel('Leave seed sticks that are not inserted behind').check();
    await form.getByRole('button', { name: 'Change the seed passphrase' }).click();
    await expect.poll(() => form.locator('[data-passphrase="current-seed"] .field-error').count(), { timeout: 60_000 }).toBe(1);
    expect(await form.locator('[data-passphrase="current-seed"] .field-error').innerText()).toContain('custodian group B');
    expect(await form.getByLabel(current, { exact: true }).inputValue()).toBe('');
    expect(await form.getByLabel(fresh, { exact: true }).inputValue()).toBe('quiver tundra lantern oboe saffron meadow');
    expect(await form.getByLabel(AGAIN_B).inputValue()).toBe('quiver tundra lantern oboe saffron meadow');
    expect(ui.consoleErrors).toEqual([]);
  });

  it('break-glass: the second custodian starts empty, a wrong passphrase is named and only it is wiped, other refusals wipe nothing', async () => {
    const ui = await openAs('Break-glass');
    const page = ui.page;
    await page.getByLabel('Account').selectOption('111111111111');
    await page.getByLabel('Why is root access needed?').fill('Drill: root login test for the quarterly check.');
    await expect.poll(() => page.getByLabel('Vault stick').inputValue()).not.toBe('');
    expect(await page.getByLabel('Who types the vault passphrase').inputValue()).toBe('Dana Whitfield');
    expect(await page.getByLabel('Who types the seed passphrase').inputValue()).toBe('');

    // A second custodian nobody registered: not about a passphrase, so both stay typed; the message sits by Open.
    await page.getByLabel('Who types the seed passphrase').fill('Nobody Registered');
    await page.getByLabel('Vault master passphrase').fill(VAULT_PASSPHRASE);
    await page.getByLabel('Seed master passphrase').fill(SEED_PASSPHRASE);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const refusal = page.locator('.breakglass-form [data-error-code]');
    await expect.poll(() => refusal.count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: PageDocument }).document.activeElement?.hasAttribute('data-error-code') ?? false)).toBe(true);
    expect(await page.getByLabel('Vault master passphrase').inputValue()).toBe(VAULT_PASSPHRASE);
    expect(await page.getByLabel('Seed master passphrase').inputValue()).toBe(SEED_PASSPHRASE);

    // A wrong seed passphrase: named beside its field and focused; the vault passphrase stays.
    await page.getByLabel('Who types the seed passphrase').fill(SECOND_CUSTODIAN);
    await page.getByLabel('Seed master passphrase').fill('this is not the seed passphrase');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const seedProblem = page.locator('#bg-seed-passphrase-problem');
    await expect.poll(() => seedProblem.count(), { timeout: 60_000 }).toBe(1);
    expect(await seedProblem.innerText()).toMatch(/seed master passphrase/i);
    await expect.poll(() => focusedId(page)).toBe('bg-seed-passphrase-problem');
    expect(await page.getByLabel('Seed master passphrase').inputValue()).toBe('');
    expect(await page.getByLabel('Vault master passphrase').inputValue()).toBe(VAULT_PASSPHRASE);
    expect(ui.consoleErrors).toEqual([]);
  });

  it('offers "Copy newest" only to a stick that is behind, and copies only once the custodian confirms both sticks by id', async () => {
    const ui = await openAs('Media');
    const page = ui.page;
    const card = (mediumId: string) => page.locator('article.card').filter({ has: page.locator('h2', { hasText: mediumId }) });
    await expect.poll(() => card('VAULT-02').count()).toBe(1);
    // Every stick holds generation 1: there is nothing to copy anywhere.
    expect(await page.getByRole('button', { name: /^Copy newest/ }).count()).toBe(0);

    confirmEnrolments(strongroom.app, [['222222222222', SEED_B]]);
    await strongroom.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE, vaultMedia: ['VAULT-01'], seedMedia: ['SEEDS-01'] });
    strongroom.app.mediaFeed.bump();
    const copy = card('VAULT-02').getByRole('button', { name: 'Copy newest from VAULT-01…' });
    await expect.poll(() => copy.count()).toBe(1);
    expect(await card('VAULT-01').getByRole('button', { name: /^Copy newest/ }).count()).toBe(0);

    await copy.click();
    const confirm = page.getByRole('alertdialog', { name: 'Copy from VAULT-01 to VAULT-02' });
    expect(await confirm.innerText()).toContain('Copy generation 2 from VAULT-01 onto VAULT-02?');
    await confirm.getByRole('button', { name: 'Do not copy' }).click();
    expect(await confirm.count()).toBe(0);
    expect(strongroom.app.catalog.generations.currentOf('VAULT-02', 'vault.kdbx')?.generation).toBe(1);

    await copy.click();
    await confirm.getByRole('button', { name: 'Copy from VAULT-01 to VAULT-02' }).click();
    await expect.poll(() => strongroom.app.catalog.generations.currentOf('VAULT-02', 'vault.kdbx')?.generation, { timeout: 60_000 }).toBe(2);
    await expect.poll(() => card('VAULT-02').getByRole('button', { name: /^Copy newest/ }).count()).toBe(0);
    expect(ui.consoleErrors).toEqual([]);
  });
});
