import type { MediumRole } from '../core/medium-manifest';
import type { ConsecutiveCodes } from '../core/totp';
import type { MasterKeyInput } from './master-keys';
import type { PagePreviewView, PreparedDocumentView, PrintDocumentKind, PrinterChoiceView, SavedDocumentView } from '../contract/print-views';
import type { EmergencyContact, PaperSize, PassphraseCustody } from '../print/document-inputs';

/**
 * The words the print modules share (preparation, the held-document store, output): what a prepared document is,
 * what each kind of document may be saved on, and how it is named in a sentence. The views are the contract's own,
 * so the screen and the CLI see exactly what the desk returns.
 */
export type PreparedDocument = PreparedDocumentView;
export type PagePreview = PagePreviewView;
export type PrinterChoice = PrinterChoiceView;
export type SavedDocument = SavedDocumentView;

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

export interface RestoredSeed {
  readonly restoreId: string;
  readonly accountId: string | null;
  readonly accountName: string | null;
  readonly codes: ConsecutiveCodes;
}

/** A document as the desk prepares it, before the store gives it an id and its custodian. */
export type DocumentToHold = Omit<PreparedDocument, 'documentId' | 'saveTo' | 'preparedBy' | 'holdsKeyShare'> & { readonly pdf: Buffer };

/** Where each kind of document may be saved on a stick, and under which file name; null when it is only printed. */
export const SAVE_TARGET: Readonly<Record<PrintDocumentKind, { readonly role: MediumRole; readonly fileName: (doc: PreparedDocument) => string } | null>> = {
  'emergency-sheet-vault': { role: 'vault', fileName: () => 'emergency-sheet.pdf' },
  'emergency-sheet-seed': { role: 'seed', fileName: () => 'emergency-sheet.pdf' },
  'seed-backup': { role: 'seed', fileName: (doc) => `seed-backup-g${doc.generation ?? 0}.pdf` },
  'medium-labels': null,
  // Kept with the catalog in reports/ when the run finishes; printed from here.
  'verification-report': null,
  'key-card': null,
};

export const KIND_WORDS: Readonly<Record<PrintDocumentKind, string>> = {
  'emergency-sheet-vault': 'the vault emergency sheet',
  'emergency-sheet-seed': 'the seed store emergency sheet',
  'seed-backup': 'the paper seed backup',
  'medium-labels': 'the medium labels',
  'verification-report': 'the verification report',
  'key-card': 'a key card',
};

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

