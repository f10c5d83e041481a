import type { CoveragePoint, RootActivity } from './cloudtrail-records';
import { formatInstant } from './instant-format';

/**
 * Root activity in CloudTrail held against the audit trail: every root sign-in should follow a break-glass (or
 * an enrolment or rotation) of that account, and every change to the root password or MFA device should belong
 * to an enrolment or rotation. Whatever does not is listed with the facts an investigator needs first —
 * account, time, source IP, whether MFA was used — and makes the reconciliation fail.
 */

export type Procedure = 'break-glass' | 'enrolment' | 'rotation';
type Explainable = 'sign-in' | 'api-call' | 'credential-change';

interface ExplainingAction {
  /** An exact audit action, or a prefix ending in "." that covers a family of actions. */
  readonly action: string;
  readonly procedure: Procedure;
  readonly explains: readonly Explainable[];
}

/**
 * The audit actions that explain root activity, in one place. The audit event's subject is the account id.
 * A break-glass explains one sign-in and what the custodian did in that session; enrolment, re-enrolment from
 * paper and rotation set the root password and MFA device on AWS, which takes a sign-in (often after a password
 * recovery) and the credential calls themselves. Add a row when a new custody procedure touches AWS.
 */
export const EXPLAINING_ACTIONS: readonly ExplainingAction[] = [
  { action: 'breakglass.opened', procedure: 'break-glass', explains: ['sign-in', 'api-call'] },
  { action: 'enrolment.started', procedure: 'enrolment', explains: ['sign-in', 'api-call', 'credential-change'] },
  { action: 'enrolment.seed-recorded', procedure: 'enrolment', explains: ['sign-in', 'api-call', 'credential-change'] },
  { action: 'enrolment.aws-accepted', procedure: 'enrolment', explains: ['sign-in', 'api-call', 'credential-change'] },
  { action: 'account.enrolled', procedure: 'enrolment', explains: ['api-call', 'credential-change'] },
  { action: 'paper.re-enrolment-started', procedure: 'enrolment', explains: ['sign-in', 'api-call', 'credential-change'] },
  { action: 'rotation.', procedure: 'rotation', explains: ['sign-in', 'api-call', 'credential-change'] },
];

/** AssumeRoot task policies that create or delete root credentials: they change custody like a rotation does. */
const CREDENTIAL_TASK_POLICIES = ['IAMCreateRootUserPassword', 'IAMDeleteRootUserCredentials'];

export interface ReconciliationOptions {
  /** How long after a break-glass (or enrolment, rotation step) root activity of that account is explained. */
  readonly windowHours: number;
  /** The kiosk is offline and its clock drifts: activity this much before the audit event still matches it. */
  readonly skewMinutes: number;
  /** A stretch without any record of an account longer than this is called out as a gap in the logs. */
  readonly gapHours: number;
}

export const DEFAULT_RECONCILIATION_OPTIONS: ReconciliationOptions = { windowHours: 2, skewMinutes: 10, gapHours: 24 };

