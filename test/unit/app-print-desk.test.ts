import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PaperRestoreDesk } from '../../src-main/app/paper-restore-desk';
import { PrintDesk } from '../../src-main/app/print-desk';
import type { StrongroomApp } from '../../src-main/app/strongroom-app';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';
import { splitSeedIntoLines } from '../../src-main/core/seed-line-check';
import { PopplerPdfRasteriser, type PdfRasteriser } from '../../src-main/platform/pdf-preview';
import type { Printer, PrinterInfo, PrintReceipt } from '../../src-main/platform/printer';
import { seedSetFingerprint } from '../../src-main/print/fingerprints';
import { custodyKiosk, SEED_A, SEED_B, SEED_PASSPHRASE, enrolAndWrite, SECOND_CUSTODIAN } from '../support/custody-fixture';
import { FakeClock } from '../support/fake-clock';
import { registerAndSignIn } from '../support/custodians';

/** A printer that keeps what it was given, as a print queue would. */
class FakePrinter implements Printer {
  readonly implementation = 'fake';
  readonly jobs: { pdf: Buffer; printer: string; title: string }[] = [];
  failWith: StrongroomError | null = null;

  listPrinters(): Promise<PrinterInfo[]> {
    return Promise.resolve([{ name: 'Strongroom-Laser', isDefault: true }]);
  }

  print(pdf: Uint8Array, printer: string, title: string): Promise<PrintReceipt> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.jobs.push({ pdf: Buffer.from(pdf), printer, title });
    return Promise.resolve({ printer, jobId: `${printer}-${this.jobs.length}` });
  }
}

/** The app's own parts, with a fake printer (and optionally a rasteriser) in place of the kiosk's. */
function deskOf(app: StrongroomApp, ports: { printer: Printer | null; rasteriser?: PdfRasteriser }): PrintDesk & { readonly restore: PaperRestoreDesk } {
  const restore = new PaperRestoreDesk(app.session, app.accounts, app.enrolment, app.clock, app.airGap);
  const desk = new PrintDesk(app, ports, { roster: app.custodians, keys: app.keys }, restore);
  return Object.assign(desk, { restore });
}

