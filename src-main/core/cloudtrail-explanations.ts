import type { RootActivity } from './cloudtrail-records';

// Which audit events account for root activity in CloudTrail, and what they tell an investigator.

export type Procedure = 'break-glass' | 'enrolment' | 'rotation';
export type Explainable = 'sign-in' | 'api-call' | 'credential-change';

export interface ExplainingAction {
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
export const CREDENTIAL_TASK_POLICIES = ['IAMCreateRootUserPassword', 'IAMDeleteRootUserCredentials'];

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

function explainingAction(action: string): ExplainingAction | undefined {
  return EXPLAINING_ACTIONS.find((e) => (e.action.endsWith('.') ? action.startsWith(e.action) : action === e.action));
}

export interface Explainer {
  readonly event: AuditRecord;
  readonly rule: ExplainingAction;
  readonly atMs: number;
}

function detailText(details: Readonly<Record<string, unknown>>, key: string): string | null {
  const value = details[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function explanationOf(explainer: Explainer): Explanation {
  const { event, rule } = explainer;
  const vault = detailText(event.details, 'vaultCustodian');
  const seeds = detailText(event.details, 'seedCustodian');
  const who = vault && seeds ? (vault === seeds ? vault : `${vault} and ${seeds}`) : event.custodian;
  return { procedure: rule.procedure, auditSeq: event.seq, action: event.action, at: event.at, who, reason: detailText(event.details, 'reason') };
}

/** The audit events that explain root activity, by the account they are about (their subject). */
export function explainersByAccount(audit: Iterable<AuditRecord>): Map<string, Explainer[]> {
  const explainers = new Map<string, Explainer[]>();
  for (const event of audit) {
    const rule = explainingAction(event.action);
    const atMs = Date.parse(event.at);
    if (!rule || !Number.isFinite(atMs)) continue;
    let list = explainers.get(event.subject);
    if (!list) explainers.set(event.subject, (list = []));
    list.push({ event, rule, atMs });
  }
  return explainers;
}

/**
 * The explainers of an activity: those of its account that explain its kind and whose window holds its time,
 * allowing for the offline kiosk's clock drift; the latest first.
 */
export function explainersOf(
  explainers: ReadonlyMap<string, readonly Explainer[]>,
  activity: RootActivity,
  what: Explainable,
  window: { readonly windowMs: number; readonly skewMs: number },
): Explainer[] {
  const t = Date.parse(activity.at);
  return (explainers.get(activity.accountId) ?? [])
    .filter((e) => e.rule.explains.includes(what) && t >= e.atMs - window.skewMs && t <= e.atMs + window.windowMs + window.skewMs)
    .sort((a, b) => b.atMs - a.atMs);
}
