import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reassembleSeed, splitSeedIntoLines } from '../../src-main/core/seed-line-check';
import { buildEmergencySheet } from '../../src-main/print/emergency-sheet';
import { buildMediumLabels } from '../../src-main/print/medium-labels';
import { SEED_BACKUP_BANNER, buildSeedBackup } from '../../src-main/print/seed-backup';
import type { SeedBackupDocument } from '../../src-main/print/seed-backup';
import { buildVerificationReport } from '../../src-main/print/verification-report';
import { emergencySheetInput, fakeAccounts, labelsInput, seedBackupInput, verificationInput } from '../bench/print-fixtures';

/**
 * The printed documents read back by independent tools, as a custodian's scanner or an auditor would:
 * poppler's pdftotext/pdftoppm/pdffonts and zbar's zbarimg.
 */

function toolPresent(command: string, versionFlag: string): boolean {
  return spawnSync(command, [versionFlag], { encoding: 'utf8' }).error === undefined;
}

const TOOLS = {
  pdftotext: toolPresent('pdftotext', '-v'),
  pdftoppm: toolPresent('pdftoppm', '-v'),
  pdffonts: toolPresent('pdffonts', '-v'),
  zbarimg: toolPresent('zbarimg', '--version'),
};
const havePoppler = TOOLS.pdftotext && TOOLS.pdftoppm && TOOLS.pdffonts;
const haveAll = havePoppler && TOOLS.zbarimg;
if (!havePoppler) console.warn('print integration tests skipped: poppler-utils (pdftotext, pdftoppm, pdffonts) is not installed');
else if (!TOOLS.zbarimg) console.warn('QR read-back tests skipped: zbar-tools (zbarimg) is not installed');

let workDir = '';
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'strongroom-print-'));
});
afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function run(command: string, args: string[]): { stdout: string; status: number | null } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { stdout: result.stdout, status: result.status };
}

function save(name: string, pdf: Buffer): string {
  const path = join(workDir, name);
  writeFileSync(path, pdf);
  return path;
}

/** pdftotext -layout keeps each printed row on one line; pages are separated by form feeds. */
function pagesOf(path: string): string[] {
  const { stdout, status } = run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']);
  expect(status).toBe(0);
  return stdout.split('\f').filter((page) => page.trim() !== '');
}

/** Reading order without layout: a wrapped table cell comes out as consecutive words. */
function flowingTextOf(path: string): string {
  const { stdout, status } = run('pdftotext', ['-enc', 'UTF-8', path, '-']);
  expect(status).toBe(0);
  return stdout.replace(/\s+/g, ' ');
}

