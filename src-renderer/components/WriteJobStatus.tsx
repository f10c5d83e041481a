import { useState, type FormEvent } from 'react';
import type { WriteJobView } from '../../src-main/contract/transaction-views';
import { api } from '../api';
import { Notice, type NoticeTone } from './Notice';
import { ProgressPanel } from './ProgressPanel';
import { useRequest } from './use-request';
import type { MediumRole } from '../../src-main/contract/media-views';

const STATE_WORDS: Readonly<Record<WriteJobView['sticks'][number]['state'], string>> = {
  planned: 'not written',
  refused: 'refused',
  staged: 'staged',
  committed: 'committed',
  failed: 'pending',
  'left-behind': 'left behind',
};

const HEADLINE: Readonly<Record<WriteJobView['status'], string>> = {
  running: 'Writing…',
  refused: 'Nothing was written.',
  failed: 'Nothing was committed.',
  pending: 'The new generation is not on every stick yet.',
  complete: 'Written and read back.',
  closed: 'The write was closed.',
  'nothing-to-write': 'Nothing to write.',
};

/** "Vault generation 3 (2 accounts) on VAULT-01, VAULT-02": what a role's sticks hold after the job. */
export function roleLine(job: WriteJobView, role: MediumRole): string | null {
  const generation = job.generations.find((g) => g.role === role);
  if (!generation) return null;
  const on = job.sticks.filter((s) => s.role === role && s.state === 'committed').map((s) => s.mediumId);
  const accounts = generation.accounts === null ? '' : ` (${generation.accounts} ${generation.accounts === 1 ? 'account' : 'accounts'})`;
  return `${role === 'vault' ? 'Vault' : 'Seed store'} generation ${generation.generation}${accounts} on ${on.join(', ') || 'no stick yet'}`;
}

/**
 * A write job stick by stick, by medium id: what each stick holds now. A pending job can be retried here (the
 * same generation, the same bytes, no passphrase) or closed, leaving the sticks it lacks behind.
 */
export function WriteJobStatus({ job, onChanged }: { readonly job: WriteJobView; readonly onChanged: (job: WriteJobView) => void }) {
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState('');
  const request = useRequest();
  const { busy } = request;
  const pending = job.status === 'pending' && job.jobId !== null;
  const tone: NoticeTone = job.status === 'complete' ? 'ok' : job.status === 'pending' ? 'warn' : job.status === 'nothing-to-write' || job.status === 'closed' ? 'info' : 'error';

  const retry = async () => {
    const { jobId } = job;
    if (jobId) await request.run(() => api().retryWriteJob({ jobId }), onChanged);
  };

  const close = async (event: FormEvent) => {
    event.preventDefault();
    const { jobId } = job;
    if (!jobId) return;
    await request.run(
      () => api().closeWriteJob({ jobId, reason }),
      (closed) => {
        setClosing(false);
        onChanged(closed);
      },
    );
  };

  return (
    <Notice tone={tone} className="write-job" role="status" title={HEADLINE[job.status]} data={{ 'data-job': job.jobId ?? '', 'data-status': job.status }}>
      {job.sentence}
      {(['vault', 'seed'] as const).map((role) => {
        const line = roleLine(job, role);
        return line && (job.status === 'complete' || job.status === 'pending' || job.status === 'closed') ? (
          <div key={role} className="role-line" data-role={role}>
            {line}
          </div>
        ) : null;
      })}
      {job.sticks.length > 0 ? (
        <ul className="stick-status" aria-label="Each stick">
          {job.sticks.map((s) => (
            <li key={`${s.role}-${s.mediumId}`} data-medium={s.mediumId} data-state={s.state}>
              <strong>{s.mediumId}</strong> <span className={`badge stick-${s.state}`}>{STATE_WORDS[s.state]}</span>
              {s.auditCopyMissing ? (
                <>
                  {' '}
                  <span className="badge stick-failed" data-audit-copy="missing">
                    audit copy not written
                  </span>
                </>
              ) : null}{' '}
              <span className="stick-sentence">{s.sentence}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {request.notice}
      {pending ? (
        <div className="row">
          <button type="button" disabled={busy} onClick={() => void retry()}>
            Retry the pending sticks
          </button>
          {!closing ? (
            <button type="button" className="secondary" onClick={() => setClosing(true)}>
              Close this write…
            </button>
          ) : null}
        </div>
      ) : null}
      {pending && closing ? (
        <form className="inline-form" onSubmit={(e) => void close(e)} aria-label="Close the pending write">
          <p>
            Closing leaves the pending sticks behind with their older generation; copy the newest onto them when they are back (Media
            screen). A role whose new generation reached no stick loses it.
          </p>
          <label htmlFor={`close-reason-${job.jobId}`}>Why the pending sticks are left behind</label>
          <input id={`close-reason-${job.jobId}`} value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} />
          <div className="row">
            <button type="submit" className="danger" disabled={reason.trim().length < 5}>
              Close the write
            </button>
            <button type="button" className="secondary" onClick={() => setClosing(false)}>
              Keep it pending
            </button>
          </div>
        </form>
      ) : null}
      <ProgressPanel active={busy} job="Writing the pending sticks" hint="Staging, reading back and committing" />
    </Notice>
  );
}

/** Every write still pending on some stick, with its retry: shown wherever sticks are written. */
export function PendingWrites({ jobs, onChanged }: { readonly jobs: readonly WriteJobView[]; readonly onChanged: () => void }) {
  if (jobs.length === 0) return null;
  return (
    <section className="pending-writes" aria-labelledby="pending-writes-title">
      <h2 id="pending-writes-title">Pending writes</h2>
      <p className="muted">Insert the sticks listed as pending and retry: the same generation is written, byte for byte, never a new one.</p>
      {jobs.map((job) => (
        <WriteJobStatus key={job.jobId} job={job} onChanged={onChanged} />
      ))}
    </section>
  );
}
