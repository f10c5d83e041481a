import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { lstat, open, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { base32Encode, parseSeed } from '../../src-main/core/seed';
import { twoConsecutiveCodes } from '../../src-main/core/totp';
import { SEED_PASSPHRASE, TEST_KDF, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { chromiumMissingReason, HarnessedStrongroom, launchChromium, StrongroomPage, typeMasterPassphrase } from '../support/e2e';
import { PracticeMedia } from '../support/practice-media';

const missing = chromiumMissingReason();
if (missing) console.warn(`Skipping browser e2e: ${missing}.`);

const CUSTODIAN = 'Dana Whitfield';
const SECOND_CUSTODIAN = 'Priya Raman';
const ACCOUNT_A = { id: '111111111111', name: 'prod-payments', email: 'aws+payments@example.com', ou: 'Production' };
const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'accounts');
const ACCOUNT_B = { id: '222222222222', name: 'prod-data', email: 'aws+data@example.com', ou: '' };

/**
 * Secrets made fresh for this run, so that finding one on disk can only mean this run leaked it (other suites
 * running at the same time use the fixture's fixed seeds and passphrases).
 */
function freshSecrets() {
  const tag = randomBytes(6).toString('hex');
  return {
    seedA: base32Encode(randomBytes(40)),
    seedB: base32Encode(randomBytes(40)),
    vaultPassphrase: `${VAULT_PASSPHRASE} ${tag}`,
    seedPassphrase: `${SEED_PASSPHRASE} ${tag}`,
  };
}

/** The two codes a panel shows, read from the page. */
async function shownCodes(scope: Locator): Promise<string[]> {
  return scope.locator('.otp-code').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-code') ?? ''));
}

/**
 * The screen polls once a second, so right after a 30-second window rolls over it may still show the old pair
 * for a moment; polling briefly absorbs that without accepting a code from any other seed.
 */
async function expectCodesOf(scope: Locator, seedText: string, count: 1 | 2): Promise<void> {
  const seed = parseSeed(seedText);
  await expect
    .poll(
      async () => {
        const shown = await shownCodes(scope);
        const { current, next } = twoConsecutiveCodes(seed, new Date());
        return shown.join(' ') === [current.code, next.code].slice(0, count).join(' ');
      },
      { timeout: 60_000, message: 'the codes on screen are the TOTP codes of the seed that was pasted' },
    )
    .toBe(true);
}

async function enrolThroughUi(page: Page, account: typeof ACCOUNT_A, pasted: string, recognised: string): Promise<string> {
  await page.getByRole('button', { name: `Enrol ${account.name}`, exact: true }).click();
  const panel = page.locator(`article.enrolment[data-account="${account.id}"]`);
  await panel.waitFor();

  await panel.getByRole('button', { name: 'Reveal password' }).click();
  const password = await panel.locator('[data-secret="password"]').innerText();
  // Checked without printing it: a failing assertion would put the password in the test log.
  expect(/^[!-~]{40}$/.test(password)).toBe(true);
  await panel.getByRole('button', { name: 'Hide password' }).click();
  expect(await panel.locator('[data-secret="password"]').count()).toBe(0);

  await panel.getByLabel('MFA secret key from AWS').fill(pasted);
  await panel.getByRole('button', { name: 'Use this secret key' }).click();
  await expect.poll(() => panel.getByText(recognised).count()).toBe(1);
  expect(await panel.getByLabel('MFA secret key from AWS').count()).toBe(0);
  await expectCodesOf(panel, pasted, 2);

  await panel.getByRole('button', { name: 'AWS accepted the codes' }).click();
  await expect.poll(() => panel.getByText('Ready to write').count()).toBe(1);
  return password;
}

async function openBreakGlassThroughUi(page: Page, secrets: ReturnType<typeof freshSecrets>): Promise<Locator> {
  await page.getByLabel('Account').selectOption(ACCOUNT_A.id);
  await page.getByLabel('Why is root access needed?').fill('Drill: root login test for the quarterly check.');
  await expect.poll(() => page.getByLabel('Vault stick').inputValue()).not.toBe('');
  await expect.poll(() => page.getByLabel('Seed stick').inputValue()).not.toBe('');
  await page.getByLabel('Who types the seed passphrase').fill(SECOND_CUSTODIAN);
  await page.getByLabel('Vault master passphrase').fill(secrets.vaultPassphrase);
  await page.getByLabel('Seed master passphrase').fill(secrets.seedPassphrase);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const open = page.locator('.breakglass-open');
  await open.getByRole('heading', { name: `Root login for ${ACCOUNT_A.name}` }).waitFor();
  return open;
}

/** Every byte pattern a secret could be stored as: as typed, lower case, and UTF-16 (Chromium keeps some state so). */
function needlesFor(named: Record<string, string>): { name: string; bytes: Buffer }[] {
  return Object.entries(named).flatMap(([name, text]) =>
    [...new Set([text, text.toLowerCase()])].flatMap((variant) => [
      { name, bytes: Buffer.from(variant, 'utf8') },
      { name: `${name} (UTF-16)`, bytes: Buffer.from(variant, 'utf16le') },
    ]),
  );
}

/**
 * Looks through every readable regular file under `root` written since `since` (ms since the epoch) for any
 * needle. The needles are made fresh by the test, so a file whose contents were last modified before then cannot
 * hold one; leaving such files out keeps the scan short however much else the temp folder holds. Stays on root's file
 * system (a mounted stick is not the kiosk's disk), skips `exclude`, and passes over entries that vanish or cannot
 * be read (other processes' folders come and go under the temp folder). Files are read a few at a time, in chunks.
 */
async function findSecretsOnDisk(
  root: string,
  needles: { name: string; bytes: Buffer }[],
  exclude: readonly string[],
  since: number,
): Promise<string[]> {
  const rootDevice = (await stat(root)).dev;
  const excluded = new Set(exclude.map((p) => resolve(p)));
  const longest = Math.max(...needles.map((n) => n.bytes.length));

  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (excluded.has(path)) continue;
      if (entry.isFile()) {
        const info = await lstat(path).catch(() => null);
        // A second of slack: some file systems keep whole-second times.
        if (info && info.mtimeMs >= since - 1000) files.push(path);
      } else if (entry.isDirectory()) {
        const info = await lstat(path).catch(() => null);
        if (info && info.dev === rootDevice) await walk(path);
      }
    }
  };
  await walk(resolve(root));

  const found = new Set<string>();
  const scanFile = async (path: string, chunk: Buffer) => {
    const handle = await open(path, 'r').catch(() => null);
    if (!handle) return;
    try {
      let position = 0;
      let carried = 0;
      for (;;) {
        const { bytesRead } = await handle.read(chunk, carried, chunk.length - carried, position);
        if (bytesRead === 0) break;
        const window = chunk.subarray(0, carried + bytesRead);
        for (const needle of needles) if (window.includes(needle.bytes)) found.add(`${needle.name} in ${path}`);
        position += bytesRead;
        // Keep the tail so a secret straddling two reads is still seen whole.
        carried = Math.min(longest - 1, window.length);
        window.copy(chunk, 0, window.length - carried);
      }
    } catch {
      // A file that disappears or cannot be read mid-way belongs to another process; nothing of ours is in it.
    } finally {
      await handle.close();
    }
  };
  let next = 0;
  const worker = async () => {
    const chunk = Buffer.alloc(4 * 1024 * 1024 + longest);
    while (next < files.length) await scanFile(files[next++]!, chunk);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return [...found].sort();
}

