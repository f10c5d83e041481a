import { coverageOf, covers, HOUR_MS } from './cloudtrail-coverage';
import { CREDENTIAL_TASK_POLICIES, explainersByAccount, explainersOf, explanationOf, type AuditRecord, type Explainable, type Explainer } from './cloudtrail-explanations';
import {
  DEFAULT_RECONCILIATION_OPTIONS,
  finding,
  formatUtc,
  mfaWords,
  where,
  windowWords,
  type AssumeRootSession,
  type BreakGlassFinding,
  type ChangeFinding,
  type Finding,
  type ReconciliationOptions,
  type ReconciliationResult,
  type SignInFinding,
} from './cloudtrail-findings';
import type { CoveragePoint, RootActivity } from './cloudtrail-records';

/**
 * Root activity in CloudTrail held against the audit trail: every root sign-in should follow a break-glass (or
 * an enrolment or rotation) of that account, and every change to the root password or MFA device should belong
 * to an enrolment or rotation. Whatever does not is listed with the facts an investigator needs first —
 * account, time, source IP, whether MFA was used — and makes the reconciliation fail.
 */

export type { AccountCoverage } from './cloudtrail-coverage';
export { EXPLAINING_ACTIONS, type AuditRecord, type Explanation, type Procedure } from './cloudtrail-explanations';
export {
  DEFAULT_RECONCILIATION_OPTIONS,
  formatUtc,
  type AssumeRootSession,
  type BreakGlassFinding,
  type ChangeFinding,
  type Finding,
  type FindingKind,
  type ReconciliationOptions,
  type ReconciliationResult,
  type SignInFinding,
  type SignInStatus,
} from './cloudtrail-findings';

const MINUTE_MS = 60_000;

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

  const explainers = explainersByAccount(input.audit);
  const candidates = (activity: RootActivity, what: Explainable): Explainer[] => explainersOf(explainers, activity, what, { windowMs, skewMs });

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
