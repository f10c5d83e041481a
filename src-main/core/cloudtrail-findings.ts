import type { AccountCoverage } from './cloudtrail-coverage';
import type { Explanation } from './cloudtrail-explanations';
import type { RootActivity } from './cloudtrail-records';
import { formatInstant } from './instant-format';

// What a reconciliation finds, and the sentences that name account, time, source IP and MFA for an investigator.

export interface ReconciliationOptions {
  /** How long after a break-glass (or enrolment, rotation step) root activity of that account is explained. */
  readonly windowHours: number;
  /** The kiosk is offline and its clock drifts: activity this much before the audit event still matches it. */
  readonly skewMinutes: number;
  /** A stretch without any record of an account longer than this is called out as a gap in the logs. */
  readonly gapHours: number;
}

export const DEFAULT_RECONCILIATION_OPTIONS: ReconciliationOptions = { windowHours: 2, skewMinutes: 10, gapHours: 24 };

export type SignInStatus = 'explained' | 'unexplained' | 'second-sign-in';

export interface SignInFinding {
  readonly activity: RootActivity;
  readonly status: SignInStatus;
  readonly explanation: Explanation | null;
}

export interface ChangeFinding {
  readonly activity: RootActivity;
  readonly explanation: Explanation | null;
}

export interface AssumeRootSession {
  readonly activity: RootActivity;
  /** Root calls made with the session's access key (or marked assumedRoot) in the logs read. */
  readonly callCount: number;
  readonly changesCredentials: boolean;
}

export interface BreakGlassFinding {
  readonly accountId: string;
  readonly auditSeq: number;
  readonly at: string;
  readonly who: string;
  readonly reason: string | null;
  /** 'no-sign-in': the logs cover the window and show none; 'not-covered': the logs do not reach that time. */
  readonly status: 'signed-in' | 'no-sign-in' | 'not-covered';
}

export type FindingKind =
  | 'unexplained-sign-in'
  | 'second-sign-in'
  | 'sign-in-without-mfa'
  | 'failed-sign-in'
  | 'unrecorded-change'
  | 'unexplained-api-call';

/** One thing nobody can account for, in a sentence that names account, time, source IP and MFA. */
export interface Finding {
  readonly kind: FindingKind;
  readonly accountId: string;
  readonly at: string;
  readonly sourceIp: string | null;
  readonly mfaUsed: boolean | null;
  readonly sentence: string;
}

export interface ReconciliationResult {
  readonly options: ReconciliationOptions;
  readonly range: { readonly from: string; readonly to: string } | null;
  readonly accounts: readonly AccountCoverage[];
  /** Accounts Strongroom keeps that no record in the logs mentions. */
  readonly accountsWithoutRecords: readonly string[];
  readonly signIns: readonly SignInFinding[];
  readonly failedSignIns: readonly SignInFinding[];
  readonly changes: readonly ChangeFinding[];
  readonly apiCalls: { readonly explained: number; readonly viaAssumeRoot: number; readonly unexplained: readonly RootActivity[] };
  readonly assumeRootSessions: readonly AssumeRootSession[];
  readonly breakGlasses: readonly BreakGlassFinding[];
  readonly findings: readonly Finding[];
}

/** CloudTrail times to the second, written as every time in Strongroom is (see instant-format.ts). */
export function formatUtc(iso: string): string {
  return formatInstant(iso, 'second') ?? iso;
}

export function mfaWords(mfaUsed: boolean | null): string {
  return mfaUsed === true ? 'MFA used: yes' : mfaUsed === false ? 'MFA used: NO' : 'MFA used: not recorded';
}

export function where(activity: RootActivity): string {
  return `from ${activity.sourceIp ?? 'an unrecorded address'}`;
}

export function windowWords(windowHours: number): string {
  return windowHours === 1 ? 'hour' : `${windowHours} hours`;
}

export function finding(kind: FindingKind, activity: RootActivity, sentence: string): Finding {
  return { kind, accountId: activity.accountId, at: activity.at, sourceIp: activity.sourceIp, mfaUsed: activity.mfaUsed, sentence };
}

