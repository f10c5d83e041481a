import { useState, type FormEvent } from 'react';
import type { CloudTrailReconciliationView } from '../../src-main/contract/cloudtrail-views';
import type { MediumCardView } from '../../src-main/contract/media-views';
import { api } from '../api';
import { Notice } from '../components/Notice';
import { StickPicker, useStickChoice } from '../components/StickPicker';
import { useInsertedMedia } from '../components/use-inserted-media';
import { useRequest } from '../components/use-request';
import { formatInstant, formatTime } from '../format';
import { ColumnHeads } from '../components/ColumnHeads';

/** Any inserted stick can bring logs: they hold no secret, so unlabelled sticks are offered too. */
function stickName(medium: MediumCardView): string {
  if (medium.label) return `${medium.label.mediumId} (${medium.label.role === 'vault' ? 'vault' : 'seeds'})`;
  return `${[medium.vendor, medium.model].filter(Boolean).join(' ') || 'Unlabelled stick'} — ${medium.devicePath}`;
}

function utc(iso: string): string {
  return formatInstant(iso, 'second');
}

function mfaWords(mfaUsed: boolean | null): string {
  return mfaUsed === true ? 'yes' : mfaUsed === false ? 'NO' : 'not recorded';
}

export function CloudTrailScreen() {
  const { media } = useInsertedMedia();
  const sticks = media ?? [];
  const stick = useStickChoice(sticks);
  const [folder, setFolder] = useState('');
  const [windowHours, setWindowHours] = useState(2);
  const request = useRequest();
  const { busy } = request;
  const [view, setView] = useState<CloudTrailReconciliationView | null>(null);
  const devicePath = stick.devicePath;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await request.run(() => api().reconcileCloudTrail({ devicePath, ...(folder.trim() ? { folder: folder.trim() } : {}), windowHours }), setView);
  };

  return (
    <section className="screen" aria-labelledby="cloudtrail-title">
      <h1 id="cloudtrail-title">CloudTrail</h1>
      <p className="lead">
        AWS records every root sign-in. Bring the CloudTrail logs on a stick (as delivered to S3, plain or .json.gz, or
        the output of <code>aws cloudtrail lookup-events</code>): each root sign-in should follow a break-glass, and each
        password or MFA change an enrolment or rotation. Anything else is listed here.
      </p>
      {request.notice}
      {sticks.length === 0 ? <p className="empty">Insert the stick that holds the logs.</p> : null}
      {sticks.length > 0 ? (
        <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Reconcile CloudTrail logs">
          <StickPicker id="cloudtrail-stick" label="Stick with the logs" sticks={sticks} choice={stick} describe={stickName} missing="Insert the stick that holds the logs." />
          <label htmlFor="cloudtrail-folder">Folder on the stick (empty: the whole stick)</label>
          <input id="cloudtrail-folder" value={folder} placeholder="AWSLogs" onChange={(e) => setFolder(e.target.value)} />
          <label htmlFor="cloudtrail-window">Hours after a break-glass a sign-in counts as its own</label>
          <input id="cloudtrail-window" type="number" min={1} max={336} value={windowHours} onChange={(e) => setWindowHours(Number(e.target.value) || 2)} />
          <div className="row">
            <button type="submit" disabled={busy || !devicePath}>
              {busy ? 'Reading the logs…' : 'Reconcile'}
            </button>
          </div>
        </form>
      ) : null}
      {view ? <Reconciliation view={view} /> : null}
    </section>
  );
}

function Reconciliation({ view }: { view: CloudTrailReconciliationView }) {
  return (
    <section aria-labelledby="cloudtrail-result" data-reconciliation={view.allExplained ? 'explained' : 'unexplained'}>
      <h2 id="cloudtrail-result">
        {view.allExplained ? 'All root activity is explained' : `${view.findings.length} unexplained item${view.findings.length === 1 ? '' : 's'}`}
      </h2>
      <p className="muted">
        {view.files} file(s), {view.records} record(s){view.range ? `, ${utc(view.range.from)} to ${utc(view.range.to)}` : ''}. Checked against
        the audit trail up to event {view.auditHead?.seq ?? 0}. Report saved to <code>{view.report.savedTo}</code> (fingerprint{' '}
        <code>{view.report.fingerprint.slice(0, 16)}</code>).
      </p>
      {!view.auditChainIntact ? (
        <Notice tone="error">The audit trail on this kiosk does not verify, so nothing on it can explain root activity. Check it on the Audit screen.</Notice>
      ) : null}
      {view.findings.length > 0 ? (
        <Notice tone="error">
          <ul>
            {view.findings.map((f) => (
              <li key={`${f.kind}-${f.accountId}-${f.at}`} data-finding={f.kind}>
                {f.sentence}
              </li>
            ))}
          </ul>
          Pass the report to the security lead today; treat these accounts as compromised until explained.
        </Notice>
      ) : null}
      <h3>Root sign-ins</h3>
      {view.signIns.length === 0 ? <p className="empty">No root sign-in is in these logs.</p> : null}
      {view.signIns.length > 0 ? (
        <table className="audit-table" aria-label="Root sign-ins">
          <ColumnHeads columns={['Time', 'Account', 'Source IP', 'MFA used', 'Explained by']} />
          <tbody>
            {view.signIns.map((s) => (
              <tr key={`${s.accountId}-${s.at}-${s.succeeded}`} data-status={s.status}>
                <td>{utc(s.at)}</td>
                <td>
                  {s.accountId}
                  {s.accountName ? ` (${s.accountName})` : ''}
                </td>
                <td>{s.sourceIp ?? '—'}</td>
                <td>{mfaWords(s.mfaUsed)}</td>
                <td>
                  {s.succeeded ? '' : 'Failed attempt. '}
                  {s.status === 'unexplained' ? <strong className="warn">Nothing recorded</strong> : s.status === 'second-sign-in' ? <strong className="warn">Second sign-in after {s.explainedBy}</strong> : s.explainedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>
        Password and MFA changes: {view.changes.total}, of which {view.changes.unrecorded} not recorded. AssumeRoot sessions: {view.assumeRootSessions}.
      </p>
      {view.breakGlasses.filter((b) => b.status !== 'signed-in').map((b) => (
        <p key={`${b.accountId}-${b.at}`} className="muted">
          Break-glass of {b.accountId} on {formatTime(b.at)} by {b.who}: {b.status === 'no-sign-in' ? 'no sign-in followed.' : 'these logs do not cover its window.'}
        </p>
      ))}
      <h3>What the logs cover</h3>
      <ul>
        {view.accounts.map((a) => (
          <li key={a.accountId}>
            {a.accountId}
            {a.accountName ? ` (${a.accountName})` : ''}: {utc(a.firstAt)} to {utc(a.lastAt)}, {a.records} record(s)
            {a.gaps.length > 0 ? <strong className="warn"> — {a.gaps.length} gap(s), the longest {Math.max(...a.gaps.map((g) => g.hours))} h</strong> : null}
          </li>
        ))}
      </ul>
      {view.accountsWithoutRecords.length > 0 ? <p className="muted">No record at all for {view.accountsWithoutRecords.join(', ')}: their root users are not checked.</p> : null}
      {view.problems.count > 0 ? (
        <details>
          <summary>{view.problems.count} file(s) or record(s) skipped</summary>
          <ul>
            {view.problems.listed.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
