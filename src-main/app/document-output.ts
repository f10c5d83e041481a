import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { mediumName, ROLE_FACTS, roleFit, stickRoleOf } from '../core/custody-vocabulary';
import { ErrorCode, StrongroomError } from '../core/errors';
import { MEDIUM_DIR, ROLE_ARTEFACT, type MediumRole } from '../core/medium-manifest';
import { paperFreshness, type PaperFreshness } from '../core/paper-freshness';
import type { Catalog } from '../catalog/catalog';
import type { PrintDocumentKind, PrintedView } from '../contract/print-views';
import { sha256Hex } from '../core/sha256';
import type { Clock } from '../platform/clock';
import { documentNotSaved, ensureKioskFolder, resolvedFolder, writeKioskFile } from '../platform/kiosk-files';
import { pngSize, type PdfRasteriser } from '../platform/pdf-preview';
import type { Printer } from '../platform/printer';
import type { AirGapGuard } from './air-gap-guard';
import type { HeldDocuments } from './held-documents';
import type { KioskSession } from './kiosk-session';
import type { MediaDesk } from './media-desk';
import { capital, KIND_WORDS, SAVE_TARGET, type PagePreview, type PrinterChoice, type PreparedDocument, type SavedDocument } from './print-documents';

interface FileTarget {
  readonly folder: string;
  /** The folder with links resolved, or null when it does not exist. */
  readonly real: string | null;
  readonly stick: { readonly devicePath: string; readonly mediumId: string; readonly role: MediumRole | null; readonly usable: boolean } | null;
}

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.pdf$/;

/**
 * Where a held document goes: a page preview on screen, a printer, a stick of the right role, or (from the CLI)
 * a file. Seed documents and key cards go to a printer only while the kiosk is isolated and never to the
 * kiosk's disk; every refusal and every document that left is on the audit trail.
 */