describe.skipIf(missing !== null)('enrolment and break-glass in the real renderer', () => {
  let browser: Browser;
  let strongroom: HarnessedStrongroom;
  let practice: PracticeMedia;

  beforeAll(async () => {
    practice = new PracticeMedia();
    strongroom = await HarnessedStrongroom.start({ media: practice.platform, kdf: TEST_KDF });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await strongroom?.stop();
    practice?.cleanup();
  });

  it('enrols two accounts, writes them to vault and seed sticks, opens one as root, and leaves no secret on the kiosk', async () => {
    const secretsMadeAt = Date.now();
    const secrets = freshSecrets();
    const ui = new StrongroomPage(await browser.newPage());
    const page = ui.page;
    await ui.open(strongroom.harness.url);
    await ui.signInAs(CUSTODIAN);
    // Dana, the kiosk's first custodian, registers the second custodian of two-person control.
    strongroom.app.custodians.register(SECOND_CUSTODIAN);

    // Two vault and two seed sticks; a third vault stick was labelled and is away, so it falls behind.
    const { media } = strongroom.app;
    await media.label({ devicePath: practice.insertStick('vault-1'), role: 'vault', location: { kind: 'onsite', note: 'Safe 1' } });
    await media.label({ devicePath: practice.insertStick('vault-2'), role: 'vault', location: { kind: 'offsite', note: 'Bank' } });
    await media.label({ devicePath: practice.insertStick('seed-1'), role: 'seed', location: { kind: 'onsite', note: 'Safe 2' } });
    await media.label({ devicePath: practice.insertStick('seed-2'), role: 'seed', location: { kind: 'offsite', note: 'Bank' } });
    await media.label({ devicePath: practice.insertStick('vault-3'), role: 'vault', location: { kind: 'offsite', note: 'Bank box 7' } });
    practice.removeStick('vault-3');

    await ui.goTo('Accounts');
    for (const account of [ACCOUNT_A, ACCOUNT_B]) {
      await page.getByRole('button', { name: 'Add an account' }).click();
      await page.getByLabel('AWS account id (12 digits)').fill(account.id);
      await page.getByLabel('Account name (as AWS Organizations shows it)').fill(account.name);
      await page.getByLabel('Root email address').fill(account.email);
      await page.getByLabel('Organizational unit (optional)').fill(account.ou);
      await page.getByRole('button', { name: 'Add account', exact: true }).click();
      await expect.poll(() => page.getByText(`Added ${account.name} (${account.id}).`).count()).toBe(1);
    }
    const rowA = page.locator(`tr[data-account="${ACCOUNT_A.id}"]`);
    expect(await rowA.innerText()).toContain('not enrolled');

    // Seed A as AWS's console shows it, typed in lower-case groups; seed B as the CLI's Base32StringSeed.
    const pastedA = secrets.seedA.toLowerCase().match(/.{1,4}/g)!.join(' ');
    const pastedB = Buffer.from(secrets.seedB, 'ascii').toString('base64');
    const passwordA = await enrolThroughUi(page, ACCOUNT_A, pastedA, 'read as the secret key AWS shows');
    const passwordB = await enrolThroughUi(page, ACCOUNT_B, pastedB, 'decoded from AWS’s Base32StringSeed');
    expect(passwordA === passwordB).toBe(false);

    const write = page.locator('section.write-panel');
    // Labelled behind the window's back (through the app, not the window): the panel still lists every stick.
    for (const stick of ['VAULT-01', 'VAULT-02', 'SEEDS-01', 'SEEDS-02']) await expect.poll(() => write.innerText()).toContain(stick);
    expect(await write.innerText()).toContain('Argon2id, 1 MiB, 1 pass');
    // The first generation: the passphrase typed now becomes the master passphrase, so its strength is shown.
    await write.getByLabel('Vault master passphrase (custodian group A)').fill('aws-root-2026');
    await expect.poll(() => write.locator('[data-acceptable]').first().getAttribute('data-acceptable')).toBe('false');
    await typeMasterPassphrase(write, 'vault', secrets.vaultPassphrase);
    await expect.poll(() => write.locator('[data-acceptable]').first().getAttribute('data-acceptable')).toBe('true');
    await typeMasterPassphrase(write, 'seed', secrets.seedPassphrase);
    await write.getByRole('button', { name: 'Write to media' }).click();
    const receipt = write.locator('.write-receipt');
    await receipt.waitFor({ timeout: 60_000 });
    expect(await receipt.locator('[data-role="vault"]').innerText()).toBe('Vault generation 1 (2 accounts) on VAULT-01, VAULT-02');
    expect(await receipt.locator('[data-role="seed"]').innerText()).toBe('Seed store generation 1 (2 accounts) on SEEDS-01, SEEDS-02');
    expect(await receipt.locator('[data-behind="VAULT-03"]').innerText()).toBe('VAULT-03 (off site, Bank box 7) holds nothing yet');
    expect(await write.getByLabel('Vault master passphrase (custodian group A)').count()).toBe(0);
    await expect.poll(() => rowA.innerText()).not.toContain('not enrolled');

    // Break-glass: the password and code come back from the sticks, not from anything the kiosk kept.
    await ui.goTo('Break-glass');
    let open = await openBreakGlassThroughUi(page, secrets);
    expect(await open.innerText()).toContain(ACCOUNT_A.email);
    expect(await open.innerText()).toContain('https://');
    await open.getByRole('button', { name: 'Reveal password' }).click();
    expect((await open.locator('[data-secret="password"]').innerText()) === passwordA).toBe(true);
    await expectCodesOf(open.locator('.bg-code-card'), secrets.seedA, 1);
    // The harness, like the CLI, has no clipboard: the screen says so instead of failing silently.
    await open.getByRole('button', { name: 'Copy password' }).click();
    await expect.poll(() => page.locator('[data-error-code="CLIPBOARD_UNAVAILABLE"]').count()).toBe(1);
    expect(await page.locator('[data-error-code="CLIPBOARD_UNAVAILABLE"]').innerText()).toContain('Reveal the password and type it instead');
    await open.getByRole('button', { name: 'Close and wipe' }).click();
    await expect.poll(() => page.getByText(`Closed. The password and MFA seed of ${ACCOUNT_A.name} were wiped from memory.`).count()).toBe(1);
    expect(strongroom.app.breakGlass.openCount).toBe(0);
    const opened = [...strongroom.app.catalog.audit.all()].filter((e) => e.action === 'breakglass.opened');
    expect(opened.at(-1)?.details).toMatchObject({ vaultCustodian: CUSTODIAN, seedCustodian: SECOND_CUSTODIAN });

    // When main wipes an open break-glass (idle or lock), the next poll brings the screen back to the start.
    open = await openBreakGlassThroughUi(page, secrets);
    const sessionId = await open.getAttribute('data-session');
    strongroom.app.breakGlass.close(sessionId!);
    await expect.poll(() => page.getByText('The break-glass screen was closed').count()).toBe(1);
    expect(await page.getByLabel('Vault master passphrase').inputValue()).toBe('');

    // Leaving the screen with break-glass open closes it too.
    await openBreakGlassThroughUi(page, secrets);
    expect(strongroom.app.breakGlass.openCount).toBe(1);
    await ui.goTo('Accounts');
    await expect.poll(() => strongroom.app.breakGlass.openCount).toBe(0);

    // Nothing secret on the kiosk's disk: not in its app-data folder, not anywhere under the temp folder. The
    // practice sticks are left out: they hold the vault and seed store, encrypted.
    const needles = needlesFor({
      'password A': passwordA,
      'password B': passwordB,
      'seed A': secrets.seedA,
      'seed B': secrets.seedB,
      'seed A as pasted': pastedA,
      'seed B as pasted': pastedB,
      'vault passphrase': secrets.vaultPassphrase,
      'seed passphrase': secrets.seedPassphrase,
    });
    // The scan itself is checked first: a planted canary straddling two reads, in UTF-16, must be found, and a
    // file older than the secrets is passed over.
    const canaryDir = mkdtempSync(join(tmpdir(), 'strongroom-canary-'));
    try {
      const canary = `canary-${randomBytes(8).toString('hex')}`;
      writeFileSync(join(canaryDir, 'planted.bin'), Buffer.concat([Buffer.alloc(4 * 1024 * 1024 - 7), Buffer.from(canary, 'utf16le')]));
      writeFileSync(join(canaryDir, 'old.txt'), canary);
      utimesSync(join(canaryDir, 'old.txt'), new Date(secretsMadeAt - 60_000), new Date(secretsMadeAt - 60_000));
      expect(await findSecretsOnDisk(canaryDir, needlesFor({ canary }), [], secretsMadeAt)).toEqual([`canary (UTF-16) in ${join(canaryDir, 'planted.bin')}`]);
    } finally {
      rmSync(canaryDir, { recursive: true, force: true });
    }
    expect(await findSecretsOnDisk(strongroom.home, needles, [], secretsMadeAt)).toEqual([]);
    expect(await findSecretsOnDisk(tmpdir(), needles, [practice.root], secretsMadeAt)).toEqual([]);
    expect(ui.consoleErrors).toEqual([]);
  });

  it('imports nothing from a file with problems until the custodian leaves those rows out, and warns about seeds in it', async () => {
    const ui = new StrongroomPage(await browser.newPage());
    const page = ui.page;
    await ui.open(strongroom.harness.url);
    if (!(await ui.isSignedIn())) await ui.signInAs(CUSTODIAN);
    await ui.goTo('Accounts');
    const before = strongroom.app.catalog.accounts.list().length;

    await page.getByRole('button', { name: 'Import accounts…' }).click();
    const fileInput = page.getByLabel(/^Account file/);
    await fileInput.setInputFiles(join(FIXTURES, 'accounts-with-seeds.csv'));
    await expect.poll(() => page.getByText('This file holds 4 MFA seeds in plain text.').count()).toBe(1);
    expect(await page.getByRole('alert').filter({ hasText: 'Destroy the file afterwards' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Cancel — import nothing' }).click();
    expect(strongroom.app.catalog.accounts.list().length).toBe(before);

    await page.getByRole('button', { name: 'Import accounts…' }).click();
    await page.getByLabel(/^Account file/).setInputFiles(join(FIXTURES, 'accounts-with-errors.csv'));
    const problems = page.locator('.import-problems li');
    await expect.poll(() => problems.count()).toBe(9);
    expect(await problems.evaluateAll((items) => [...new Set(items.map((li) => li.getAttribute('data-line')))])).toEqual(['2', '3', '4', '5', '6', '7', '8', '11']);
    expect(await problems.first().innerText()).toMatch(/^Line 2: The account id 12345678901 has only 11 digits/);
    expect(strongroom.app.catalog.accounts.list().length).toBe(before);
    await page.getByRole('button', { name: 'Import the 1 good row without the 8 rows with problems' }).click();
    await expect.poll(() => page.getByText('Imported: 1 added, 0 updated. Left out lines 2, 3, 4, 5, 6, 7, 8, 11.').count()).toBe(1);
    expect(strongroom.app.catalog.accounts.list().map((a) => a.accountId)).toContain('999900001111');
    expect(ui.consoleErrors).toEqual([]);
  });
});