/** The audit events reconciliation reads: what the catalog's audit log holds, without the hashes. */
export interface AuditRecord {
  readonly seq: number;
  readonly at: string;
  readonly custodian: string;
  readonly action: string;
  readonly subject: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface Explanation {
  readonly procedure: Procedure;
  readonly auditSeq: number;
  readonly action: string;
  readonly at: string;
  /** Who was recorded: the custodian, and for a break-glass both halves' custodians and the reason. */
  readonly who: string;
  readonly reason: string | null;
}

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

export interface AccountCoverage {
  readonly accountId: string;
  readonly firstAt: string;
  readonly lastAt: string;
  readonly records: number;
  readonly rootEvents: number;
  readonly gaps: readonly { readonly from: string; readonly to: string; readonly hours: number }[];
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

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

function explainingAction(action: string): ExplainingAction | undefined {
  return EXPLAINING_ACTIONS.find((e) => (e.action.endsWith('.') ? action.startsWith(e.action) : action === e.action));
}

interface Explainer {
  readonly event: AuditRecord;
  readonly rule: ExplainingAction;
  readonly atMs: number;
}

function detailText(details: Readonly<Record<string, unknown>>, key: string): string | null {
  const value = details[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function explanationOf(explainer: Explainer): Explanation {
  const { event, rule } = explainer;
  const vault = detailText(event.details, 'vaultCustodian');
  const seeds = detailText(event.details, 'seedCustodian');
  const who = vault && seeds ? (vault === seeds ? vault : `${vault} and ${seeds}`) : event.custodian;
  return { procedure: rule.procedure, auditSeq: event.seq, action: event.action, at: event.at, who, reason: detailText(event.details, 'reason') };
}

/** CloudTrail times to the second, written as every time in Strongroom is (see instant-format.ts). */
export function formatUtc(iso: string): string {
  return formatInstant(iso, 'second') ?? iso;
}

function mfaWords(mfaUsed: boolean | null): string {
  return mfaUsed === true ? 'MFA used: yes' : mfaUsed === false ? 'MFA used: NO' : 'MFA used: not recorded';
}

function where(activity: RootActivity): string {
  return `from ${activity.sourceIp ?? 'an unrecorded address'}`;
}

function windowWords(windowHours: number): string {
  return windowHours === 1 ? 'hour' : `${windowHours} hours`;
}

function finding(kind: FindingKind, activity: RootActivity, sentence: string): Finding {
  return { kind, accountId: activity.accountId, at: activity.at, sourceIp: activity.sourceIp, mfaUsed: activity.mfaUsed, sentence };
}

/** Drops the second copy of a record read twice (an S3 file and a lookup-events export of the same day). */
function distinct(activities: readonly RootActivity[]): RootActivity[] {
  const seen = new Set<string>();
  const out: RootActivity[] = [];
  for (const activity of activities) {
    const key = activity.eventId ?? `${activity.accountId}|${activity.at}|${activity.eventName}|${activity.sourceIp ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(activity);
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.eventName.localeCompare(b.eventName));
}

function coverageOf(points: readonly CoveragePoint[], activities: readonly RootActivity[], gapMs: number): AccountCoverage[] {
  const byAccount = new Map<string, number[]>();
  for (const point of points) {
    let times = byAccount.get(point.accountId);
    if (!times) byAccount.set(point.accountId, (times = []));
    times.push(point.atMs);
  }
  const rootCounts = new Map<string, number>();
  for (const a of activities) rootCounts.set(a.accountId, (rootCounts.get(a.accountId) ?? 0) + 1);
  return [...byAccount.entries()]
    .map(([accountId, times]) => {
      times.sort((a, b) => a - b);
      const gaps: { from: string; to: string; hours: number }[] = [];
      for (let i = 1; i < times.length; i += 1) {
        const span = times[i]! - times[i - 1]!;
        if (span > gapMs) {
          gaps.push({ from: new Date(times[i - 1]!).toISOString(), to: new Date(times[i]!).toISOString(), hours: Math.round((span / HOUR_MS) * 10) / 10 });
        }
      }
      return {
        accountId,
        firstAt: new Date(times[0]!).toISOString(),
        lastAt: new Date(times.at(-1)!).toISOString(),
        records: times.length,
        rootEvents: rootCounts.get(accountId) ?? 0,
        gaps,
      };
    })
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
}

/** True when the logs of `accountId` reach from `fromMs` to `toMs` without a gap in between. */
function covers(coverage: AccountCoverage | undefined, fromMs: number, toMs: number): boolean {
  if (!coverage) return false;
  if (Date.parse(coverage.firstAt) > fromMs || Date.parse(coverage.lastAt) < toMs) return false;
  return !coverage.gaps.some((g) => Date.parse(g.from) < toMs && Date.parse(g.to) > fromMs);
}

export interface ReconciliationInput {
  readonly activities: readonly RootActivity[];
  readonly coverage: readonly CoveragePoint[];
  readonly audit: Iterable<AuditRecord>;
  /** Accounts in the catalog, to name those the logs never mention. */
  readonly knownAccounts?: readonly string[];
  readonly options?: Partial<ReconciliationOptions>;
}

export function reconcileRootActivity(input: ReconciliationInput): ReconciliationResult {
  const options: ReconciliationOptions = { ...DEFAULT_RECONCILIATION_OPTIONS, ...input.options };
  const windowMs = options.windowHours * HOUR_MS;
  const skewMs = options.skewMinutes * MINUTE_MS;
  const activities = distinct(input.activities);

  const explainers = new Map<string, Explainer[]>();
  for (const event of input.audit) {
    const rule = explainingAction(event.action);
    const atMs = Date.parse(event.at);
    if (!rule || !Number.isFinite(atMs)) continue;
    let list = explainers.get(event.subject);
    if (!list) explainers.set(event.subject, (list = []));
    list.push({ event, rule, atMs });
  }
  const candidates = (activity: RootActivity, what: Explainable): Explainer[] => {
    const t = Date.parse(activity.at);
    return (explainers.get(activity.accountId) ?? [])
      .filter((e) => e.rule.explains.includes(what) && t >= e.atMs - skewMs && t <= e.atMs + windowMs + skewMs)
      .sort((a, b) => b.atMs - a.atMs);
  };

  const findings: Finding[] = [];
  const signIns: SignInFinding[] = [];
  const failedSignIns: SignInFinding[] = [];
  // A break-glass hands out one sign-in: the session shows the code only while it is open, so a second sign-in
  // in the same window means the credentials were used from somewhere else.
  const usedBreakGlass = new Set<number>();
  const signedInBreakGlass = new Set<number>();
  for (const activity of activities.filter((a) => a.kind === 'sign-in')) {
    const matches = candidates(activity, 'sign-in');
    const place = `${where(activity)}, ${mfaWords(activity.mfaUsed)}`;
    const when = `${activity.accountId} at ${formatUtc(activity.at)}`;
    if (!activity.succeeded) {
      const explainer = matches[0];
      failedSignIns.push({ activity, status: explainer ? 'explained' : 'unexplained', explanation: explainer ? explanationOf(explainer) : null });
      if (!explainer) {
        findings.push(finding('failed-sign-in', activity, `Failed root sign-in to ${when} ${place}: no break-glass, enrolment or rotation of this account was under way.`));
      }
      continue;
    }
    const procedural = matches.find((e) => e.rule.procedure !== 'break-glass');
    const breakGlass = matches.find((e) => e.rule.procedure === 'break-glass' && !usedBreakGlass.has(e.event.seq));
    const explainer = procedural ?? breakGlass;
    if (explainer) {
      if (explainer.rule.procedure === 'break-glass') usedBreakGlass.add(explainer.event.seq);
      signedInBreakGlass.add(explainer.event.seq);
      signIns.push({ activity, status: 'explained', explanation: explanationOf(explainer) });
    } else {
      const spent = matches.find((e) => e.rule.procedure === 'break-glass');
      if (spent) {
        signIns.push({ activity, status: 'second-sign-in', explanation: explanationOf(spent) });
        findings.push(
          finding(
            'second-sign-in',
            activity,
            `Second root sign-in to ${when} ${place} after one break-glass (audit event ${spent.event.seq}): a break-glass covers one sign-in.`,
          ),
        );
      } else {
        signIns.push({ activity, status: 'unexplained', explanation: null });
        findings.push(
          finding(
            'unexplained-sign-in',
            activity,
            `Unexplained root sign-in to ${when} ${place}: no break-glass, enrolment or rotation of this account in the ${windowWords(options.windowHours)} before it.`,
          ),
        );
      }
    }
    if (activity.mfaUsed !== true) {
      findings.push(
        finding('sign-in-without-mfa', activity, `Root sign-in without MFA to ${when} ${where(activity)}: the root user could sign in without the seed. Enable the MFA device and rotate the password.`),
      );
    }
  }

  const sessionKeys = new Set(activities.filter((a) => a.kind === 'assume-root' && a.sessionAccessKey).map((a) => a.sessionAccessKey!));
  const inAssumeRootSession = (a: RootActivity) => a.viaAssumeRoot || (a.accessKeyId !== null && sessionKeys.has(a.accessKeyId));

  const changes: ChangeFinding[] = [];
  const assumeRootSessions: AssumeRootSession[] = [];
  const unexplainedCalls: RootActivity[] = [];
  let explainedCalls = 0;
  let callsViaAssumeRoot = 0;
  const changeFinding = (activity: RootActivity, what: string) => {
    const explainer = candidates(activity, 'credential-change')[0];
    changes.push({ activity, explanation: explainer ? explanationOf(explainer) : null });
    if (!explainer) {
      findings.push(
        finding(
          'unrecorded-change',
          activity,
          `${what} on ${activity.accountId} at ${formatUtc(activity.at)} ${where(activity)}${activity.succeeded ? '' : ' (refused by AWS)'}: no enrolment or rotation of this account was recorded.`,
        ),
      );
    }
  };
  for (const activity of activities) {
    if (activity.kind === 'credential-change') {
      changeFinding(activity, `Root ${activity.credential === 'mfa' ? 'MFA device' : activity.credential === 'password' ? 'password' : activity.credential ?? 'credential'} change (${activity.eventName})${inAssumeRootSession(activity) ? ' in an AssumeRoot session' : ''}`);
    } else if (activity.kind === 'assume-root') {
      const policy = activity.taskPolicy ?? '';
      const changesCredentials = CREDENTIAL_TASK_POLICIES.some((p) => policy.endsWith(`/${p}`));
      const callCount = activities.filter((a) => a.kind !== 'assume-root' && a.accountId === activity.accountId && a.accessKeyId !== null && a.accessKeyId === activity.sessionAccessKey).length;
      assumeRootSessions.push({ activity, callCount, changesCredentials });
      if (changesCredentials && activity.succeeded) changeFinding(activity, `AssumeRoot session with ${policy.split('/').pop()} requested by ${activity.caller ?? 'an unrecorded principal'}`);
    } else if (activity.kind === 'api-call') {
      if (inAssumeRootSession(activity)) callsViaAssumeRoot += 1;
      else if (candidates(activity, 'api-call').length > 0) explainedCalls += 1;
      else {
        unexplainedCalls.push(activity);
        findings.push(
          finding(
            'unexplained-api-call',
            activity,
            `Root call ${activity.eventName} on ${activity.accountId} at ${formatUtc(activity.at)} ${where(activity)}, ${mfaWords(activity.mfaUsed)}: outside any break-glass, enrolment or rotation.`,
          ),
        );
      }
    }
  }

  const accounts = coverageOf(input.coverage, activities, options.gapHours * HOUR_MS);
  const coverageByAccount = new Map(accounts.map((a) => [a.accountId, a]));
  const breakGlasses: BreakGlassFinding[] = [];
  for (const [accountId, list] of explainers) {
    for (const e of list.filter((x) => x.rule.procedure === 'break-glass')) {
      const explanation = explanationOf(e);
      const status = signedInBreakGlass.has(e.event.seq) ? 'signed-in' : covers(coverageByAccount.get(accountId), e.atMs, e.atMs + windowMs) ? 'no-sign-in' : 'not-covered';
      breakGlasses.push({ accountId, auditSeq: e.event.seq, at: e.event.at, who: explanation.who, reason: explanation.reason, status });
    }
  }
  breakGlasses.sort((a, b) => a.at.localeCompare(b.at));

  const allTimes = accounts.flatMap((a) => [a.firstAt, a.lastAt]).sort();
  const mentioned = new Set(accounts.map((a) => a.accountId));
  findings.sort((a, b) => a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind));
  return {
    options,
    range: allTimes.length > 0 ? { from: allTimes[0]!, to: allTimes.at(-1)! } : null,
    accounts,
    accountsWithoutRecords: (input.knownAccounts ?? []).filter((id) => !mentioned.has(id)).sort(),
    signIns,
    failedSignIns,
    changes,
    apiCalls: { explained: explainedCalls, viaAssumeRoot: callsViaAssumeRoot, unexplained: unexplainedCalls },
    assumeRootSessions,
    breakGlasses,
    findings,
  };
}
