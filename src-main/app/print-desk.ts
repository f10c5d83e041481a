import { createHash, randomUUID } from 'node:crypto';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { openSeedFile } from '../artefacts/seed-file';
import { protect } from '../artefacts/strongroom-kdbx';
import { ErrorCode, StrongroomError } from '../core/errors';
import { MEDIUM_DIR, ROLE_ARTEFACT, type MediumRole } from '../core/medium-manifest';
import { AWS_OTP_ISSUER, buildOtpauthUri } from '../core/otpauth';
import { parseSeed, type Seed } from '../core/seed';
import { checkTypedLine, reassembleSeed, SEED_MAX_LENGTH, SEED_LINE_LENGTH, type TypedLineVerdict, type TypedSeedLine } from '../core/seed-line-check';
import { twoConsecutiveCodes, type ConsecutiveCodes } from '../core/totp';
import type { Catalog } from '../catalog/catalog';
import type { MediumRecord } from '../catalog/media-store';
import type { EnrolmentView } from '../contract/custody-views';
import type { PrintDocumentKind } from '../contract/print-views';
import { paperFreshness, type PaperFreshness } from '../core/paper-freshness';
import { sha256Hex } from '../platform/atomic-file-writer';
import type { Clock } from '../platform/clock';
import { resolvedFolder, writeKioskFile } from '../platform/kiosk-files';
import { PopplerPdfRasteriser, pngSize, type PdfRasteriser } from '../platform/pdf-preview';
import { UnavailablePrinter, type Printer, type PrinterInfo } from '../platform/printer';
import type { EmergencyContact, PaperSize, PassphraseCustody, PrintOptions, SeedBackupAccount } from '../print/document-inputs';
import { buildEmergencySheet } from '../print/emergency-sheet';
import { buildMediumLabels } from '../print/medium-labels';
import { buildSeedBackup } from '../print/seed-backup';
import type { AccountRegister } from './account-register';
import type { AirGapGuard } from './air-gap-guard';
import type { CustodianRoster } from './custodian-roster';
import type { EnrolmentDesk } from './enrolment-desk';
import type { KioskSession, SessionEnd } from './kiosk-session';
import type { KeySchemeView } from '../contract/key-card-views';
import type { MasterKeyInput, MasterKeys } from './master-keys';
import type { InsertedMedium, MediaDesk } from './media-desk';
import type { ProgressBoard } from './progress-board';
import type { StickArtefacts } from './stick-artefacts';

/** What the screen and the CLI learn about a prepared document. The PDF itself stays in this process. */
export interface PreparedDocument {
  readonly documentId: string;
  readonly kind: PrintDocumentKind;
  readonly title: string;
  readonly paper: PaperSize;
  readonly pageCount: number;
  /** The seed set fingerprint printed on a seed backup; for other documents the start of the PDF's SHA-256. */
  readonly fingerprint: string;
  readonly holdsSeeds: boolean;
  /** A key card: printed for its holder only, never previewed, saved or written anywhere. */
  readonly holdsKeyShare: boolean;
  readonly generation: number | null;
  /** The role of stick it may be saved on, or null when it is only printed (labels). */
  readonly saveTo: MediumRole | null;
  readonly warnings: readonly string[];
  readonly preparedAt: string;
  readonly preparedBy: string;
}

export interface EmergencySheetRequest {
  readonly role: MediumRole;
  readonly paper: PaperSize;
  readonly passphrase: PassphraseCustody;
  readonly networkLocation?: string;
  readonly contacts?: readonly EmergencyContact[];
  readonly organisation?: string;
}

export interface SeedBackupRequest {
  /** The seed stick to read seeds.kdbx from: device path or mount point. */
  readonly devicePath: string;
  /** The seed master passphrase, or k of the seed store's key cards. */
  readonly passphrase: MasterKeyInput;
  /** Two-person control: the registered custodian beside the one signed in, named explicitly. */
  readonly secondCustodian: string | null;
  readonly paper: PaperSize;
  readonly organisation?: string;
}

export interface MediumLabelsRequest {
  readonly paper: PaperSize;
  /** Labels for these media only; all labelled media when absent or empty. */
  readonly mediumIds?: readonly string[];
  readonly copiesPerMedium?: number;
  readonly skipPositions?: number;
}

export interface PagePreview {
  readonly page: number;
  readonly pageCount: number;
  readonly pngBase64: string;
  readonly widthPx: number | null;
  readonly heightPx: number | null;
}