async function refusal(work: Promise<unknown> | (() => unknown)): Promise<StrongroomError> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    if (error instanceof StrongroomError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const auditText = (app: StrongroomApp) => JSON.stringify([...app.catalog.audit.all()]);
const events = (app: StrongroomApp, action: string) => [...app.catalog.audit.all()].filter((e) => e.action === action);

describe('the paper seed backup', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('is built from the seed stick with the seed passphrase, and the audit trail gets its fingerprint, never a seed', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const desk = deskOf(k.app, { printer: new FakePrinter() });
    const doc = await desk.prepareSeedBackup({ devicePath: k.sticks.seed1, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' });

    expect(doc).toMatchObject({ kind: 'seed-backup', holdsSeeds: true, generation: 1, saveTo: 'seed', pageCount: 2, warnings: [], preparedBy: 'Dana Whitfield' });
    expect(doc.fingerprint).toBe(
      seedSetFingerprint([
        { accountId: '111111111111', seedBase32: SEED_A },
        { accountId: '222222222222', seedBase32: SEED_B },
      ]),
    );
    const prepared = events(k.app, 'print.seed-backup-prepared');
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.subject).toBe('SEEDS-01');
    expect(prepared[0]!.details).toMatchObject({ generation: 1, fingerprint: doc.fingerprint, accounts: 2, pages: 2 });
    for (const secret of [SEED_A, SEED_B, SEED_PASSPHRASE]) expect(auditText(k.app)).not.toContain(secret);
  });

  it('is refused from a vault stick and with a wrong passphrase, the failure recorded', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const desk = deskOf(k.app, { printer: null });
    const fromVault = await refusal(desk.prepareSeedBackup({ devicePath: k.sticks.vault1, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' }));
    expect(fromVault.code).toBe(ErrorCode.KdbxWrongRole);
    expect(fromVault.message).toContain('VAULT-01 is a vault stick');
    const wrong = await refusal(desk.prepareSeedBackup({ devicePath: k.sticks.seed2, passphrase: 'not the seed passphrase at all', secondCustodian: SECOND_CUSTODIAN, paper: 'A4' }));
    expect(wrong.code).toBe(ErrorCode.KdbxWrongPassphrase);
    expect(events(k.app, 'print.seed-backup-failed').map((e) => e.details['error'])).toEqual([ErrorCode.KdbxWrongPassphrase]);
    expect(desk.heldCount.documents).toBe(0);
  });

  it('refuses to save it on a vault stick, records the refusal, and writes nothing there', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const desk = deskOf(k.app, { printer: null });
    const doc = await desk.prepareSeedBackup({ devicePath: k.sticks.seed1, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' });
    const before = readdirSync(join(k.sticks.vault1, 'STRONGROOM')).sort();

    const error = await refusal(desk.save(doc.documentId, k.sticks.vault1));
    expect(error.code).toBe(ErrorCode.SeparationRefused);
    expect(error.message).toContain('VAULT-01 is a vault stick');
    expect(error.message).toContain('seeds never go on a vault stick');
    expect(readdirSync(join(k.sticks.vault1, 'STRONGROOM')).sort()).toEqual(before);
    const refused = events(k.app, 'print.save-refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!).toMatchObject({ subject: 'VAULT-01', details: { kind: 'seed-backup', stickRole: 'vault', needs: 'seed' } });
  });

  it('saves it on a seed stick as seed-backup-g<generation>.pdf, atomically and on the record', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const desk = deskOf(k.app, { printer: null });
    const doc = await desk.prepareSeedBackup({ devicePath: k.sticks.seed1, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'LETTER' });
    const saved = await desk.save(doc.documentId, k.sticks.seed2);
    expect(saved).toMatchObject({ mediumId: 'SEEDS-02', path: 'STRONGROOM/seed-backup-g1.pdf' });
    const bytes = readFileSync(join(k.sticks.seed2, 'STRONGROOM', 'seed-backup-g1.pdf'));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(events(k.app, 'document.saved').at(-1)).toMatchObject({ subject: 'SEEDS-02', details: { file: 'seed-backup-g1.pdf', sha256: saved.sha256 } });
    // Nothing but the stick got the file: no temporary copy was left in the kiosk's home.
    expect(readdirSync(k.home).filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });

  it('goes to a file only inside a seed stick: the kiosk disk and vault sticks are refused', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const desk = deskOf(k.app, { printer: null });
    const doc = await desk.prepareSeedBackup({ devicePath: k.sticks.seed1, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' });
    const kioskDisk = mkdtempSync(join(tmpdir(), 'strongroom-kiosk-disk-'));
    try {
      const offMedium = await refusal(desk.saveToFile(doc.documentId, join(kioskDisk, 'backup.pdf')));
      expect(offMedium.code).toBe(ErrorCode.SeedDocumentOffMedium);
      expect(existsSync(join(kioskDisk, 'backup.pdf'))).toBe(false);
    } finally {
      rmSync(kioskDisk, { recursive: true, force: true });
    }
    const onVault = await refusal(desk.saveToFile(doc.documentId, join(k.sticks.vault2, 'STRONGROOM', 'backup.pdf')));
    expect(onVault.code).toBe(ErrorCode.SeparationRefused);
    expect(existsSync(join(k.sticks.vault2, 'STRONGROOM', 'backup.pdf'))).toBe(false);

    const saved = await desk.saveToFile(doc.documentId, join(k.sticks.seed1, 'STRONGROOM', 'envelope-7.pdf'));
    expect(saved).toMatchObject({ mediumId: 'SEEDS-01', path: 'STRONGROOM/envelope-7.pdf' });
    expect(events(k.app, 'print.save-refused')).toHaveLength(2);
  });

  it('is printed through the printer port, recorded with printer and pages, and a failed job is recorded too', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const printer = new FakePrinter();
    const desk = deskOf(k.app, { printer });
    const doc = await desk.prepareSeedBackup({ devicePath: k.sticks.seed1, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' });
    expect(await desk.printers()).toEqual({ printers: [{ name: 'Strongroom-Laser', isDefault: true }], unavailable: null });

    const printed = await desk.print(doc.documentId, 'Strongroom-Laser');
    expect(printed).toEqual({ printer: 'Strongroom-Laser', jobId: 'Strongroom-Laser-1', pageCount: 2 });
    expect(printer.jobs[0]!.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(printer.jobs[0]!.title).toContain('Paper MFA seed backup');
    expect(events(k.app, 'print.printed')[0]).toMatchObject({
      subject: 'seed-backup',
      details: { printer: 'Strongroom-Laser', pages: 2, generation: 1, fingerprint: doc.fingerprint, job: 'Strongroom-Laser-1' },
    });

    printer.failWith = new StrongroomError(ErrorCode.PrintFailed, 'The printer Strongroom-Laser did not take the document (out of paper).');
    expect((await refusal(desk.print(doc.documentId, 'Strongroom-Laser'))).code).toBe(ErrorCode.PrintFailed);
    expect(events(k.app, 'print.failed')[0]!.details).toMatchObject({ printer: 'Strongroom-Laser', error: ErrorCode.PrintFailed });
  });

  it('is neither made, printed nor restored from paper while a network interface is up', async () => {
    let up = false;
    const network = { activeInterfaces: () => (up ? [{ name: 'eth0', addresses: ['192.0.2.10'] }] : []) };
    const k = await custodyKiosk({ network });
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const desk = deskOf(k.app, { printer: new FakePrinter() });
    const doc = await desk.prepareSeedBackup({ devicePath: k.sticks.seed1, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' });
    up = true;
    expect((await refusal(desk.print(doc.documentId, 'Strongroom-Laser'))).code).toBe(ErrorCode.NetworkUp);
    expect((await refusal(desk.prepareSeedBackup({ devicePath: k.sticks.seed1, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' }))).code).toBe(ErrorCode.NetworkUp);
    expect((await refusal(() => desk.restore.restoreSeed([{ text: 'ABCD', check: 'AB' }]))).code).toBe(ErrorCode.NetworkUp);
    // A document without secrets still prints: there is nothing in it for a network to leak.
    const sheet = await desk.prepareEmergencySheet({ role: 'seed', paper: 'A4', passphrase: { kind: 'write-in' } });
    expect((await desk.print(sheet.documentId, 'Strongroom-Laser')).printer).toBe('Strongroom-Laser');
  });

  it('is wiped, with any restored seed, when the custodian signs out', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const desk = deskOf(k.app, { printer: null });
    const backup = await desk.prepareSeedBackup({ devicePath: k.sticks.seed1, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' });
    const sheet = await desk.prepareEmergencySheet({ role: 'vault', paper: 'A4', passphrase: { kind: 'write-in' } });
    desk.restore.restoreSeed(splitSeedIntoLines(SEED_B).map((line) => ({ text: line.text, check: line.check })));
    expect(desk.heldCount).toEqual({ documents: 2, secretDocuments: 1, restores: 1 });

    k.app.session.signOut();
    expect(desk.heldCount).toEqual({ documents: 0, secretDocuments: 0, restores: 0 });
    expect(events(k.app, 'print.secrets-wiped')[0]).toMatchObject({ custodian: 'Strongroom', details: { how: 'signed-out', seedDocuments: 1, restoredSeeds: 1 } });
    registerAndSignIn(k.app, 'Dana Whitfield');
    for (const id of [backup.documentId, sheet.documentId]) {
      expect((await refusal(desk.save(id, k.sticks.seed1))).code).toBe(ErrorCode.PrintDocumentGone);
    }
  });

  it('is wiped when the kiosk locks itself, while a sheet without secrets waits for its custodian', async () => {
    const clock = new FakeClock();
    const k = await custodyKiosk({ clock });
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const desk = deskOf(k.app, { printer: new FakePrinter() });
    const backup = await desk.prepareSeedBackup({ devicePath: k.sticks.seed1, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' });
    const sheet = await desk.prepareEmergencySheet({ role: 'vault', paper: 'A4', passphrase: { kind: 'write-in' } });

    clock.advanceMinutes(6);
    expect(k.app.session.status().lockedForIdle).toBe(true);
    expect(desk.heldCount).toEqual({ documents: 1, secretDocuments: 0, restores: 0 });
    registerAndSignIn(k.app, 'Dana Whitfield');
    expect((await refusal(desk.print(backup.documentId, 'Strongroom-Laser'))).code).toBe(ErrorCode.PrintDocumentGone);
    expect((await desk.print(sheet.documentId, 'Strongroom-Laser')).pageCount).toBe(sheet.pageCount);

    // Another custodian never acts on a document someone else prepared.
    registerAndSignIn(k.app, 'Ravi Chandran');
    expect(desk.held()).toEqual([]);
  });
});

describe('emergency sheets and labels', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('describes the newest generation, the replicas and the custodian, and goes only on a stick of its role', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const desk = deskOf(k.app, { printer: null });
    const early = await refusal(desk.prepareEmergencySheet({ role: 'vault', paper: 'A4', passphrase: { kind: 'write-in' } }));
    expect(early.code).toBe(ErrorCode.NothingToPrint);
    expect(early.message).toContain('Nothing has been written to the vault sticks yet');

    await enrolAndWrite(k.app);
    const vault = await desk.prepareEmergencySheet({
      role: 'vault',
      paper: 'A4',
      passphrase: { kind: 'kept-by', holders: ['Dana Whitfield', 'Ravi Chandran'] },
      contacts: [{ name: 'Security duty officer', role: 'Any time', phone: '+44 20 7946 0000' }],
    });
    expect(vault).toMatchObject({ kind: 'emergency-sheet-vault', holdsSeeds: false, generation: 1, saveTo: 'vault', warnings: [] });
    expect(vault.fingerprint).toMatch(/^[0-9A-F]{16}$/);

    const onSeedStick = await refusal(desk.save(vault.documentId, k.sticks.seed1));
    expect(onSeedStick.code).toBe(ErrorCode.SeparationRefused);
    expect(onSeedStick.message).toContain('belongs on a vault stick');
    expect(await desk.save(vault.documentId, k.sticks.vault2)).toMatchObject({ mediumId: 'VAULT-02', path: 'STRONGROOM/emergency-sheet.pdf' });

    const seedSheet = await desk.prepareEmergencySheet({ role: 'seed', paper: 'LETTER', passphrase: { kind: 'write-in' } });
    expect(await desk.save(seedSheet.documentId, k.sticks.seed2)).toMatchObject({ mediumId: 'SEEDS-02', path: 'STRONGROOM/emergency-sheet.pdf' });
  });

  it('warns about a replica left behind the newest generation', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app, [['111111111111', SEED_A]]);
    await enrolAndWrite(k.app, [['222222222222', SEED_B]], { vaultMedia: [k.sticks.vault1] });
    const desk = deskOf(k.app, { printer: null });
    const sheet = await desk.prepareEmergencySheet({ role: 'vault', paper: 'A4', passphrase: { kind: 'write-in' } });
    expect(sheet.generation).toBe(2);
    expect(sheet.warnings).toEqual([expect.stringContaining('VAULT-02 (off site, Bank) holds generation 1')]);
  });

  it('makes labels for every labelled medium, or the ones chosen, and refuses to save them on a stick', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const desk = deskOf(k.app, { printer: null });
    const all = await desk.prepareMediumLabels({ paper: 'A4' });
    expect(all).toMatchObject({ kind: 'medium-labels', saveTo: null, pageCount: 1 });
    expect(all.title).toContain('SEEDS-01, SEEDS-02, VAULT-01, VAULT-02');
    const chosen = await desk.prepareMediumLabels({ paper: 'LETTER', mediumIds: ['vault-02'], copiesPerMedium: 3 });
    expect(chosen.title).toBe('Medium labels (VAULT-02)');
    expect((await refusal(desk.prepareMediumLabels({ paper: 'A4', mediumIds: ['VAULT-09'] }))).code).toBe(ErrorCode.PrintInputInvalid);

    const onStick = await refusal(desk.save(all.documentId, k.sticks.vault1));
    expect(onStick.code).toBe(ErrorCode.DocumentNotForMedia);
    expect(onStick.message).toContain('Print them instead');
    expect(events(k.app, 'print.save-refused')[0]!.details).toMatchObject({ reason: 'labels are printed, never saved' });
  });

  it('previews a page as a PNG through pdftoppm, and says plainly when poppler-utils is missing', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const desk = deskOf(k.app, { printer: null });
    const labels = await desk.prepareMediumLabels({ paper: 'A4' });
    const preview = await desk.previewPage(labels.documentId, 1, 40);
    expect(Buffer.from(preview.pngBase64, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(preview).toMatchObject({ page: 1, pageCount: 1, widthPx: Math.round((210 / 25.4) * 40) });
    expect((await refusal(desk.previewPage(labels.documentId, 2, 40))).message).toContain('there is no page 2');

    const without = deskOf(k.app, { printer: null, rasteriser: new PopplerPdfRasteriser({ command: 'pdftoppm-not-installed-here' }) });
    const other = await without.prepareMediumLabels({ paper: 'A4' });
    const missing = await refusal(without.previewPage(other.documentId, 1, 40));
    expect(missing.code).toBe(ErrorCode.PreviewUnavailable);
    expect(missing.message).toContain('poppler-utils');
    expect(await without.printers()).toEqual({ printers: [], unavailable: expect.stringContaining('No printer is connected') });
  });
});
