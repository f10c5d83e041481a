import type { MediumRole } from '../core/custody-vocabulary';
import type { CodesView, EnrolmentView } from './custody-views';

/**
 * What the Print screen sees. A document's PDF never crosses to the renderer: only its id, what it is, how many
 * pages it has and its fingerprint, and page previews as PNG images.
 */
export type PrintDocumentKind = 'emergency-sheet-vault' | 'emergency-sheet-seed' | 'seed-backup' | 'medium-labels' | 'verification-report' | 'key-card';

export interface PreparedDocumentView {
  readonly documentId: string;
  readonly kind: PrintDocumentKind;
  readonly title: string;
  readonly paper: 'A4' | 'LETTER';
  readonly pageCount: number;
  /** The seed set fingerprint printed on every page of a seed backup; otherwise the start of the PDF's SHA-256. */
  readonly fingerprint: string;
  /** True for the paper seed backup: SECRET, stored apart from the vault. */
  readonly holdsSeeds: boolean;
  /** True for a key card: one holder's share of a master key, printed only, never shown on screen or saved. */
  readonly holdsKeyShare: boolean;
  readonly generation: number | null;
  /** The role of stick it may be saved on; null when it is only printed (labels). */
  readonly saveTo: MediumRole | null;
  readonly warnings: readonly string[];
  readonly preparedAt: string;
  readonly preparedBy: string;
}

export interface PagePreviewView {
  readonly page: number;
  readonly pageCount: number;
  /** The page drawn as a PNG, base64. */
  readonly pngBase64: string;
  readonly widthPx: number | null;
  readonly heightPx: number | null;
}

export interface PrinterChoiceView {
  readonly printers: readonly { readonly name: string; readonly isDefault: boolean }[];
  /** Why Strongroom cannot print here at all, or null. */
  readonly unavailable: string | null;
}

export interface PrintedView {
  readonly printer: string;
  readonly jobId: string | null;
  readonly pageCount: number;
}

export interface SavedDocumentView {
  readonly mediumId: string | null;
  /** Where on the stick, e.g. STRONGROOM/seed-backup-g3.pdf. */
  readonly path: string;
  readonly sha256: string;
}

/** One typed paper line, checked. Never echoes the line back. */
export type PaperLineCheckView =
  | { readonly ok: true; readonly lineNumber: number }
  | {
      readonly ok: false;
      readonly lineNumber: number;
      readonly problem: string;
      readonly message: string;
      readonly group?: number;
      readonly characterInGroup?: number;
      readonly matchesLine?: number;
    };

export interface RestoredSeedView {
  readonly restoreId: string;
  readonly accountId: string | null;
  readonly accountName: string | null;
  readonly codes: CodesView;
}

export interface ReEnrolmentView {
  readonly enrolment: EnrolmentView;
  readonly codes: CodesView;
}
