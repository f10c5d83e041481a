import type { PaperFreshness } from '../core/paper-freshness';
import type { PrintedView } from '../contract/print-views';
import { PopplerPdfRasteriser, type PdfRasteriser } from '../platform/pdf-preview';
import { UnavailablePrinter, type Printer } from '../platform/printer';
import type { PaperSize, PrintOptions } from '../print/document-inputs';
import type { CustodianRoster } from './custodian-roster';
import { DocumentOutput } from './document-output';
import { DocumentPreparation } from './document-preparation';
import { HeldDocuments } from './held-documents';
import type { SessionEnd } from './kiosk-session';
import type { StickWork } from './stick-work';
import type { MasterKeys } from './master-keys';
import type { PaperRestoreDesk } from './paper-restore-desk';
import type { EmergencySheetRequest, MediumLabelsRequest, PagePreview, PreparedDocument, PrinterChoice, SavedDocument, SeedBackupRequest } from './print-documents';

/**
 * Paper: the last line of the disaster-recovery plan. The desk the Print screen and the `print` commands talk to,
 * made of three parts: preparation (app/document-preparation), the held-document store (app/held-documents) and
 * output (app/document-output). A document holding seeds never reaches the kiosk's disk, and is wiped, with any
 * seed restored from paper (app/paper-restore-desk), when the custodian signs out or the kiosk locks.
 */
export class PrintDesk {
  private readonly store: HeldDocuments;
  private readonly preparation: DocumentPreparation;
  private readonly output: DocumentOutput;

  constructor(
    private readonly work: StickWork,
    ports: { readonly printer: Printer | null; readonly rasteriser?: PdfRasteriser },
    controls: { readonly roster: CustodianRoster; readonly keys: MasterKeys },
    private readonly paperRestore: PaperRestoreDesk,
  ) {
    this.store = new HeldDocuments(() => work.session.requireCustodian());
    this.preparation = new DocumentPreparation(work, controls, this.store);
    this.output = new DocumentOutput(work.catalog, work.session, work.media, work.clock, work.airGap, this.store, {
      printer: ports.printer ?? new UnavailablePrinter('No printer is connected to this Strongroom. Save the document on a stick of the right role instead.'),
      rasteriser: ports.rasteriser ?? new PopplerPdfRasteriser(),
    });
    work.session.onEnd((how) => this.wipeOnSessionEnd(how));
  }

  /** The practice mark, for documents made outside this desk (key cards) but printed through it. */
  get printOptions(): PrintOptions {
    return this.work.media.printOptions;
  }

  prepareEmergencySheet(request: EmergencySheetRequest): Promise<PreparedDocument> {
    return this.preparation.prepareEmergencySheet(request);
  }

  prepareSeedBackup(request: SeedBackupRequest): Promise<PreparedDocument> {
    return this.preparation.prepareSeedBackup(request);
  }

  prepareMediumLabels(request: MediumLabelsRequest): Promise<PreparedDocument> {
    return this.preparation.prepareMediumLabels(request);
  }

  holdVerificationReport(report: { runId: string; pdf: Buffer; pageCount: number; fingerprint: string; paper: PaperSize }): PreparedDocument {
    return this.preparation.holdVerificationReport(report);
  }

  holdKeyCard(card: { readonly title: string; readonly paper: PaperSize; readonly pdf: Buffer; readonly pageCount: number; readonly generation: number; readonly setId: string }): PreparedDocument {
    return this.preparation.holdKeyCard(card);
  }

  /** The documents this custodian has prepared and not yet discarded (key cards are listed by their set's flow). */
  held(): PreparedDocument[] {
    return this.store.listed();
  }

  /** A key card's document, when it is still held for the signed-in custodian. */
  keyCardHeld(documentId: string): boolean {
    return this.store.keyCardHeld(documentId);
  }

  onPrinted(listener: (view: PreparedDocument, printer: string) => void): () => void {
    return this.output.onPrinted(listener);
  }

  previewPage(documentId: string, page: number, dpi: number): Promise<PagePreview> {
    return this.output.previewPage(documentId, page, dpi);
  }

  printers(): Promise<PrinterChoice> {
    return this.output.printers();
  }

  print(documentId: string, printerName: string): Promise<PrintedView> {
    return this.output.print(documentId, printerName);
  }

  save(documentId: string, devicePath: string, options: { fileName?: string } = {}): Promise<SavedDocument> {
    return this.output.save(documentId, devicePath, options);
  }

  saveToFile(documentId: string, filePath: string): Promise<SavedDocument> {
    return this.output.saveToFile(documentId, filePath);
  }

  saveToKiosk(documentId: string, folder: string): Promise<SavedDocument> {
    return this.output.saveToKiosk(documentId, folder);
  }

  checkSeedBackupFile(filePath: string): Promise<{ mediumId: string }> {
    return this.output.checkSeedBackupFile(filePath);
  }

  discard(documentId: string): void {
    this.output.discard(documentId);
  }

  paperFreshness(): PaperFreshness {
    return this.output.paperFreshness();
  }

  get heldCount(): { documents: number; secretDocuments: number; restores: number } {
    return { ...this.store.count, restores: this.paperRestore.heldCount };
  }

  /** One event counts every secret that went with the session: seed documents and seeds restored from paper. */
  private wipeOnSessionEnd(how: SessionEnd): void {
    const seedDocuments = this.store.dropOnSessionEnd(how);
    const restores = this.paperRestore.wipeAll();
    if (seedDocuments + restores === 0) return;
    // Nobody is signed in any more, so the event is Strongroom's own, as break-glass closures are.
    this.work.catalog.audit.append({
      at: this.work.clock.now().toISOString(),
      custodian: 'Strongroom',
      action: 'print.secrets-wiped',
      subject: 'kiosk',
      details: { how, seedDocuments, restoredSeeds: restores, ...(this.work.media.practice ? { practice: true } : {}) },
    });
  }
}