export interface PrinterChoice {
  readonly printers: readonly PrinterInfo[];
  /** Why Strongroom cannot print here at all, or null. */
  readonly unavailable: string | null;
}

export interface SavedDocument {
  readonly mediumId: string | null;
  readonly path: string;
  readonly sha256: string;
}

export interface RestoredSeed {
  readonly restoreId: string;
  readonly accountId: string | null;
  readonly accountName: string | null;
  readonly codes: ConsecutiveCodes;
}

interface HeldDocument {
  readonly view: PreparedDocument;
  readonly pdf: Buffer;
  readonly custodian: string;
  /** Operations reading the PDF right now (printing, saving, previewing); it is wiped only after they finish. */
  inUse: number;
  dropped: boolean;
}

interface FileTarget {
  readonly folder: string;
  /** The folder with links resolved, or null when it does not exist. */
  readonly real: string | null;
  readonly stick: { readonly devicePath: string; readonly mediumId: string; readonly role: MediumRole | null; readonly usable: boolean } | null;
}

interface HeldRestore {
  readonly restoreId: string;
  readonly seed: Seed;
  readonly accountId: string | null;
  readonly custodian: string;
}

/** Where each kind of document may be saved, and under which file name. */
const SAVE_TARGET: Readonly<Record<PrintDocumentKind, { readonly role: MediumRole; readonly fileName: (doc: PreparedDocument) => string } | null>> = {
  'emergency-sheet-vault': { role: 'vault', fileName: () => 'emergency-sheet.pdf' },
  'emergency-sheet-seed': { role: 'seed', fileName: () => 'emergency-sheet.pdf' },
  'seed-backup': { role: 'seed', fileName: (doc) => `seed-backup-g${doc.generation ?? 0}.pdf` },
  'medium-labels': null,
  // Kept with the catalog in reports/ when the run finishes; printed from here.
  'verification-report': null,
  'key-card': null,
};

const KIND_WORDS: Readonly<Record<PrintDocumentKind, string>> = {
  'emergency-sheet-vault': 'the vault emergency sheet',
  'emergency-sheet-seed': 'the seed store emergency sheet',
  'seed-backup': 'the paper seed backup',
  'medium-labels': 'the medium labels',
  'verification-report': 'the verification report',
  'key-card': 'a key card',
};

const ROLE_WORDS: Readonly<Record<MediumRole, { readonly stick: string; readonly media: string }>> = {
  vault: { stick: 'a vault stick', media: 'vault' },
  seed: { stick: 'a seed stick', media: 'seed' },
};

/** A kiosk prepares a handful of documents at a time; older ones are forgotten rather than piling up in memory. */
const MAX_HELD_DOCUMENTS = 12;
const MAX_HELD_RESTORES = 8;
const MAX_LINES = SEED_MAX_LENGTH / SEED_LINE_LENGTH;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.pdf$/;

/**
 * Paper: the last line of the disaster-recovery plan. Documents are built in memory and held here under a random
 * id until they are printed, saved on a stick of the right role, or discarded; a document holding seeds never
 * reaches the kiosk's disk, and is wiped when the custodian signs out or the kiosk locks. The same desk turns a
 * paper seed typed back line by line into a seed again, checked line by line, for a re-enrolment.
 */
