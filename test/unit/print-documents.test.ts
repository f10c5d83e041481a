import { describe, expect, it } from 'vitest';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';
import { labelGrid, seedBackupPageCount, seedBlocksPerPage } from '../../src-main/core/paper-layout';
import { buildEmergencySheet } from '../../src-main/print/emergency-sheet';
import { seedSetFingerprint, verificationReportFingerprint } from '../../src-main/print/fingerprints';
import { loadPrintFonts } from '../../src-main/print/fonts';
import { buildMediumLabels } from '../../src-main/print/medium-labels';
import { buildSeedBackup } from '../../src-main/print/seed-backup';
import { buildVerificationReport } from '../../src-main/print/verification-report';
import {
  emergencySheetInput,
  fakeAccounts,
  fakeSeed,
  labelsInput,
  otpauthUri,
  seedBackupInput,
  verificationInput,
} from '../bench/print-fixtures';

async function refusal(promise: Promise<unknown>): Promise<StrongroomError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StrongroomError) return error;
    throw error;
  }
  throw new Error('the document was built although its input should have been refused');
}

function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-' && bytes.subarray(-6).toString('latin1').includes('%%EOF');
}

describe('paper seed backup', () => {
  it.each([
    ['A4', 1],
    ['A4', 5],
    ['A4', 6],
    ['LETTER', 11],
    ['LETTER', 50],
  ] as const)('on %s with %i accounts has a cover and whole pages of blocks', async (paper, count) => {
    const result = await buildSeedBackup(seedBackupInput(count, paper));
    expect(isPdf(result.pdf)).toBe(true);
    expect(result.blocksPerPage).toBe(seedBlocksPerPage(paper, 4));
    expect(result.pageCount).toBe(seedBackupPageCount(paper, count, 4));
  });

  it('makes room for longer seeds by using taller blocks, still never splitting one', async () => {
    const accounts = fakeAccounts(12).map((a, i) => {
      const seedBase32 = fakeSeed(`long-${i}`, i % 2 === 0 ? 103 : 32);
      return { ...a, seedBase32, otpauthUri: otpauthUri(a.issuer, a.email, seedBase32) };
    });
    const result = await buildSeedBackup({ ...seedBackupInput(0), accounts });
    expect(result.blocksPerPage).toBe(seedBlocksPerPage('A4', 7));
    expect(result.blocksPerPage).toBeLessThan(seedBlocksPerPage('A4', 4));
    expect(result.pageCount).toBe(seedBackupPageCount('A4', 12, 7));
  });

  it('refuses to print when the QR code and the printed seed would differ, without naming the seed', async () => {
    const input = seedBackupInput(3);
    const other = fakeSeed('someone else');
    const accounts = input.accounts.map((a, i) => (i === 1 ? { ...a, otpauthUri: otpauthUri(a.issuer, a.email, other) } : a));
    const error = await refusal(buildSeedBackup({ ...input, accounts }));
    expect(error.code).toBe(ErrorCode.PrintInputInvalid);
    expect(error.message).toContain(accounts[1]!.accountId);
    expect(error.message).not.toContain(other);
    expect(error.message).not.toContain(accounts[1]!.seedBase32);
  });

  it('refuses input that would make a wrong or confusing backup', async () => {
    const input = seedBackupInput(3);
    const [a, b] = input.accounts;
    const cases: [string, Partial<typeof input>][] = [
      ['no accounts', { accounts: [] }],
      ['a duplicate account', { accounts: [a!, { ...b!, accountId: a!.accountId }] }],
      ['an account id that is not 12 digits', { accounts: [{ ...a!, accountId: '12345' }] }],
      ['a link that is not otpauth://totp', { accounts: [{ ...a!, otpauthUri: `otpauth://hotp/x?secret=${a!.seedBase32}` }] }],
      ['an empty name', { accounts: [{ ...a!, name: ' \n ' }] }],
      ['generation zero', { generation: 0 }],
      ['an unreadable print date', { printedAt: 'yesterday' }],
      [
        'a QR code too dense for a photocopy',
        { accounts: [{ ...a!, otpauthUri: otpauthUri('I'.repeat(400), a!.email, a!.seedBase32) }] },
      ],
    ];
    for (const [, change] of cases) {
      const error = await refusal(buildSeedBackup({ ...input, ...change }));
      expect(error.code).toBe(ErrorCode.PrintInputInvalid);
      for (const account of input.accounts) expect(error.message).not.toContain(account.seedBase32);
    }
    const badSeed = await refusal(buildSeedBackup({ ...input, accounts: [{ ...a!, seedBase32: `${a!.seedBase32.slice(0, -1)}0` }] }));
    expect(badSeed.code).toBe(ErrorCode.InvalidSeed);
  });

  it('returns the set fingerprint it prints, which ignores order and notices any changed seed', async () => {
    const input = seedBackupInput(6);
    const result = await buildSeedBackup(input);
    expect(result.fingerprint).toMatch(/^[0-9A-F]{16}$/);
    expect(result.fingerprint).toBe(seedSetFingerprint(input.accounts));
    expect(seedSetFingerprint([...input.accounts].reverse())).toBe(result.fingerprint);
    const changed = input.accounts.map((a, i) => (i === 4 ? { ...a, seedBase32: fakeSeed('changed') } : a));
    expect(seedSetFingerprint(changed)).not.toBe(result.fingerprint);
  });

  it('prints the same bytes for the same input, so a reprint can be compared', async () => {
    const first = await buildSeedBackup(seedBackupInput(3));
    const second = await buildSeedBackup(seedBackupInput(3));
    expect(first.pdf.equals(second.pdf)).toBe(true);
  });

  it('embeds its own fonts and no standard PDF font', async () => {
    const { pdf } = await buildSeedBackup(seedBackupInput(2));
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Inter-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+JetBrainsMono-Bold/);
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/\/FontFile3/);
    expect(raw).not.toMatch(/Helvetica|Times-Roman|Courier/);
  });

  it(
    'renders 5,000 accounts with the page count the layout promises',
    async () => {
      const result = await buildSeedBackup(seedBackupInput(5000));
      expect(result.pageCount).toBe(seedBackupPageCount('A4', 5000, 4));
      expect(isPdf(result.pdf)).toBe(true);
    },
    // Generous so a busy CI machine does not fail it; the figure itself is measured in test/bench.
    600_000,
  );
});

