export interface CheckView {
  readonly name: string;
  readonly passed: boolean;
  /** 'not-checked': nobody answered it; the medium's result is incomplete, not failed. */
  readonly status: 'passed' | 'failed' | 'not-checked';
  readonly sentence: string;
}

export interface MediumVerificationView {
  readonly mediumId: string;
  readonly role: 'vault' | 'seed';
  readonly location: string;
  readonly outcome: 'passed' | 'failed' | 'incomplete';
  readonly checks: readonly CheckView[];
  readonly verifiedAt: string;
  readonly nextDueAt: string | null;
}

export interface DueView {
  readonly mediumId: string;
  readonly role: 'vault' | 'seed';
  readonly locationKind: 'onsite' | 'offsite';
  readonly lastVerifiedAt: string | null;
  readonly nextDueAt: string;
  readonly status: 'overdue' | 'due-soon' | 'ok';
  readonly daysLeft: number;
}

export interface ScheduleView {
  readonly intervalDays: number;
  readonly due: readonly DueView[];
  readonly replicas: readonly { readonly role: 'vault' | 'seed'; readonly count: number; readonly offsite: number; readonly warnings: readonly string[] }[];
}

export interface RunView {
  readonly runId: string;
  readonly startedAt: string;
  readonly startedBy: string;
  readonly done: readonly MediumVerificationView[];
}

export interface RunReportView {
  readonly runId: string;
  readonly fingerprint: string;
  readonly pageCount: number;
  readonly allPassed: boolean;
  readonly media: readonly MediumVerificationView[];
  /** Where the report PDF was saved on the kiosk (it holds no secret). */
  readonly savedTo: string;
  /** The report, held for printing (printDocument / previewDocumentPage). */
  readonly documentId: string;
}