export class DocumentOutput {
  private readonly printedListeners = new Set<(view: PreparedDocument, printer: string) => void>();

  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly media: MediaDesk,
    private readonly clock: Clock,
    private readonly airGap: AirGapGuard,
    private readonly store: HeldDocuments,
    private readonly ports: { readonly printer: Printer; readonly rasteriser: PdfRasteriser },
  ) {}

  /** Told after each document reached a printer (key cards count their printed cards this way). */
  onPrinted(listener: (view: PreparedDocument, printer: string) => void): () => void {
    this.printedListeners.add(listener);
    return () => this.printedListeners.delete(listener);
  }

  async previewPage(documentId: string, page: number, dpi: number): Promise<PagePreview> {
    const view = this.store.view(documentId);
    // Whoever watches the screen while every card is previewed would see enough shares to know the key.
    if (view.holdsKeyShare) throw keyCardNotShown('A key card is not shown on screen: only its holder reads it, on paper. Print it and hand it over.');
    const { pageCount } = view;
    if (!Number.isInteger(page) || page < 1 || page > pageCount) {
      throw new StrongroomError(ErrorCode.PageOutOfRange, `This document has ${pageCount} page${pageCount === 1 ? '' : 's'}; there is no page ${page}.`, { page, pageCount });
    }
    const png = await this.store.using(documentId, (pdf) => this.ports.rasteriser.renderPage(pdf, page, dpi));
    const size = pngSize(png);
    return { page, pageCount, pngBase64: png.toString('base64'), widthPx: size?.width ?? null, heightPx: size?.height ?? null };
  }

  async printers(): Promise<PrinterChoice> {
    this.session.requireCustodian();
    try {
      return { printers: await this.ports.printer.listPrinters(), unavailable: null };
    } catch (error) {
      if (error instanceof StrongroomError) return { printers: [], unavailable: error.message };
      throw error;
    }
  }

  async print(documentId: string, printerName: string): Promise<PrintedView> {
    const view = this.store.view(documentId);
    // Seeds and key shares go to a printer only while the kiosk is isolated: with a network up, the job could leave the room.
    if (view.holdsSeeds) this.airGap.requireIsolation('print the paper seed backup');
    if (view.holdsKeyShare) this.airGap.requireIsolation('print a key card');
    let receipt;
    try {
      receipt = await this.store.using(documentId, (pdf) => this.ports.printer.print(pdf, printerName, `Strongroom — ${view.title}`));
    } catch (error) {
      const code = error instanceof StrongroomError ? error.code : 'UNEXPECTED';
      this.session.record({ action: 'print.failed', subject: view.kind, details: { document: view.documentId, printer: printerName, error: code } });
      throw error;
    }
    if (view.kind === 'seed-backup') this.recordPaperBackup(view, 'printed', receipt.printer);
    for (const listener of [...this.printedListeners]) listener(view, receipt.printer);
    this.session.record({
      action: 'print.printed',
      subject: view.kind,
      details: {
        document: view.documentId,
        printer: receipt.printer,
        pages: view.pageCount,
        fingerprint: view.fingerprint,
        ...(view.generation !== null ? { generation: view.generation } : {}),
        ...(receipt.jobId ? { job: receipt.jobId } : {}),
      },
    });
    return { printer: receipt.printer, jobId: receipt.jobId, pageCount: view.pageCount };
  }

  /**
   * Saves a document on an inserted stick: the seed backup and the seed store's sheet only on a seed stick, the
   * vault's sheet only on a vault stick, labels never. The media desk re-checks the separation policy from a
   * fresh scan and writes atomically; every refusal is on the audit trail.
   */
  async save(documentId: string, devicePath: string, options: { fileName?: string } = {}): Promise<SavedDocument> {
    const view = this.store.view(documentId);
    const target = SAVE_TARGET[view.kind];
    if (view.holdsKeyShare) {
      this.session.record({ action: 'print.save-refused', subject: view.kind, details: { document: view.documentId, device: devicePath, reason: 'key cards are printed, never saved' } });
      throw keyCardNotShown('A key card is printed for its holder and never saved: a copy on a stick would be a share nobody keeps track of. Print it instead.');
    }
    if (!target) {
      this.session.record({ action: 'print.save-refused', subject: view.kind, details: { document: view.documentId, device: devicePath, reason: 'labels are printed, never saved' } });
      throw new StrongroomError(
        ErrorCode.DocumentNotForMedia,
        'Medium labels are printed and stuck on the sticks and their pouches; they are never saved on a stick. Print them instead.',
      );
    }
    const medium = await this.media.find(devicePath);
    const mediumId = mediumName(medium);
    const role = stickRoleOf(medium);
    if (role !== null && roleFit(role, target.role) === 'other-role') {
      this.session.record({
        action: 'print.save-refused',
        subject: mediumId,
        details: { document: view.documentId, kind: view.kind, stickRole: role, needs: target.role },
      });
      throw new StrongroomError(
        ErrorCode.SeparationRefused,
        view.holdsSeeds
          ? `${mediumId} is a vault stick, and ${KIND_WORDS[view.kind]} holds MFA seeds: seeds never go on a vault stick. Insert a seed stick and save it there.`
          : `${capital(KIND_WORDS[view.kind])} belongs on ${ROLE_FACTS[target.role].stick}, and ${mediumId} is ${ROLE_FACTS[role].stick}. Choose ${ROLE_FACTS[target.role].stick}.`,
        { mediumId, wantedRole: target.role },
      );
    }
    const fileName = options.fileName ?? target.fileName(view);
    if (!FILE_NAME.test(fileName)) {
      throw new StrongroomError(ErrorCode.FileNameInvalid, `"${fileName}" cannot be used as the file name: use letters, digits, dots, dashes or underscores, ending in .pdf.`);
    }
    try {
      const saved = await this.store.using(documentId, (pdf) => this.media.saveDocument(medium.drive.devicePath, target.role, fileName, pdf, KIND_WORDS[view.kind]));
      if (view.kind === 'seed-backup') this.recordPaperBackup(view, 'saved', saved.mediumId);
      return { mediumId: saved.mediumId, path: saved.path, sha256: saved.sha256 };
    } catch (error) {
      // The media desk records its own separation refusals; everything else is recorded here.
      const code = error instanceof StrongroomError ? error.code : 'UNEXPECTED';
      if (code !== ErrorCode.SeparationRefused) {
        this.session.record({ action: 'print.save-failed', subject: mediumId, details: { document: view.documentId, kind: view.kind, error: code } });
      }
      throw error;
    }
  }

  /**
   * The CLI's `--out FILE`. A file inside an inserted stick goes through `save` (right role, atomic write, its
   * STRONGROOM folder); a document holding seeds is refused anywhere else, the kiosk's own disk included.
   * Documents without secrets may be written to any folder.
   */
  async saveToFile(documentId: string, filePath: string): Promise<SavedDocument> {
    const view = this.store.view(documentId);
    if (view.holdsKeyShare) return this.save(documentId, filePath);
    const target = await this.locateFile(filePath);
    if (view.holdsSeeds) this.refuseUnlessSeedStick(target, filePath, view.kind, view.documentId);
    if (target.stick) {
      if (!target.stick.usable) this.refuseOutsideMediumFolder(target.stick.mediumId, filePath, view.kind, view.documentId);
      return this.save(documentId, target.stick.devicePath, { fileName: basename(filePath) });
    }
    if (!target.real) {
      throw new StrongroomError(ErrorCode.FolderNotFound, `The folder ${target.folder} does not exist. Create it first or choose another.`);
    }
    const path = join(target.real, basename(filePath));
    const sha256 = await this.store.using(documentId, async (pdf) => {
      await writeKioskFile(path, pdf, documentNotSaved(capital(KIND_WORDS[view.kind])));
      return sha256Hex(pdf);
    });
    this.session.record({ action: 'print.written-to-file', subject: view.kind, details: { document: view.documentId, file: path, sha256 } });
    return { mediumId: null, path, sha256 };
  }

  /**
   * The window's way to keep a document without secrets (labels, a report) when no printer is here: a PDF in the
   * kiosk's reports folder, printed later or elsewhere, as the CLI's `--out` allows. A document holding seeds is
   * refused before any byte is written: it goes only on a seed stick or to a printer.
   */
  async saveToKiosk(documentId: string, folder: string): Promise<SavedDocument> {
    const view = this.store.view(documentId);
    if (view.holdsSeeds) {
      this.session.record({ action: 'print.save-refused', subject: view.kind, details: { document: view.documentId, reason: 'not on a seed stick', folder } });
      throw new StrongroomError(
        ErrorCode.SeedDocumentOffMedium,
        `${capital(KIND_WORDS[view.kind])} holds MFA seeds and is never written to this computer's disk. Save it on a seed stick, or print it.`,
      );
    }
    await ensureKioskFolder(folder);
    const stamp = view.preparedAt.replace(/[:.]/g, '-');
    return this.saveToFile(documentId, join(folder, `${view.kind}-${stamp}-${view.documentId.slice(0, 8)}.pdf`));
  }

  /**
   * Refuses, before any seed is opened, a file for the seed backup that is not in the STRONGROOM (or top) folder
   * of an inserted seed stick. The same check runs again when the document is saved.
   */
  async checkSeedBackupFile(filePath: string): Promise<{ mediumId: string }> {
    this.session.requireCustodian();
    const target = await this.locateFile(filePath);
    this.refuseUnlessSeedStick(target, filePath, 'seed-backup', null);
    return { mediumId: target.stick!.mediumId };
  }

  discard(documentId: string): void {
    const view = this.store.discard(documentId);
    if (view.holdsSeeds) {
      this.session.record({ action: 'print.seed-backup-discarded', subject: view.kind, details: { document: view.documentId, how: 'discarded by custodian' } });
    }
  }


  /**
   * Whether the printed seed backups still match the newest seed generation. Each backup that left the kiosk
   * (printed, or saved on a seed stick) is recorded with the generation it was made from.
   */
  paperFreshness(): PaperFreshness {
    return paperFreshness(
      this.catalog.generations.newestPublished(ROLE_ARTEFACT.seed),
      this.catalog.paperBackups.list().map((b) => ({ generation: b.generation, madeAt: b.madeAt })),
    );
  }

  private recordPaperBackup(view: PreparedDocument, how: 'printed' | 'saved', whereTo: string): void {
    if (view.generation === null) return;
    this.catalog.paperBackups.record({
      generation: view.generation,
      fingerprint: view.fingerprint,
      accounts: this.catalog.generations.get(ROLE_ARTEFACT.seed, view.generation)?.accountIds?.length ?? 0,
      how,
      whereTo,
      madeBy: view.preparedBy,
      madeAt: this.clock.now().toISOString(),
    });
  }

  /** Where a file would land: the folder, and the inserted stick holding it (exactly its top or STRONGROOM folder, or deeper). */
  private async locateFile(filePath: string): Promise<FileTarget> {
    const folder = resolve(dirname(filePath));
    const real = await resolvedFolder(folder);
    if (!real) return { folder, real, stick: null };
    for (const medium of await this.media.inserted()) {
      for (const partition of medium.drive.partitions) {
        for (const mountpoint of partition.mountpoints) {
          const top = await resolvedFolder(mountpoint);
          if (!top) continue;
          const inside = relative(top, real);
          if (inside.startsWith('..') || isAbsolute(inside)) continue;
          return {
            folder,
            real,
            stick: {
              devicePath: medium.drive.devicePath,
              mediumId: mediumName(medium),
              role: stickRoleOf(medium),
              usable: inside === '' || inside === MEDIUM_DIR,
            },
          };
        }
      }
    }
    return { folder, real, stick: null };
  }

  private refuseUnlessSeedStick(target: FileTarget, filePath: string, kind: PrintDocumentKind, documentId: string | null): void {
    const document: Record<string, string> = documentId ? { document: documentId } : {};
    const { stick } = target;
    if (!stick) {
      this.session.record({ action: 'print.save-refused', subject: kind, details: { ...document, reason: 'not on a seed stick', folder: target.folder } });
      throw new StrongroomError(
        ErrorCode.SeedDocumentOffMedium,
        `${filePath} is not on a seed stick. ${capital(KIND_WORDS[kind])} holds MFA seeds and is never written to this computer's disk: give a file in the STRONGROOM folder of an inserted, labelled seed stick, or print it.`,
        { folder: target.folder },
      );
    }
    const fit = roleFit(stick.role, 'seed');
    if (fit !== 'fit') {
      this.session.record({ action: 'print.save-refused', subject: stick.mediumId, details: { ...document, kind, stickRole: stick.role ?? 'unlabelled', needs: 'seed' } });
      throw new StrongroomError(
        fit === 'other-role' ? ErrorCode.SeparationRefused : ErrorCode.SeedDocumentOffMedium,
        fit === 'other-role'
          ? `${filePath} is on ${stick.mediumId}, a vault stick, and ${KIND_WORDS[kind]} holds MFA seeds: seeds never go on a vault stick. Give a file on a seed stick.`
          : `${filePath} is on a stick that is not labelled as a seed stick. ${capital(KIND_WORDS[kind])} goes only on a labelled seed stick: label it on the Media screen first, or use another.`,
        { mediumId: stick.mediumId },
      );
    }
    if (!stick.usable) this.refuseOutsideMediumFolder(stick.mediumId, filePath, kind, documentId);
  }

  private refuseOutsideMediumFolder(mediumId: string, filePath: string, kind: PrintDocumentKind, documentId: string | null): never {
    this.session.record({ action: 'print.save-refused', subject: mediumId, details: { ...(documentId ? { document: documentId } : {}), kind, reason: 'not the stick’s top or STRONGROOM folder' } });
    throw new StrongroomError(
      ErrorCode.DocumentOutsideMediumFolder,
      `${filePath} is inside ${mediumId} but not in its STRONGROOM folder. Give a file name in the stick's ${MEDIUM_DIR} folder (or its top folder): documents are kept there beside the medium's label.`,
      { mediumId },
    );
  }

}

function keyCardNotShown(message: string): StrongroomError {
  return new StrongroomError(ErrorCode.KeyCardNotShown, message);
}