describe('emergency sheet', () => {
  it.each(['vault', 'seed'] as const)('prints the %s sheet on one A4 page', async (role) => {
    const result = await buildEmergencySheet(emergencySheetInput(role));
    expect(isPdf(result.pdf)).toBe(true);
    expect(result.pageCount).toBe(1);
  });

  it('refuses a sheet that would not say where the copies are, or with an overlong note', async () => {
    const input = emergencySheetInput('vault');
    expect((await refusal(buildEmergencySheet({ ...input, media: [] }))).code).toBe(ErrorCode.PrintInputInvalid);
    const longNote = { ...input, media: [{ mediumId: 'VAULT-01', locationKind: 'onsite' as const, locationNote: 'x'.repeat(121) }] };
    expect((await refusal(buildEmergencySheet(longNote))).code).toBe(ErrorCode.PrintInputInvalid);
  });

  it('continues on a second page when many media are recorded, with every page framed', async () => {
    const input = emergencySheetInput('vault', 'LETTER');
    const media = Array.from({ length: 30 }, (_, i) => ({
      mediumId: `VAULT-${String(i + 1).padStart(2, '0')}`,
      locationKind: i % 2 ? ('offsite' as const) : ('onsite' as const),
      locationNote: `Safe ${i + 1}`,
    }));
    const result = await buildEmergencySheet({ ...input, media });
    expect(result.pageCount).toBeGreaterThan(1);
  });
});

describe('medium labels', () => {
  it('fills sheets of 21 labels, skipping positions already used', async () => {
    const input = labelsInput();
    const perSheet = labelGrid('A4').columns * labelGrid('A4').rows;
    for (const [copies, skip] of [
      [1, 0],
      [2, 0],
      [2, 13],
      [2, 14],
      [6, 20],
    ] as const) {
      const result = await buildMediumLabels({ ...input, copiesPerMedium: copies, skipPositions: skip });
      expect(result.pageCount).toBe(Math.ceil((skip + input.media.length * copies) / perSheet));
    }
  });

  it('refuses impossible sheets and ids too long for a label', async () => {
    const input = labelsInput();
    for (const change of [
      { copiesPerMedium: 0 },
      { skipPositions: 21 },
      { media: [] },
      { media: [{ mediumId: 'V'.repeat(33), role: 'vault' as const, locationKind: 'onsite' as const, locationNote: '' }] },
    ]) {
      expect((await refusal(buildMediumLabels({ ...input, ...change }))).code).toBe(ErrorCode.PrintInputInvalid);
    }
  });
});

describe('verification report', () => {
  it('returns the fingerprint of its content, which does not depend on the paper size', async () => {
    const a4 = await buildVerificationReport(verificationInput('A4'));
    const letter = await buildVerificationReport(verificationInput('LETTER'));
    expect(a4.fingerprint).toMatch(/^[0-9A-F]{64}$/);
    expect(a4.fingerprint).toBe(verificationReportFingerprint(verificationInput('A4')));
    expect(letter.fingerprint).toBe(a4.fingerprint);
  });

  it('gets a different fingerprint when any reported fact changes', () => {
    const base = verificationInput();
    const original = verificationReportFingerprint(base);
    const first = base.media[0]!;
    const changes = [
      { ...base, custodian: 'Mallory' },
      { ...base, nextDueAt: '2025-06-15T00:00:00.000Z' },
      { ...base, media: [{ ...first, checks: first.checks.map((c, i) => (i === 1 ? { ...c, passed: false } : c)) }, ...base.media.slice(1)] },
      { ...base, media: [{ ...first, checks: first.checks.map((c, i) => (i === 0 ? { ...c, sentence: `${c.sentence}.` } : c)) }, ...base.media.slice(1)] },
      { ...base, physicalChecklist: base.physicalChecklist!.map((p, i) => (i === 2 ? { ...p, confirmed: true } : p)) },
    ];
    for (const changed of changes) expect(verificationReportFingerprint(changed)).not.toBe(original);
  });

  it('refuses a run with no media or an unreadable date', async () => {
    expect((await refusal(buildVerificationReport({ ...verificationInput(), media: [] }))).code).toBe(ErrorCode.PrintInputInvalid);
    expect((await refusal(buildVerificationReport({ ...verificationInput(), nextDueAt: '14/06/2025' }))).code).toBe(
      ErrorCode.PrintInputInvalid,
    );
  });
});

describe('fonts', () => {
  it('says which folder lacks them when the installation does', async () => {
    const error = await refusal(loadPrintFonts('/nonexistent/strongroom-fonts'));
    expect(error.code).toBe(ErrorCode.PrintFontsMissing);
    expect(error.message).toContain('Nothing was printed');
    expect(error.message).toContain('/nonexistent/strongroom-fonts');
  });
});
