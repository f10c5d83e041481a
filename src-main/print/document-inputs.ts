import type { MediumRole } from '../core/custody-vocabulary';
import type { PrintedAuditHead } from './audit-head';
import type { PrintFonts } from './fonts';
/**
 * What each printed document needs, as plain data. Callers in app/ map catalog rows and artefact data onto
 * these shapes; the print layer never reads the catalog or a medium itself. Timestamps are ISO 8601 strings,
 * as the catalog stores them, and are printed in UTC so two sites never disagree about a date.
 */

export type PaperSize = 'A4' | 'LETTER';
export type { MediumRole };
export type LocationKind = 'onsite' | 'offsite';

/** How a document is made, apart from what it says: the same for every kind of document. */
export interface PrintOptions {
  /** Fonts already loaded; the bundled ones otherwise. */
  readonly fonts?: PrintFonts;
  /** Made from practice media: every page then carries the practice mark (practice-mark.ts). */
  readonly practice?: boolean;
}

/** Who printed a document, when, and on which paper. */
export interface PrintContext {
  readonly paper: PaperSize;
  /** ISO 8601. */
  readonly printedAt: string;
  /** The signed-in custodian; printed on the page and in the PDF's author field. */
  readonly printedBy: string;
  /** Shown under the title, e.g. "Example Ltd — AWS Organization o-a1b2c3d4e5". */
  readonly organisation?: string;
}

export interface ReplicaMedium {
  readonly mediumId: string;
  readonly locationKind: LocationKind;
  /** Where exactly, e.g. "Safe 2, room B.104"; may be empty. */
  readonly locationNote: string;
}

export interface EmergencyContact {
  readonly name: string;
  /** Why to call them, e.g. "Security duty officer". */
  readonly role: string;
  readonly phone?: string;
  readonly email?: string;
}

/**
 * How the master passphrase is kept. `write-in` prints a boxed blank for writing it by hand; `kept-by` prints
 * one "kept by" line per holder (dual custody: nobody writes it down, each holder knows or keeps a part).
 * A holder given as an empty string prints a blank line to fill in by hand.
 */
export type PassphraseCustody =
  | { readonly kind: 'write-in' }
  | { readonly kind: 'kept-by'; readonly holders: readonly string[] };

export interface EmergencySheetInput extends PrintContext {
  readonly role: MediumRole;
  readonly generation: number;
  /** How many accounts the database holds at this generation. */
  readonly accountCount: number;
  readonly media: readonly ReplicaMedium[];
  /** Optional extra copy on a network share, described in words (no credentials). */
  readonly networkLocation?: string;
  readonly passphrase: PassphraseCustody;
  readonly contacts: readonly EmergencyContact[];
  /** When the role's master key is split into key cards: the set's public facts (no share). */
  readonly keyCards?: { readonly threshold: number; readonly cardCount: number; readonly holders: readonly string[]; readonly setId: string };
  /** The kiosk's audit chain head as the sheet was made (null before any event); the kiosk remembers it as printed. */
  readonly auditHead: PrintedAuditHead | null;
}

export interface SeedBackupAccount {
  /** 12-digit AWS account id. */
  readonly accountId: string;
  readonly name: string;
  /** The root user's e-mail address (the sign-in name). */
  readonly email: string;
  /** The issuer an authenticator shows, as in the otpauth URI. */
  readonly issuer: string;
  /** Base32 TOTP seed. */
  readonly seedBase32: string;
  /** `otpauth://totp/...` built elsewhere from the same seed; printed as the QR code. */
  readonly otpauthUri: string;
}

export interface SeedBackupInput extends PrintContext {
  /** Generation of seeds.kdbx this paper matches. */
  readonly generation: number;
  /** Printed in the given order. */
  readonly accounts: readonly SeedBackupAccount[];
  /** The second custodian of two-person control, present when the backup was made. */
  readonly secondCustodian?: string;
  /** Set when the backup was made with a network up, under a recorded lab override: the paper says so. */
  readonly networkOverride?: { readonly by: string; readonly reason: string };
}

export interface MediumLabel {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly locationKind: LocationKind;
  readonly locationNote: string;
}

export interface MediumLabelsInput {
  readonly paper: PaperSize;
  readonly media: readonly MediumLabel[];
  /** One for the stick and one for its pouch or envelope, unless said otherwise. */
  readonly copiesPerMedium?: number;
  /** Label positions already used on a partly used sheet; printing starts after them. */
  readonly skipPositions?: number;
  /** ISO 8601; printed small on each label so an old label can be told from a new one. */
  readonly printedAt: string;
}

export interface VerificationCheckResult {
  readonly name: string;
  readonly passed: boolean;
  /** 'not-checked': nobody answered it (a physical check); the medium's result is then incomplete. */
  readonly status?: 'passed' | 'failed' | 'not-checked';
  readonly sentence: string;
}

export interface VerifiedMedium {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly location: string;
  readonly outcome: 'passed' | 'failed' | 'incomplete';
  readonly checks: readonly VerificationCheckResult[];
  /** Why the stick could not take its copy of the audit trail after its check; absent or empty when it did. */
  readonly witnessWarnings?: readonly string[];
}

/**
 * A physical check done by hand (seal intact, envelope number matches, label readable). `confirmed` is
 * true or false when the custodian answered on screen, and absent when the box is to be ticked on paper.
 */
export interface PhysicalChecklistItem {
  readonly item: string;
  readonly confirmed?: boolean;
  readonly note?: string;
}

/** The tokens of the safe as a verification run found them (app/token-verification, core/token-check). */
export interface VerifiedTokens {
  /** 'not-checked': no token was presented in this run. */
  readonly outcome: 'passed' | 'failed' | 'not-checked';
  /** Tokens the inventory holds in the safe, and how many of them were presented. */
  readonly expected: number;
  readonly presented: number;
  readonly rows: readonly { readonly token: string; readonly result: string; readonly passed: boolean; readonly sentence: string }[];
}

export interface VerificationReportInput {
  readonly paper: PaperSize;
  readonly organisation?: string;
  readonly runId: string;
  /** ISO 8601. */
  readonly startedAt: string;
  /** ISO 8601. */
  readonly finishedAt: string;
  readonly custodian: string;
  readonly media: readonly VerifiedMedium[];
  /** The hardware tokens of the safe; absent from reports made before tokens were verified. */
  readonly tokens?: VerifiedTokens;
  /** ISO 8601. */
  readonly nextDueAt: string;
  readonly physicalChecklist?: readonly PhysicalChecklistItem[];
  /** The kiosk's audit chain head as the report was made (null before any event); remembered as printed. */
  readonly auditHead: PrintedAuditHead | null;
}

/** What every builder returns: the PDF bytes, for the caller to send to a printer or a medium, and its size. */
export interface PrintedDocument {
  readonly pdf: Buffer;
  readonly pageCount: number;
}
