import type { MediumRole } from '../core/medium-manifest';
import type { WriteJobPurpose, WriteJobStatus, WriteTargetState } from '../core/write-job';
import type { InsertedMedium } from './inserted-medium';
import type { StickInServiceView } from '../contract/media-views';

/** A new (or, for replication, existing) generation of one role's artefact, ready to go to its sticks. */
export interface GenerationPlan {
  readonly role: MediumRole;
  readonly generation: number;
  readonly bytes: Uint8Array;
  /** Account ids in the generation's live entries; null when not known (bytes copied from elsewhere). */
  readonly accountIds: readonly string[] | null;
}

export interface WriteJobRequest {
  readonly purpose: WriteJobPurpose;
  readonly note?: string;
  readonly targets: readonly { readonly role: MediumRole; readonly media: readonly InsertedMedium[] }[];
  /**
   * Builds the generations once every target stick passed its first check (opening the current files and
   * encrypting the new ones takes seconds). Null: nothing would change, so nothing is written.
   */
  readonly prepare: () => Promise<readonly GenerationPlan[] | null>;
  /** Called again just before the first byte is written (the air gap, checked once more). */
  readonly beforeWriting?: () => void;
  /** The job copies a generation that exists already, so an earlier pending job does not stand in its way. */
  readonly copiesExistingGeneration?: boolean;
}

export type WriteJobReportStatus = WriteJobStatus | 'nothing-to-write';

export interface WriteJobStickView {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly generation: number;
  readonly state: WriteTargetState;
  readonly errorCode: string | null;
  readonly sentence: string;
  /** Committed, but the stick's audit.jsonl could not be brought up to date (the sentence says why). */
  readonly auditCopyMissing: boolean;
}

export interface WriteJobReport {
  readonly jobId: string | null;
  readonly purpose: WriteJobPurpose;
  readonly status: WriteJobReportStatus;
  readonly startedAt: string;
  readonly startedBy: string;
  readonly note: string;
  readonly generations: readonly { readonly role: MediumRole; readonly artefact: string; readonly generation: number; readonly accounts: number | null }[];
  readonly sticks: readonly WriteJobStickView[];
  /** Sticks in service of the job's roles that do not hold the newest generation (the job's or not). */
  readonly behind: readonly StickInServiceView[];
  readonly sentence: string;
}

/** One stick of a running job, as the job sees it while checking, staging and committing. */
export interface WriteTarget {
  readonly role: MediumRole;
  readonly mediumId: string;
  medium: InsertedMedium;
  state: WriteTargetState;
  errorCode: string | null;
  sentence: string;
  generation: number;
  sha256: string;
}

/** A stick's pre-flight verdict: the medium as scanned now, or why nothing may be written to it. */
export type TargetCheck = { ok: true; medium: InsertedMedium } | { ok: false; code: string; sentence: string };

/** The key a generation's bytes are held under while sticks still lack it. */
export function generationKey(artefact: string, generation: number): string {
  return `${artefact}:${generation}`;
}

/** What the board says a job is, when a write job runs on its own (a copy, a replacement) rather than inside a custody write. */
export const PURPOSE_WORDS: Readonly<Record<WriteJobPurpose, string>> = {
  enrolment: 'Writing the enrolments',
  provision: 'Writing the provisioned accounts',
  'rotation-start': 'Writing the pending credential',
  'rotation-confirm': 'Writing the confirmed rotation',
  'rotation-cancel': 'Writing the cancelled rotation',
  'passphrase-change': 'Writing under the new passphrase',
  replicate: 'Copying the newest generation',
  'replace-medium': 'Copying the newest generation onto the replacement',
  write: 'Writing the vault and the seeds',
};