/** Renders pages to PNG and returns every symbol zbarimg decodes, one per line of its output. */
function decodeQrCodes(path: string, dpi: number, firstPage = 1): string[] {
  const prefix = join(workDir, `${path.split('/').pop()}-${dpi}`);
  expect(run('pdftoppm', ['-r', String(dpi), '-png', '-f', String(firstPage), path, prefix]).status).toBe(0);
  const images = readdirSync(workDir)
    .filter((f) => f.startsWith(`${prefix.split('/').pop()}-`) && f.endsWith('.png'))
    .map((f) => join(workDir, f));
  expect(images.length).toBeGreaterThan(0);
  const { stdout } = run('zbarimg', ['--raw', '-q', ...images]);
  for (const image of images) rmSync(image);
  return stdout.split('\n').filter((line) => line !== '');
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

describe.skipIf(!havePoppler)('paper seed backup read back', () => {
  const input = seedBackupInput(50);
  let backup: SeedBackupDocument;
  let path = '';

  beforeAll(async () => {
    backup = await buildSeedBackup(input);
    path = save('seed-backup.pdf', backup.pdf);
  });

  it('carries the secret banner, page x of y, generation, date and set fingerprint on every page', () => {
    const pages = pagesOf(path);
    expect(pages).toHaveLength(backup.pageCount);
    const grouped = backup.fingerprint.match(/.{4}/g)!.join(' ');
    pages.forEach((page, i) => {
      expect(page).toContain(SEED_BACKUP_BANNER);
      expect(page).toContain(`Page ${i + 1} of ${backup.pageCount}`);
      expect(page).toContain('Seed store generation 7');
      expect(page).toContain('2025-03-14');
      expect(page).toContain(`Set fingerprint ${grouped}`);
    });
  });

  it('names the second custodian on the cover, and says so when the air gap was overridden for lab use', async () => {
    const plain = pagesOf(path)[0]!;
    expect(plain).not.toContain('Air gap');
    const longReason = `lab rehearsal of the offsite copy ${'x'.repeat(300)}`;
    const witnessed = await buildSeedBackup({ ...input, secondCustodian: 'Sam Okafor', networkOverride: { by: 'Dana Whitfield', reason: longReason } });
    expect(witnessed.pageCount).toBe(backup.pageCount);
    const cover = pagesOf(save('seed-backup-witnessed.pdf', witnessed.pdf))[0]!.replace(/\s+/g, ' ');
    expect(cover).toContain('with Sam Okafor');
    expect(cover).toContain('Witness (Sam Okafor)');
    expect(cover).toContain('overridden for lab use by Dana Whitfield: “lab rehearsal of the offsite copy');
    expect(cover).toContain('Not for real custody.');
  });

  it('prints every account with its id, name, e-mail and issuer', () => {
    const text = pagesOf(path).join('\n');
    for (const account of input.accounts) {
      expect(text).toContain(account.accountId);
      expect(text).toContain(account.name);
      expect(text).toContain(account.email);
    }
    expect(text).toContain('Amazon Web Services');
  });

  it('gives back every seed exactly from the extracted text, with the check values a custodian would type', () => {
    const seedLine = /^\s*(\d+)\s+((?:[A-Z2-7]{1,4} +){0,3}[A-Z2-7]{1,4})\s+check\s+([A-Z2-7]{2})\s*$/;
    const accountRow = /Account\s+(\d{12})\s+Issuer\b/;
    const found = new Map<string, { number: number; text: string; check: string }[]>();
    let current: string | null = null;
    for (const line of pagesOf(path).join('\n').split('\n')) {
      const id = accountRow.exec(line);
      if (id) {
        current = id[1]!;
        found.set(current, []);
        continue;
      }
      const seed = seedLine.exec(line);
      if (seed && current) found.get(current)!.push({ number: Number(seed[1]), text: seed[2]!, check: seed[3]! });
    }
    expect(found.size).toBe(input.accounts.length);
    for (const account of input.accounts) {
      const lines = found.get(account.accountId)!;
      expect(lines.map((l) => l.number)).toEqual(lines.map((_, i) => i + 1));
      expect(lines.map((l) => l.text.replace(/ /g, '')).join('')).toBe(account.seedBase32);
      expect(lines.map((l) => l.check)).toEqual(splitSeedIntoLines(account.seedBase32).map((l) => l.check));
      // Typing the paper back, line by line with its check values, restores the seed.
      expect(reassembleSeed(lines.map((l) => ({ text: l.text, check: l.check })))).toBe(account.seedBase32);
    }
  });

  it.skipIf(!haveAll)('decodes every QR code back to the exact otpauth URI at 150 dpi', () => {
    expect(sorted(decodeQrCodes(path, 150, 2))).toEqual(sorted(input.accounts.map((a) => a.otpauthUri)));
  });

  it.skipIf(!haveAll)('still decodes every QR code at 100 dpi, the margin a photocopy needs', () => {
    expect(sorted(decodeQrCodes(path, 100, 2))).toEqual(sorted(input.accounts.map((a) => a.otpauthUri)));
  });

  it('embeds every font it uses', () => {
    const { stdout } = run('pdffonts', [path]);
    const rows = stdout.split('\n').slice(2).filter((row) => row.trim() !== '');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+(Inter|JetBrainsMono)-/);
      // Columns: name, type, encoding, emb, sub, uni, object, generation.
      expect(row.trim().split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    }
  });
});

