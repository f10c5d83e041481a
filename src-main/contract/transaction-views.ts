import type { MediumRole } from '../core/custody-vocabulary';
import type { CodesView } from './custody-views';
import type { StickInServiceView } from './media-views';

/**
 * What the window sees of custody transactions: write jobs stick by stick (by medium id, never by path),
 * rotations, account and medium lifecycles, seals, and what needs attention. No secret crosses here except the
 * new password of a rotation, returned once to be set on AWS.
 */

export type WriteJobStatusView = 'running' | 'refused' | 'failed' | 'pending' | 'complete' | 'closed' | 'nothing-to-write';
export type WriteStickStateView = 'planned' | 'refused' | 'staged' | 'committed' | 'failed' | 'left-behind';

export interface WriteJobView {
  readonly jobId: string | null;
  readonly purpose: string;
  readonly status: WriteJobStatusView;
  readonly startedAt: string;
  readonly startedBy: string;
  readonly generations: readonly { readonly role: MediumRole; readonly artefact: string; readonly generation: number; readonly accounts: number | null }[];
  /** Each target stick and what happened on it. */
  readonly sticks: readonly {
    readonly mediumId: string;
    readonly role: MediumRole;
    readonly generation: number;
    readonly state: WriteStickStateView;
    readonly errorCode: string | null;
    readonly sentence: string;
    /** Committed, but its audit copy could not be written (the sentence says why and what to do). */
    readonly auditCopyMissing: boolean;
  }[];
  /** Sticks in service of these roles that do not hold the newest generation. */
  readonly behind: readonly StickInServiceView[];
  readonly sentence: string;
}

export interface WriteJobsView {
  readonly pending: readonly WriteJobView[];
  readonly recent: readonly WriteJobView[];
}

export interface AccountOutcomeView {
  readonly accountId: string;
  readonly role: MediumRole;
  readonly outcome: string;
  readonly sentence: string;
}

export interface RotationView {
  readonly rotationId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly what: 'password' | 'seed' | 'both';
  readonly reason: string;
  readonly status: 'starting' | 'pending' | 'confirmed' | 'cancelled';
  readonly startedAt: string;
  readonly startedBy: string;
  readonly held: boolean;
}

export interface RotationStartView {
  readonly rotation: RotationView;
  readonly job: WriteJobView;
  /** The new password, to set on AWS now; null when the rotation keeps the password or nothing reached the sticks. */
  readonly password: string | null;
  /** For a new MFA seed: the two consecutive codes to type into AWS. */
  readonly codes: CodesView | null;
}

export interface RotationFinishView {
  readonly rotation: RotationView;
  readonly job: WriteJobView;
}

export interface CustodyAlertView {
  readonly kind: 'pending-write' | 'write-cut-off' | 'pending-rotation' | 'medium-lost' | 'replica-behind' | 'paper-stale' | 'custody-incident' | 'password-revealed' | 'token-overdue' | 'tokens-unverified';
  readonly severity: 'act' | 'note';
  readonly subject: string;
  readonly sentence: string;
  /** For a custody incident: its id, to resolve it. */
  readonly incidentId?: string;
}

export interface LostMediumView {
  readonly mediumId: string;
  readonly advice: string;
  readonly warning: string | null;
}

export interface OutOfServiceView {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly lifecycle: 'lost' | 'retired' | 'replaced';
  readonly reason: string | null;
  readonly at: string | null;
  readonly replacedBy: string | null;
}

export interface SealView {
  readonly mediumId: string;
  readonly serial: string;
  readonly occasion: 'after-write' | 'after-verification' | 'resealed';
  readonly sealedBy: string;
  readonly sealedAt: string;
}

export interface PendingWorkView {
  readonly kind: 'enrolment' | 'rotation';
  readonly accountId: string;
  readonly sentence: string;
}

export interface PaperFreshnessView {
  readonly stale: boolean;
  readonly newestPrinted: number | null;
  readonly newestSeedGeneration: number;
  readonly sentence: string | null;
}
