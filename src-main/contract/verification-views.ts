import type { MediumRole } from '../core/custody-vocabulary';
export interface CheckView {
  readonly name: string;
  readonly passed: boolean;
  /** 'not-checked': nobody answered it; the medium's result is incomplete, not failed. */
  readonly status: 'passed' | 'failed' | 'not-checked';
  readonly sentence: string;
}

export interface MediumVerificationView {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly location: string;
  readonly outcome: 'passed' | 'failed' | 'incomplete';
  readonly checks: readonly CheckView[];
  readonly verifiedAt: string;
  readonly nextDueAt: string | null;
  /** Why the stick holds no copy of the audit trail's record of this check (a sentence per failed copy). */
  readonly witnessWarnings: readonly string[];
}

export interface DueView {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly locationKind: 'onsite' | 'offsite';
  /** Where the stick is kept, the one sentence every screen shows: "Off site, Bank box 7". */
  readonly location: string;
  readonly lastVerifiedAt: string | null;
  readonly nextDueAt: string;
  readonly status: 'overdue' | 'due-soon' | 'ok';
  readonly daysLeft: number;
}

/** A token in the safe and when its check in a verification is next due. */
export interface TokenDueView {
  readonly tokenId: string;
  readonly token: string;
  readonly location: string;
  readonly addedAt: string;
  readonly lastVerifiedAt: string | null;
  readonly nextDueAt: string;
  readonly status: 'overdue' | 'due-soon' | 'ok';
  readonly daysLeft: number;
}

export interface ScheduleView {
  readonly intervalDays: number;
  readonly due: readonly DueView[];
  readonly tokens: readonly TokenDueView[];
  readonly replicas: readonly { readonly role: MediumRole; readonly count: number; readonly offsite: number; readonly warnings: readonly string[] }[];
}

export interface TokenCheckRowView {
  readonly tokenId: string | null;
  /** "TOKEN-07 (YubiKey 5 NFC, serial 12345678)", or what was presented when the inventory does not know it. */
  readonly token: string;
  readonly status: 'present' | 'missing' | 'mismatch' | 'unknown' | 'recorded-elsewhere' | 'out' | 'overdue';
  readonly passed: boolean;
  readonly sentence: string;
  readonly accounts: readonly { readonly accountId: string; readonly name: string }[];
}

export interface TokenCheckView {
  readonly passed: boolean;
  readonly expected: number;
  readonly presented: number;
  readonly rows: readonly TokenCheckRowView[];
  readonly checkedAt: string;
  readonly checkedBy: string;
}

/** The verifier's word for a token of the safe not presented in a run; it still fails, with this on the report. */
export interface NotPresentedView {
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** The token step of a run: what the safe should hold, what was presented, and the check once closed. */
export interface TokenStepView {
  readonly expected: readonly {
    readonly tokenId: string;
    readonly token: string;
    readonly kindWords: string;
    readonly location: string;
    readonly presented: boolean;
    /** Why the verifier says it is not presented in this run, when they recorded it. */
    readonly notPresented: NotPresentedView | null;
  }[];
  readonly out: readonly { readonly tokenId: string; readonly token: string; readonly custodians: readonly string[]; readonly dueAt: string; readonly overdue: boolean }[];
  readonly sightings: readonly { readonly outcome: 'identified' | 'mismatch' | 'unknown'; readonly tokenId: string | null; readonly described: string; readonly why: string | null; readonly presentedAt: string }[];
  readonly result: TokenCheckView | null;
}

export interface RunView {
  readonly runId: string;
  readonly startedAt: string;
  readonly startedBy: string;
  readonly done: readonly MediumVerificationView[];
  readonly tokens: TokenStepView;
}

export interface RunReportView {
  readonly runId: string;
  readonly fingerprint: string;
  readonly pageCount: number;
  readonly allPassed: boolean;
  readonly media: readonly MediumVerificationView[];
  /** The run's token check; null when no token was presented in it. */
  readonly tokens: TokenCheckView | null;
  /** Where the report PDF was saved on the kiosk (it holds no secret). */
  readonly savedTo: string;
  /** The report, held for printing (printDocument / previewDocumentPage). */
  readonly documentId: string;
}