export class PrintDesk {
  private readonly documents = new Map<string, HeldDocument>();
  private readonly restores = new Map<string, HeldRestore>();
  private readonly printer: Printer;
  private readonly rasteriser: PdfRasteriser;
  private readonly printedListeners = new Set<(view: PreparedDocument, printer: string) => void>();

  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly media: MediaDesk,
    private readonly accounts: AccountRegister,
    private readonly enrolment: EnrolmentDesk,
    private readonly clock: Clock,
    private readonly progress: ProgressBoard,
    private readonly airGap: AirGapGuard,
    private readonly sticks: StickArtefacts,
    ports: { readonly printer: Printer | null; readonly rasteriser?: PdfRasteriser },
    private readonly controls: { readonly roster: CustodianRoster; readonly keys: MasterKeys },
  ) {
    this.printer = ports.printer ?? new UnavailablePrinter('No printer is connected to this Strongroom. Save the document on a stick of the right role instead.');
    this.rasteriser = ports.rasteriser ?? new PopplerPdfRasteriser();
    // Secrets go with the custodian: a locked kiosk or a sign-out wipes seed documents and restored seeds. Documents
    // without secrets survive an idle lock (the custodian may be at the printer) but not a sign-out.
    session.onEnd((how) => this.dropOnSessionEnd(how));
  }

  /** The practice mark, for documents made outside this desk (key cards) but printed through it. */
  get printOptions(): PrintOptions {
    return this.media.printOptions;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Preparing documents

  async prepareEmergencySheet(request: EmergencySheetRequest): Promise<PreparedDocument> {
    const custodian = this.session.requireCustodian();
    const { role } = request;
    const artefact = ROLE_ARTEFACT[role];
    const media = this.catalog.media.list().filter((m) => m.role === role);
    if (media.length === 0) {
      throw new StrongroomError(
        ErrorCode.NothingToPrint,
        `No ${ROLE_WORDS[role].media} stick is labelled yet, so the sheet could not say where the copies are. Label the ${ROLE_WORDS[role].media} sticks on the Media screen first.`,
        { role },
      );
    }
    const generation = this.catalog.generations.newestPublished(artefact);
    if (generation < 1) {
      throw new StrongroomError(
        ErrorCode.NothingToPrint,
        `Nothing has been written to the ${ROLE_WORDS[role].media} sticks yet, so there is no ${artefact} for the sheet to describe. Enrol the accounts and write the media first.`,
        { role },
      );
    }
    const warnings = media.flatMap((m) => {
      const held = this.catalog.generations.currentOf(m.mediumId, artefact)?.generation ?? 0;
      return held < generation
        ? [`${m.mediumId} (${describeLocation(m)}) holds ${held ? `generation ${held}` : 'nothing yet'}; the sheet describes generation ${generation}. Bring it in and update it.`]
        : [];
    });
    // The sheet describes one generation, so it counts that generation's accounts, not the catalog's.
    const accountCount =
      this.catalog.generations.get(artefact, generation)?.accountIds?.length ?? this.catalog.accounts.custodied().filter((a) => a.enrolledAt && (role === 'vault' || a.mfa.kind === 'virtual')).length;
    const printedAt = this.clock.now().toISOString();
    const auditHead = this.sticks.witness.head();
    const built = await buildEmergencySheet({
      role,
      paper: request.paper,
      printedAt,
      printedBy: custodian,
      ...(request.organisation ? { organisation: request.organisation } : {}),
      generation,
      accountCount,
      media: media.map((m) => ({ mediumId: m.mediumId, locationKind: m.location.kind, locationNote: m.location.note })),
      ...(request.networkLocation ? { networkLocation: request.networkLocation } : {}),
      passphrase: request.passphrase,
      contacts: request.contacts ?? [],
      ...keyCardsOf(this.controls.keys.scheme(role)),
      auditHead,
    }, this.media.printOptions);
    // The sheet witnesses the trail on paper: a catalog later cut below the head it shows is caught.
    this.sticks.witness.remember(`emergency sheet ${artefact} generation ${generation}`, 'printed', auditHead);
    return this.hold(custodian, {
      kind: role === 'vault' ? 'emergency-sheet-vault' : 'emergency-sheet-seed',
      title: `Emergency sheet — ${role === 'vault' ? 'vault' : 'seed store'} (${artefact}, generation ${generation})`,
      paper: request.paper,
      pdf: built.pdf,
      pageCount: built.pageCount,
      fingerprint: pdfFingerprint(built.pdf),
      holdsSeeds: false,
      generation,
      warnings,
      preparedAt: printedAt,
    });
  }

  /**
   * The paper seed backup, from seeds.kdbx on a seed stick opened with the seed passphrase. The file is checked
   * against the catalog's record of what was written there; the seeds exist only in this process's memory.
   */
  async prepareSeedBackup(request: SeedBackupRequest): Promise<PreparedDocument> {
    const custodian = this.session.requireCustodian();
    const pair = this.controls.roster.requireTwo('Printing the seed backup', custodian, request.secondCustodian);
    this.airGap.requireIsolation('print the paper seed backup (opens the seed store)');
    return this.progress.run('Preparing the paper seed backup', 3, async () => {
      this.progress.announce('Reading seeds.kdbx from the seed stick');
      const source = await this.readSeedStore(request.devicePath);
      this.progress.step('Opening the seed store with the passphrase');
      let opened;
      try {
        const key = await this.controls.keys.resolve('seed', request.passphrase, 'open');
        opened = await openSeedFile(source.bytes, protect(key.text));
      } catch (error) {
        const code = error instanceof StrongroomError ? error.code : 'UNEXPECTED';
        this.session.record({ action: 'print.seed-backup-failed', subject: source.mediumId, details: { error: code } });
        throw error;
      }
      const warnings = [...source.warnings];
      const newest = this.catalog.generations.newestPublished(ROLE_ARTEFACT.seed);
      if (opened.generation < newest) {
        warnings.push(
          `${source.mediumId} holds seed store generation ${opened.generation}, but generation ${newest} is the newest written: this paper would not match the current seed store. Print from a seed stick that holds generation ${newest}.`,
        );
      }
      if (opened.otherEntries.length > 0) {
        warnings.push(`Left out, because they hold no usable AWS seed: ${opened.otherEntries.join(', ')}.`);
      }
      if (opened.entries.length === 0) {
        throw new StrongroomError(ErrorCode.NothingToPrint, `The seed store on ${source.mediumId} holds no account with an MFA seed, so there is nothing to print.`, {
          mediumId: source.mediumId,
        });
      }

      // In the order of the account list, as the backup's cover tells the reader.
      const order = new Map(this.catalog.accounts.list().map((a, index) => [a.accountId, index] as const));
      const entries = [...opened.entries].sort(
        (a, b) => (order.get(a.accountId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.accountId) ?? Number.MAX_SAFE_INTEGER) || a.name.localeCompare(b.name),
      );
      const accounts: SeedBackupAccount[] = entries.map((entry) => ({
        accountId: entry.accountId,
        name: entry.name,
        email: entry.rootEmail,
        issuer: AWS_OTP_ISSUER,
        seedBase32: entry.seed.base32,
        otpauthUri: buildOtpauthUri({ name: entry.name, accountId: entry.accountId }, entry.seed),
      }));

      this.progress.step('Laying out the pages');
      const printedAt = this.clock.now().toISOString();
      const built = await buildSeedBackup({
        paper: request.paper,
        printedAt,
        printedBy: custodian,
        ...(request.organisation ? { organisation: request.organisation } : {}),
        generation: opened.generation,
        accounts,
      }, this.media.printOptions);
      const view = this.hold(custodian, {
        kind: 'seed-backup',
        title: `Paper MFA seed backup (generation ${opened.generation})`,
        paper: request.paper,
        pdf: built.pdf,
        pageCount: built.pageCount,
        fingerprint: built.fingerprint,
        holdsSeeds: true,
        generation: opened.generation,
        warnings,
        preparedAt: printedAt,
      });
      // The set fingerprint identifies the paper without revealing a seed; never the seeds themselves.
      this.session.record({
        action: 'print.seed-backup-prepared',
        subject: source.mediumId,
        details: { document: view.documentId, generation: opened.generation, fingerprint: built.fingerprint, accounts: accounts.length, pages: built.pageCount, custodians: `${pair.first} and ${pair.second}` },
      });
      return { ...view, warnings: [...view.warnings, ...(await this.media.witnessOn([await this.media.find(request.devicePath)], 'seed backup print'))] };
    });
  }

  async prepareMediumLabels(request: MediumLabelsRequest): Promise<PreparedDocument> {
    const custodian = this.session.requireCustodian();
    const all = this.catalog.media.list();
    let chosen: MediumRecord[];
    if (request.mediumIds && request.mediumIds.length > 0) {
      chosen = request.mediumIds.map((id) => {
        const found = all.find((m) => m.mediumId === id.trim().toUpperCase());
        if (!found) {
          throw new StrongroomError(
            ErrorCode.PrintInputInvalid,
            `${id} is not a stick this kiosk has labelled (or it was retired), so no label can be made for it. Choose from the media on the Media screen.`,
            { mediumId: id },
          );
        }
        return found;
      });
    } else chosen = all;
    if (chosen.length === 0) {
      throw new StrongroomError(ErrorCode.NothingToPrint, 'No stick is labelled yet, so there are no labels to print. Label the sticks on the Media screen first.');
    }
    const printedAt = this.clock.now().toISOString();
    const built = await buildMediumLabels({
      paper: request.paper,
      printedAt,
      media: chosen.map((m) => ({ mediumId: m.mediumId, role: m.role, locationKind: m.location.kind, locationNote: m.location.note })),
      ...(request.copiesPerMedium !== undefined ? { copiesPerMedium: request.copiesPerMedium } : {}),
      ...(request.skipPositions !== undefined ? { skipPositions: request.skipPositions } : {}),
    }, this.media.printOptions);
    return this.hold(custodian, {
      kind: 'medium-labels',
      title: `Medium labels (${chosen.map((m) => m.mediumId).join(', ')})`,
      paper: request.paper,
      pdf: built.pdf,
      pageCount: built.pageCount,
      fingerprint: pdfFingerprint(built.pdf),
      holdsSeeds: false,
      generation: null,
      warnings: [],
      preparedAt: printedAt,
    });
  }

  /** Holds a finished verification report (no secrets) so it can be previewed and printed like any document. */
  holdVerificationReport(report: { runId: string; pdf: Buffer; pageCount: number; fingerprint: string; paper: 'A4' | 'LETTER' }): PreparedDocument {
    const custodian = this.session.requireCustodian();
    return this.hold(custodian, {
      kind: 'verification-report',
      title: `Verification report ${report.runId}`,
      paper: report.paper,
      pdf: report.pdf,
      pageCount: report.pageCount,
      fingerprint: report.fingerprint,
      holdsSeeds: false,
      generation: null,
      warnings: [],
      preparedAt: this.clock.now().toISOString(),
    });
  }

  /** The documents this custodian has prepared and not yet discarded. */
  held(): PreparedDocument[] {
    const custodian = this.session.requireCustodian();
    // Key cards belong to their set's flow (app/key-card-desk), which lists them card by card.
    return [...this.documents.values()].filter((d) => d.custodian === custodian && !d.view.holdsKeyShare).map((d) => d.view);
  }

  /** Holds one key card (app/key-card-desk builds it): printed only, wiped like a seed document. */
  holdKeyCard(card: { readonly title: string; readonly paper: PaperSize; readonly pdf: Buffer; readonly pageCount: number; readonly generation: number; readonly setId: string }): PreparedDocument {
    const custodian = this.session.requireCustodian();
    return this.hold(custodian, {
      kind: 'key-card',
      title: card.title,
      paper: card.paper,
      pdf: card.pdf,
      pageCount: card.pageCount,
      fingerprint: card.setId,
      holdsSeeds: false,
      generation: card.generation,
      warnings: [],
      preparedAt: this.clock.now().toISOString(),
    });
  }

  /** Told after each document reached a printer (key cards count their printed cards this way). */
  onPrinted(listener: (view: PreparedDocument, printer: string) => void): () => void {
    this.printedListeners.add(listener);
    return () => this.printedListeners.delete(listener);
  }

  /** A key card's document, when it is still held for the signed-in custodian. */
  keyCardHeld(documentId: string): boolean {
    const held = this.documents.get(documentId);
    return held !== undefined && held.view.holdsKeyShare && held.custodian === this.session.requireCustodian();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Preview, print, save, discard

  async previewPage(documentId: string, page: number, dpi: number): Promise<PagePreview> {
    const held = this.get(documentId);
    // Whoever watches the screen while every card is previewed would see enough shares to know the key.
    if (held.view.holdsKeyShare) throw keyCardNotShown('A key card is not shown on screen: only its holder reads it, on paper. Print it and hand it over.');
    const { pageCount } = held.view;
    if (!Number.isInteger(page) || page < 1 || page > pageCount) {
      throw new StrongroomError(ErrorCode.PageOutOfRange, `This document has ${pageCount} page${pageCount === 1 ? '' : 's'}; there is no page ${page}.`, { page, pageCount });
    }
    const png = await this.using(held, () => this.rasteriser.renderPage(held.pdf, page, dpi));
    const size = pngSize(png);
    return { page, pageCount, pngBase64: png.toString('base64'), widthPx: size?.width ?? null, heightPx: size?.height ?? null };
  }

  async printers(): Promise<PrinterChoice> {
    this.session.requireCustodian();
    try {
      return { printers: await this.printer.listPrinters(), unavailable: null };
    } catch (error) {
      if (error instanceof StrongroomError) return { printers: [], unavailable: error.message };
      throw error;
    }
  }

  async print(documentId: string, printerName: string): Promise<{ printer: string; jobId: string | null; pageCount: number }> {
    const held = this.get(documentId);
    const { view } = held;
    // Seeds and key shares go to a printer only while the kiosk is isolated: with a network up, the job could leave the room.
    if (view.holdsSeeds) this.airGap.requireIsolation('print the paper seed backup');
    if (view.holdsKeyShare) this.airGap.requireIsolation('print a key card');
    let receipt;
    try {
      receipt = await this.using(held, () => this.printer.print(held.pdf, printerName, `Strongroom — ${view.title}`));
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
    const held = this.get(documentId);
    const { view } = held;
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
    const mediumId = medium.manifest?.mediumId ?? medium.catalogRecord?.mediumId ?? medium.drive.devicePath;
    const stickRole = medium.manifest?.role ?? medium.catalogRecord?.role ?? null;
    if (stickRole !== null && stickRole !== target.role) {
      this.session.record({
        action: 'print.save-refused',
        subject: mediumId,
        details: { document: view.documentId, kind: view.kind, stickRole, needs: target.role },
      });
      throw new StrongroomError(
        ErrorCode.SeparationRefused,
        view.holdsSeeds
          ? `${mediumId} is a vault stick, and ${KIND_WORDS[view.kind]} holds MFA seeds: seeds never go on a vault stick. Insert a seed stick and save it there.`
          : `${capital(KIND_WORDS[view.kind])} belongs on ${ROLE_WORDS[target.role].stick}, and ${mediumId} is ${ROLE_WORDS[stickRole].stick}. Choose ${ROLE_WORDS[target.role].stick}.`,
        { mediumId, wantedRole: target.role },
      );
    }
    const fileName = options.fileName ?? target.fileName(view);
    if (!FILE_NAME.test(fileName)) {
      throw new StrongroomError(ErrorCode.FileNameInvalid, `"${fileName}" cannot be used as the file name: use letters, digits, dots, dashes or underscores, ending in .pdf.`);
    }
    try {
      const saved = await this.using(held, () => this.media.saveDocument(medium.drive.devicePath, target.role, fileName, held.pdf, KIND_WORDS[view.kind]));
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
    const held = this.get(documentId);
    const { view } = held;
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
    await this.using(held, () => writeKioskFile(path, held.pdf));
    const sha256 = sha256Hex(held.pdf);
    this.session.record({ action: 'print.written-to-file', subject: view.kind, details: { document: view.documentId, file: path, sha256 } });
    return { mediumId: null, path, sha256 };
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
    const held = this.get(documentId);
    this.drop(held);
    if (held.view.holdsSeeds) {
      this.session.record({ action: 'print.seed-backup-discarded', subject: held.view.kind, details: { document: held.view.documentId, how: 'discarded by custodian' } });
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

  // ---------------------------------------------------------------------------------------------------------
  // Restore from paper

  /** Checks one typed line against its printed check value; names the line and the problem, never the seed. */
  checkPaperLine(lineNumber: number, lineCount: number, text: string, check: string): TypedLineVerdict {
    if (!Number.isInteger(lineCount) || lineCount < 1 || lineCount > MAX_LINES) {
      throw new StrongroomError(ErrorCode.PaperLineOutOfRange, `A seed has between 1 and ${MAX_LINES} lines on paper; count the lines of the account's seed again.`);
    }
    if (!Number.isInteger(lineNumber) || lineNumber < 1 || lineNumber > lineCount) {
      throw new StrongroomError(ErrorCode.PaperLineOutOfRange, `Line ${lineNumber} does not exist in a seed of ${lineCount} line${lineCount === 1 ? '' : 's'}.`);
    }
    return checkTypedLine(lineNumber, lineCount, text, check);
  }

  /**
   * Rebuilds a seed from its typed paper lines (every line checked) and holds it in memory under a restore id.
   * The current and next codes let the custodian sign in to AWS and confirm the paper was read right.
   */
  restoreSeed(lines: readonly TypedSeedLine[], accountId?: string): RestoredSeed {
    const custodian = this.session.requireCustodian();
    this.airGap.requireIsolation('restore a seed from paper');
    const account = accountId ? this.accounts.get(accountId) : null;
    let seed: Seed;
    try {
      seed = parseSeed(reassembleSeed(lines));
    } catch (error) {
      const code = error instanceof StrongroomError ? error.code : 'UNEXPECTED';
      const wrong = error instanceof StrongroomError ? error.details['lines'] : undefined;
      this.session.record({
        action: 'paper.seed-restore-failed',
        subject: account?.accountId ?? 'account not named',
        details: { error: code, lineCount: lines.length, ...(wrong !== undefined ? { wrongLines: wrong } : {}) },
      });
      throw error;
    }
    const restoreId = randomUUID();
    this.restores.set(restoreId, { restoreId, seed, accountId: account?.accountId ?? null, custodian });
    while (this.restores.size > MAX_HELD_RESTORES) this.restores.delete(this.restores.keys().next().value!);
    this.session.record({
      action: 'paper.seed-restored',
      subject: account?.accountId ?? 'account not named',
      details: { restore: restoreId, lineCount: lines.length },
    });
    return { restoreId, accountId: account?.accountId ?? null, accountName: account?.name ?? null, codes: twoConsecutiveCodes(seed, this.clock.now()) };
  }

  restoredCodes(restoreId: string): ConsecutiveCodes {
    return twoConsecutiveCodes(this.getRestore(restoreId).seed, this.clock.now());
  }

  /**
   * Re-enrolment from paper: an enrolment for the account with a newly generated root password and the restored
   * seed already set, which the custodian finishes on the Accounts screen and writes to new media.
   */
  restoreToEnrolment(restoreId: string, accountId: string): { enrolment: EnrolmentView; codes: ConsecutiveCodes } {
    const restore = this.getRestore(restoreId);
    if (restore.accountId !== null && restore.accountId !== accountId) {
      throw new StrongroomError(
        ErrorCode.RestoreAccountMismatch,
        `This seed was restored for account ${restore.accountId}, not ${accountId}. Start the re-enrolment for ${restore.accountId}, or restore the seed again naming ${accountId}.`,
      );
    }
    const account = this.accounts.get(accountId);
    if (account.enrolledAt) {
      // Its seed is in the seed store already; a new password (or a new seed from AWS) comes by rotation.
      throw new StrongroomError(
        ErrorCode.AccountAlreadyEnrolled,
        `${account.name} (${accountId}) is enrolled on this kiosk, so its seed is already in the seed store and nothing is replaced from paper. To give it a new password or MFA seed, rotate it on the Accounts screen. A seed restored from paper re-enrols accounts this kiosk has not enrolled (a replacement kiosk).`,
        { accountId },
      );
    }
    const started = this.enrolment.start(accountId);
    const { state, codes } = this.enrolment.setSeed(started.enrolmentId, restore.seed.base32);
    // The enrolment holds the seed now; one copy in memory is enough.
    this.restores.delete(restoreId);
    this.session.record({ action: 'paper.re-enrolment-started', subject: accountId, details: { restore: restoreId, enrolment: started.enrolmentId } });
    return { enrolment: state, codes };
  }

  discardRestore(restoreId: string): void {
    this.getRestore(restoreId);
    this.restores.delete(restoreId);
  }

  get heldCount(): { documents: number; secretDocuments: number; restores: number } {
    const all = [...this.documents.values()];
    return { documents: all.length, secretDocuments: all.filter((d) => d.view.holdsSeeds).length, restores: this.restores.size };
  }

  // ---------------------------------------------------------------------------------------------------------

  private hold(custodian: string, document: Omit<PreparedDocument, 'documentId' | 'saveTo' | 'preparedBy' | 'holdsKeyShare'> & { readonly pdf: Buffer }): PreparedDocument {
    const { pdf, ...rest } = document;
    const view: PreparedDocument = { ...rest, holdsKeyShare: rest.kind === 'key-card', documentId: randomUUID(), saveTo: SAVE_TARGET[rest.kind]?.role ?? null, preparedBy: custodian };
    this.documents.set(view.documentId, { view, pdf, custodian, inUse: 0, dropped: false });
    // Key cards are bounded by their sets (one per role, at most 16 cards) and never evicted by other documents.
    const evictable = () => [...this.documents.values()].filter((d) => !d.view.holdsKeyShare);
    while (evictable().length > MAX_HELD_DOCUMENTS) this.drop(evictable()[0]!);
    return view;
  }

  private get(documentId: string): HeldDocument {
    const custodian = this.session.requireCustodian();
    const held = this.documents.get(documentId);
    if (!held || held.custodian !== custodian) {
      throw new StrongroomError(
        ErrorCode.PrintDocumentGone,
        'That document is no longer held: it was discarded, or wiped when the kiosk locked or the custodian signed out. Prepare it again.',
      );
    }
    return held;
  }

  private getRestore(restoreId: string): HeldRestore {
    const custodian = this.session.requireCustodian();
    const restore = this.restores.get(restoreId);
    if (!restore || restore.custodian !== custodian) {
      throw new StrongroomError(ErrorCode.PaperRestoreGone, 'The restored seed is no longer held: it was discarded, or wiped when the kiosk locked. Type the lines from the paper again.');
    }
    return restore;
  }

  private async using<T>(held: HeldDocument, work: () => Promise<T>): Promise<T> {
    held.inUse += 1;
    try {
      return await work();
    } finally {
      held.inUse -= 1;
      if (held.dropped) this.wipe(held);
    }
  }

  private drop(held: HeldDocument): void {
    this.documents.delete(held.view.documentId);
    held.dropped = true;
    this.wipe(held);
  }

  /** Overwrites a secret document's bytes once nothing reads them any more, so no stale copy waits for the garbage collector. */
  private wipe(held: HeldDocument): void {
    if (held.inUse === 0 && (held.view.holdsSeeds || held.view.holdsKeyShare)) held.pdf.fill(0);
  }

  private dropOnSessionEnd(how: SessionEnd): void {
    const dropped = [...this.documents.values()].filter((d) => how === 'signed-out' || d.view.holdsSeeds);
    const seedDocuments = dropped.filter((d) => d.view.holdsSeeds).length;
    const restores = this.restores.size;
    for (const held of dropped) this.drop(held);
    this.restores.clear();
    if (seedDocuments + restores === 0) return;
    // Nobody is signed in any more, so the event is Strongroom's own, as break-glass closures are.
    this.catalog.audit.append({
      at: this.clock.now().toISOString(),
      custodian: 'Strongroom',
      action: 'print.secrets-wiped',
      subject: 'kiosk',
      details: { how, seedDocuments, restoredSeeds: restores, ...(this.media.practice ? { practice: true } : {}) },
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
              role: medium.manifest?.role ?? medium.catalogRecord?.role ?? null,
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
    if (stick.role !== 'seed') {
      this.session.record({ action: 'print.save-refused', subject: stick.mediumId, details: { ...document, kind, stickRole: stick.role ?? 'unlabelled', needs: 'seed' } });
      throw new StrongroomError(
        stick.role === 'vault' ? ErrorCode.SeparationRefused : ErrorCode.SeedDocumentOffMedium,
        stick.role === 'vault'
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

  /** seeds.kdbx from a seed stick, read strictly: it must be exactly what this kiosk recorded writing there. */
  private async readSeedStore(devicePath: string): Promise<{ bytes: Uint8Array; mediumId: string; warnings: string[] }> {
    const medium = await this.media.find(devicePath);
    const mediumId = mediumName(medium);
    const role = medium.manifest?.role ?? medium.catalogRecord?.role ?? null;
    if (role !== 'seed') {
      throw new StrongroomError(
        ErrorCode.KdbxWrongRole,
        role === 'vault'
          ? `${mediumId} is a vault stick. The paper seed backup is printed from a seed stick: insert one and choose it.`
          : 'This stick is not a labelled seed stick. The paper seed backup is printed from a seed stick: insert one and choose it.',
      );
    }
    const read = await this.sticks.read(medium, 'seed', 'strict');
    return { bytes: read.bytes, mediumId: read.mediumId, warnings: [] };
  }
}

function keyCardNotShown(message: string): StrongroomError {
  return new StrongroomError(ErrorCode.KeyCardNotShown, message);
}

/** A share-keyed role's sheet explains the cards instead of a passphrase box; the set's public facts only. */
function keyCardsOf(scheme: KeySchemeView): { keyCards?: { threshold: number; cardCount: number; holders: readonly string[]; setId: string } } {
  return scheme.kind === 'cards' ? { keyCards: { threshold: scheme.threshold, cardCount: scheme.cardCount, holders: scheme.holders, setId: scheme.setId } } : {};
}

function pdfFingerprint(pdf: Buffer): string {
  return createHash('sha256').update(pdf).digest('hex').slice(0, 16).toUpperCase();
}

function mediumName(medium: InsertedMedium): string {
  return medium.manifest?.mediumId ?? medium.catalogRecord?.mediumId ?? medium.drive.devicePath;
}

function describeLocation(medium: MediumRecord): string {
  return `${medium.location.kind === 'onsite' ? 'on site' : 'off site'}${medium.location.note ? `, ${medium.location.note}` : ''}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
