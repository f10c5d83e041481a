import type { AccountRecord } from '../catalog/account-store';
import type { Catalog } from '../catalog/catalog';
import type { AccountView } from '../contract/custody-views';
import type { WriteJobView } from '../contract/transaction-views';
import { accountTokenViews, mfaView, pendingLegacySerial } from './account-mfa';
import type { WriteJobReport } from './write-jobs';

/** The views the window and the CLI both show of an account and of a write job, built in one place. */
export function toAccountView(a: AccountRecord, catalog: Catalog): AccountView {
  const rotation = catalog.rotations.open(a.accountId);
  return {
    accountId: a.accountId,
    name: a.name,
    rootEmail: a.rootEmail,
    organizationalUnit: a.organizationalUnit ?? null,
    awsStatus: a.awsStatus,
    rootCredentialStatus: a.rootCredentialStatus,
    lifecycle: a.lifecycle,
    lifecycleReason: a.lifecycleReason,
    mfa: mfaView(catalog, a),
    tokens: accountTokenViews(catalog, a.accountId),
    legacyTokenSerial: pendingLegacySerial(catalog, a.accountId),
    enrolledAt: a.enrolledAt,
    rotation: rotation && (rotation.status === 'starting' || rotation.status === 'pending') ? { what: rotation.what, status: rotation.status, startedAt: rotation.startedAt } : null,
  };
}

export function toWriteJobView(report: WriteJobReport): WriteJobView {
  return {
    jobId: report.jobId,
    purpose: report.purpose,
    status: report.status,
    startedAt: report.startedAt,
    startedBy: report.startedBy,
    generations: report.generations,
    sticks: report.sticks,
    behind: report.behind,
    sentence: report.sentence,
  };
}

