import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLogDocument } from '../../src-main/core/cloudtrail-records';
import { reconcileRootActivity } from '../../src-main/core/cloudtrail-reconciliation';
import { drawMasterKey, splitMasterKey } from '../../src-main/core/master-key-shares';
import { nodeCryptoRandom } from '../../src-main/platform/crypto-random';
import { buildAuditExport } from '../../src-main/print/audit-export';
import { buildCloudTrailReport } from '../../src-main/print/cloudtrail-report';
import type { PrintedDocument, PrintOptions } from '../../src-main/print/document-inputs';
import { buildEmergencySheet } from '../../src-main/print/emergency-sheet';
import { loadPrintFonts } from '../../src-main/print/fonts';
import { buildMediumLabels } from '../../src-main/print/medium-labels';
import { PRACTICE_MARK } from '../../src-main/print/practice-mark';
import { buildSeedBackup } from '../../src-main/print/seed-backup';
import { buildShareCard } from '../../src-main/print/share-card';
import { buildVerificationReport } from '../../src-main/print/verification-report';
import { emergencySheetInput, labelsInput, PRINTED_AT, seedBackupInput, verificationInput } from '../bench/print-fixtures';
import { rootSignIn, s3LogFile } from '../support/cloudtrail-fixtures';

/**
 * Practice mode marks every page of every kind of document, and a real kiosk's documents carry no mark; the
 * seed backup's QR codes still decode under the mark. Read back with poppler and zbar, as a person would.
 */

function present(command: string, flag: string): boolean {
  return spawnSync(command, [flag], { stdio: 'ignore' }).error === undefined;
}
const haveTools = present('pdftotext', '-v') && present('pdftoppm', '-v') && present('zbarimg', '--version');
if (!haveTools) console.warn('practice mark read-back skipped: poppler-utils or zbar-tools is not installed');

let workDir = '';
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'strongroom-practice-'));
});
afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function save(name: string, pdf: Buffer): string {
  const path = join(workDir, name);
  writeFileSync(path, pdf);
  return path;
}

function pagesOf(path: string): string[] {
  const result = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(result.status).toBe(0);
  return result.stdout.split('\f').filter((page) => page.trim() !== '');
}

type Maker = (options: PrintOptions) => Promise<PrintedDocument>;

async function makers(): Promise<Record<string, Maker>> {
  const fonts = await loadPrintFonts();
  const key = drawMasterKey(nodeCryptoRandom);
  const [share] = await splitMasterKey(key, { role: 'seed', generation: 1, threshold: 2, shares: 3 }, nodeCryptoRandom);
  const logs = parseLogDocument(s3LogFile([rootSignIn({ accountId: '111122223333', at: '2026-03-02T09:14:07Z' })]), 'cloudtrail.json');
  const result = reconcileRootActivity({ activities: logs.activities, coverage: logs.coverage, audit: [], knownAccounts: ['111122223333'] });
  return {
    'emergency sheet': (o) => buildEmergencySheet(emergencySheetInput('vault'), { ...o, fonts }),
    // Enough accounts for several pages of blocks behind the cover.
    'seed backup': (o) => buildSeedBackup(seedBackupInput(14), { ...o, fonts }),
    'labels (A4)': (o) => buildMediumLabels(labelsInput('A4'), { ...o, fonts }),
    'labels (US Letter)': (o) => buildMediumLabels(labelsInput('LETTER'), { ...o, fonts }),
    'verification report': (o) => buildVerificationReport(verificationInput(), { ...o, fonts }),
    'share card': (o) =>
      buildShareCard({ paper: 'A4', holder: 'Sam Okafor', share: share!, printedBy: 'Dana Whitfield', printedAt: PRINTED_AT }, { ...o, fonts }),
    'audit export': (o) =>
      buildAuditExport(
        {
          paper: 'A4',
          exportedBy: 'Dana Whitfield',
          exportedAt: PRINTED_AT,
          filter: [],
          trailEvents: 0,
          head: null,
          chain: { intact: true, count: 0 },
          entries: [],
        },
        { ...o, fonts },
      ),
    'CloudTrail report': (o) =>
      buildCloudTrailReport(
        {
          paper: 'LETTER',
          custodian: 'Dana Whitfield',
          reconciledAt: PRINTED_AT,
          result,
          files: [{ path: 'cloudtrail.json', sha256: 'ab'.repeat(32), records: logs.recordCount }],
          problems: { count: 0, listed: [] },
          auditHead: null,
          auditChainIntact: true,
          accountNames: { '111122223333': 'Payments' },
        },
        { ...o, fonts },
      ),
  };
}

describe.skipIf(!haveTools)('the practice mark on paper', () => {
  it('is on every page of every kind of document made in practice mode, and on none made for real', async () => {
    for (const [kind, make] of Object.entries(await makers())) {
      const practicePages = pagesOf(save(`${kind}-practice.pdf`, (await make({ practice: true })).pdf));
      const realPages = pagesOf(save(`${kind}-real.pdf`, (await make({})).pdf));
      expect(practicePages.length, kind).toBeGreaterThan(0);
      for (const [index, page] of practicePages.entries()) {
        expect(page, `${kind}, practice page ${index + 1}`).toMatch(/PRACTICE/);
      }
      expect(realPages.length, kind).toBe(practicePages.length);
      for (const [index, page] of realPages.entries()) {
        expect(page, `${kind}, real page ${index + 1}`).not.toMatch(/PRACTICE/i);
      }
    }
  }, 60_000);

  it('names the document a drill in full where the page frame has room for it', async () => {
    const sheet = await buildEmergencySheet(emergencySheetInput('seed'), { practice: true });
    const pages = pagesOf(save('sheet-words.pdf', sheet.pdf));
    // Letter spacing makes pdftotext put gaps between some letters; compare without them.
    for (const page of pages) expect(page.replace(/\s+/g, '')).toContain(PRACTICE_MARK.replace(/\s+/g, ''));
  });

  it('leaves every QR code of a practice seed backup readable', async () => {
    const input = seedBackupInput(6);
    const backup = await buildSeedBackup(input, { practice: true });
    const path = save('backup-practice-qr.pdf', backup.pdf);
    const prefix = join(workDir, 'qr');
    expect(spawnSync('pdftoppm', ['-r', '150', '-png', path, prefix]).status).toBe(0);
    const images = readdirSync(workDir)
      .filter((f) => f.startsWith('qr-') && f.endsWith('.png'))
      .map((f) => join(workDir, f));
    const decoded = spawnSync('zbarimg', ['--raw', '-q', ...images], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l !== '');
    expect(decoded.sort()).toEqual(input.accounts.map((a) => a.otpauthUri).sort());
  }, 60_000);
});
