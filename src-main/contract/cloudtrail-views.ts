import type { FindingKind } from '../core/cloudtrail-reconciliation';

/** What the CloudTrail screen shows: the reconciliation's findings and coverage. CloudTrail logs hold no secret. */

export type CloudTrailFindingKind = FindingKind;

export interface CloudTrailFindingView {
  readonly kind: CloudTrailFindingKind;
  readonly accountId: string;
  readonly accountName: string | null;
  readonly at: string;
  readonly sourceIp: string | null;
  readonly mfaUsed: boolean | null;
  readonly sentence: string;
}

export interface CloudTrailSignInView {
  readonly accountId: string;
  readonly accountName: string | null;
  readonly at: string;
  readonly sourceIp: string | null;
  readonly mfaUsed: boolean | null;
  readonly succeeded: boolean;
  readonly status: 'explained' | 'unexplained' | 'second-sign-in';
  /** "break-glass (audit event 12) by Dana and Sam: quarterly check", or null when nothing explains it. */
  readonly explainedBy: string | null;
}

export interface CloudTrailBreakGlassView {
  readonly accountId: string;
  readonly at: string;
  readonly who: string;
  readonly status: 'signed-in' | 'no-sign-in' | 'not-covered';
}

export interface CloudTrailAccountView {
  readonly accountId: string;
  readonly accountName: string | null;
  readonly firstAt: string;
  readonly lastAt: string;
  readonly records: number;
  readonly gaps: readonly { readonly from: string; readonly to: string; readonly hours: number }[];
}

export interface CloudTrailReconciliationView {
  readonly reconciledAt: string;
  readonly allExplained: boolean;
  readonly auditChainIntact: boolean;
  readonly auditHead: { readonly seq: number; readonly hash: string } | null;
  readonly windowHours: number;
  readonly range: { readonly from: string; readonly to: string } | null;
  readonly files: number;
  readonly records: number;
  readonly problems: { readonly count: number; readonly listed: readonly string[] };
  readonly findings: readonly CloudTrailFindingView[];
  readonly signIns: readonly CloudTrailSignInView[];
  readonly changes: { readonly total: number; readonly unrecorded: number };
  readonly assumeRootSessions: number;
  readonly breakGlasses: readonly CloudTrailBreakGlassView[];
  readonly accounts: readonly CloudTrailAccountView[];
  readonly accountsWithoutRecords: readonly string[];
  readonly report: { readonly fingerprint: string; readonly pageCount: number; readonly savedTo: string };
}