describe.skipIf(!havePoppler)('emergency sheets read back', () => {
  it.each(['vault', 'seed'] as const)('the %s sheet says what, where, how to open it and whom to call', async (role) => {
    const input = emergencySheetInput(role);
    const sheet = await buildEmergencySheet(input);
    const text = pagesOf(save(`emergency-${role}.pdf`, sheet.pdf)).join('\n').replace(/\s+/g, ' ');
    const fileName = role === 'vault' ? 'vault.kdbx' : 'seeds.kdbx';
    expect(text).toContain(`STRONGROOM/${fileName}`);
    expect(text).toContain('generation 12');
    expect(text).toContain('Never store in it');
    for (const medium of input.media) {
      expect(text).toContain(medium.mediumId);
      if (medium.locationNote) expect(text).toContain(medium.locationNote);
    }
    expect(text).toContain('Onsite');
    expect(text).toContain('Offsite');
    expect(text).toContain('Database → Open Database…');
    for (const contact of input.contacts) {
      expect(text).toContain(contact.name);
      expect(text).toContain(contact.phone!);
    }
    expect(text).toContain('Printed by Alice Custodian on 2025-03-14 09:30 UTC');
    if (role === 'vault') {
      expect(text).toContain('VAULT MASTER PASSPHRASE');
      expect(text).toContain(input.networkLocation!);
    } else {
      expect(text).toContain('Entries → TOTP → Show TOTP');
      expect(text).toContain('Kept by');
      expect(text).toContain('Bob Keeper');
    }
  });

  it('holds no seed and no password even when the caller has them at hand', async () => {
    const accounts = fakeAccounts(5);
    const rootPassword = 'Tr0ub4dor&3-root-password-never-printed';
    const masterPassphrase = 'correct horse battery staple vault';
    // A caller that maps a richer object onto the input: extra members must never reach the page.
    const nearby = { ...emergencySheetInput('seed'), accounts, rootPassword, masterPassphrase, seed: accounts[0]!.seedBase32 };
    const sheet = await buildEmergencySheet(nearby);
    const path = save('emergency-nearby.pdf', sheet.pdf);
    const text = pagesOf(path).join('\n');
    const raw = sheet.pdf.toString('latin1');
    for (const secret of [rootPassword, masterPassphrase, ...accounts.map((a) => a.seedBase32), ...accounts.map((a) => a.otpauthUri)]) {
      expect(text).not.toContain(secret);
      expect(raw).not.toContain(secret);
    }
    for (const account of accounts) {
      for (const line of splitSeedIntoLines(account.seedBase32)) expect(text).not.toContain(line.groups.join(' '));
    }
  });
});

describe.skipIf(!havePoppler)('medium labels read back', () => {
  it('show role words, ids and locations, and every QR code decodes to its medium id', async () => {
    const input = { ...labelsInput(), copiesPerMedium: 2 };
    const labels = await buildMediumLabels(input);
    const path = save('labels.pdf', labels.pdf);
    const text = pagesOf(path).join('\n');
    expect(text).toContain('VAULT — passwords');
    expect(text).toContain('SEEDS — MFA');
    for (const medium of input.media) expect(text).toContain(medium.mediumId);
    expect(text).toContain('OFFSITE');
    expect(text).toContain('Safe A, room B.104');
    if (!haveAll) return;
    const expected = input.media.flatMap((m) => [m.mediumId, m.mediumId]);
    expect(sorted(decodeQrCodes(path, 150))).toEqual(sorted(expected));
  });
});

describe.skipIf(!havePoppler)('verification report read back', () => {
  it('states every check, who, when and the next due date, with the fingerprint on every page', async () => {
    const input = verificationInput();
    const report = await buildVerificationReport(input);
    const pages = pagesOf(save('report.pdf', report.pdf));
    expect(pages).toHaveLength(report.pageCount);
    const grouped = report.fingerprint.match(/.{4}/g)!.join(' ');
    pages.forEach((page, i) => {
      expect(page).toContain(grouped);
      expect(page).toContain(`Page ${i + 1} of ${report.pageCount}`);
    });
    const text = flowingTextOf(join(workDir, 'report.pdf'));
    expect(text).toContain('1 of 2 media FAILED');
    expect(text).toContain('Alice Custodian');
    expect(text).toContain('2025-03-14 09:30 UTC');
    expect(text).toContain('2025-03-14 10:12 UTC');
    expect(text).toContain('Next verification due 2025-06-14');
    for (const medium of input.media) {
      expect(text).toContain(medium.mediumId);
      for (const check of medium.checks) {
        expect(text).toContain(check.name);
        expect(text).toContain(check.sentence);
      }
    }
    expect(text).toContain('NOT confirmed');
    expect(text).toContain('tick by hand');
  });
});
