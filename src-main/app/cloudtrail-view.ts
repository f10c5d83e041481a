import type { CloudTrailReconciliationView } from '../contract/cloudtrail-views';
import { formatUtc } from '../core/cloudtrail-reconciliation';
import type { CloudTrailReconciliation } from './cloudtrail-desk';

/** The reconciliation as the screen and `--json` show it: findings first, then what the logs cover. */
export function toCloudTrailView(run: CloudTrailReconciliation, savedTo: string): CloudTrailReconciliationView {
  const { result } = run;
  const nameOf = (accountId: string) => run.accountNames[accountId] ?? null;
  return {
    reconciledAt: run.reconciledAt,
    allExplained: result.findings.length === 0 && run.auditChainIntact,
    auditChainIntact: run.auditChainIntact,
    auditHead: run.auditHead,
    windowHours: result.options.windowHours,
    range: result.range,
    files: run.files.length,
    records: run.files.reduce((n, f) => n + f.records, 0),
    problems: run.problems,
    findings: result.findings.map((f) => ({ ...f, accountName: nameOf(f.accountId) })),
    signIns: [...result.signIns, ...result.failedSignIns]
      .sort((a, b) => a.activity.at.localeCompare(b.activity.at))
      .map((s) => ({
        accountId: s.activity.accountId,
        accountName: nameOf(s.activity.accountId),
        at: s.activity.at,
        sourceIp: s.activity.sourceIp,
        mfaUsed: s.activity.mfaUsed,
        succeeded: s.activity.succeeded,
        status: s.status,
        explainedBy: s.explanation
          ? `${s.explanation.procedure} (audit event ${s.explanation.auditSeq}, ${formatUtc(s.explanation.at)}) by ${s.explanation.who}${s.explanation.reason ? `: ${s.explanation.reason}` : ''}`
          : null,
      })),
    changes: { total: result.changes.length, unrecorded: result.changes.filter((c) => !c.explanation).length },
    assumeRootSessions: result.assumeRootSessions.length,
    breakGlasses: result.breakGlasses.map((b) => ({ accountId: b.accountId, at: b.at, who: b.who, status: b.status })),
    accounts: result.accounts.map((a) => ({ accountId: a.accountId, accountName: nameOf(a.accountId), firstAt: a.firstAt, lastAt: a.lastAt, records: a.records, gaps: a.gaps })),
    accountsWithoutRecords: result.accountsWithoutRecords,
    report: { fingerprint: run.report.fingerprint, pageCount: run.report.pageCount, savedTo },
  };
}
