import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StrongroomApp } from '../../src-main/app/strongroom-app';
import { buildOtpauthUri } from '../../src-main/core/otpauth';
import { parseSeed } from '../../src-main/core/seed';
import { custodyKiosk, SEED_A, SEED_B, SEED_PASSPHRASE, VAULT_PASSPHRASE, SECOND_CUSTODIAN } from '../support/custody-fixture';

/**
 * Documents made through the print desk, read back as an auditor's tools would: poppler's pdftotext for the
 * emergency sheets, pdftoppm at 150 dpi and zbar's zbarimg for the seed backup's QR codes. Every PDF goes to the
 * tools on a pipe, as the desk itself does.
 */

const present = (command: string, flag: string) => spawnSync(command, [flag]).error === undefined;
const missing = [
  ['pdftotext', '-v'],
  ['pdftoppm', '-v'],
  ['zbarimg', '--version'],
].filter(([command, flag]) => !present(command!, flag!)).map(([command]) => command);
if (missing.length) console.warn(`Print desk read-back skipped: ${missing.join(', ')} not installed (poppler-utils, zbar-tools).`);

function pipe(command: string, args: string[], input: Buffer): Buffer {
  const result = spawnSync(command, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  expect(result.status, `${command} ${args.join(' ')}`).toBe(0);
  return result.stdout;
}

const pdfText = (pdf: Buffer) => pipe('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], pdf).toString('utf8');

describe.skipIf(missing.length > 0)('printed documents from the print desk, read back by poppler and zbar', () => {
  let kiosk: Awaited<ReturnType<typeof custodyKiosk>>;
  let app: StrongroomApp;
  const passwords: string[] = [];

  beforeAll(async () => {
    kiosk = await custodyKiosk();
    app = kiosk.app;
    for (const [id, seed] of [['111111111111', SEED_A], ['222222222222', SEED_B]] as const) {
      const e = app.enrolment.start(id);
      passwords.push(app.enrolment.revealPassword(e.enrolmentId));
      app.enrolment.setSeed(e.enrolmentId, seed);
      app.enrolment.confirmAwsAccepted(e.enrolmentId);
    }
    await app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
  });
  afterAll(() => kiosk?.cleanup());

  it('the emergency sheets list every replica and hold no password, seed or passphrase', async () => {
    for (const [role, stick, ids] of [
      ['vault', kiosk.sticks.vault1, ['VAULT-01', 'VAULT-02']],
      ['seed', kiosk.sticks.seed1, ['SEEDS-01', 'SEEDS-02']],
    ] as const) {
      const sheet = await app.print.prepareEmergencySheet({ role, paper: 'A4', passphrase: { kind: 'write-in' }, networkLocation: 'Not kept on any network share' });
      const saved = await app.print.save(sheet.documentId, stick);
      const text = pdfText(readFileSync(join(stick, saved.path)));
      for (const id of ids) expect(text).toContain(id);
      expect(text).toContain('generation 1');
      expect(text).toContain('Dana Whitfield');
      // The kiosk runs on practice media, so every page says so.
      for (const page of text.split('\f').filter((p) => p.trim() !== '')) expect(page).toContain('PRACTICE');
      for (const secret of [...passwords, SEED_A, SEED_B, SEED_A.slice(0, 16), SEED_B.slice(0, 16), VAULT_PASSPHRASE, SEED_PASSPHRASE]) {
        expect(text.includes(secret), `${role} sheet holds a secret`).toBe(false);
      }
    }
  });

  it('the seed backup decodes, QR code by QR code, to the exact otpauth URIs of the seed store', async () => {
    const backup = await app.print.prepareSeedBackup({ devicePath: kiosk.sticks.seed2, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' });
    const saved = await app.print.save(backup.documentId, kiosk.sticks.seed2);
    const pdf = readFileSync(join(kiosk.sticks.seed2, saved.path));
    const decoded: string[] = [];
    // Page 1 is the cover; the account blocks follow.
    for (let page = 2; page <= backup.pageCount; page += 1) {
      const png = pipe('pdftoppm', ['-png', '-r', '150', '-f', String(page), '-l', String(page), '-singlefile', '-'], pdf);
      const scan = spawnSync('zbarimg', ['--raw', '-q', '-'], { input: png, encoding: 'utf8' });
      decoded.push(...scan.stdout.split('\n').filter((line) => line.startsWith('otpauth://')));
    }
    const expected = [
      buildOtpauthUri({ name: 'prod-data', accountId: '222222222222' }, parseSeed(SEED_B)),
      buildOtpauthUri({ name: 'prod-payments', accountId: '111111111111' }, parseSeed(SEED_A)),
    ];
    // zbar reports the codes of a page in its own order; the blocks' order is checked on the text below.
    expect(decoded.sort()).toEqual(expected.sort());
    const text = pdfText(pdf);
    expect(text.indexOf('prod-data')).toBeLessThan(text.indexOf('prod-payments'));
    expect(text).toContain(backup.fingerprint.slice(0, 4));
    expect(text).toContain('SECRET');
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(backup.pageCount);
    for (const page of pages) expect(page).toContain('PRACTICE');
  });
});
