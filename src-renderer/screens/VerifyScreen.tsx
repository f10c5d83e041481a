import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { PrinterChoiceView } from '../../src-main/contract/print-views';
import type { MediumVerificationView, RunReportView, RunView, ScheduleView } from '../../src-main/contract/verification-views';
import { api, type ChannelError } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { PrinterPicker } from '../components/PrinterPicker';
import { ProgressPanel } from '../components/ProgressPanel';
import { useInsertedMedia } from '../components/use-inserted-media';
import { formatTime } from '../format';
import { SecretInput } from '../components/SecretInput';

export function VerifyScreen() {
  const [schedule, setSchedule] = useState<ScheduleView | null>(null);
  const [run, setRun] = useState<RunView | null>(null);
  const [report, setReport] = useState<RunReportView | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);

  const load = useCallback(async () => {
    const [s, r] = await Promise.all([api().verificationSchedule({}), api().activeVerification({})]);
    if (s.ok) setSchedule(s.value);
    else setError(s.error);
    if (r.ok) setRun(r.value);
  }, []);
  useEffect(() => void load(), [load]);

  const start = async () => {
    setReport(null);
    const result = await api().startVerification({});
    if (result.ok) setRun(result.value);
    else setError(result.error);
  };

  const changeInterval = async (days: number) => {
    const result = await api().setVerificationInterval({ days });
    if (result.ok) setSchedule(result.value);
    else setError(result.error);
  };

  const finish = async () => {
    if (!run) return;
    const result = await api().finishVerification({ runId: run.runId });
    if (!result.ok) return setError(result.error);
    setReport(result.value);
    setRun(null);
    void load();
  };

  return (
    <section className="screen" aria-labelledby="verify-title">
      <h1 id="verify-title">Verify</h1>
      <p className="lead">
        Every quarter, every stick is read in full and checked against what was written to it. A replica that rotted
        silently is worse than none, because the plan relies on it.
      </p>
      <ErrorNotice error={error} />
      {schedule ? <Schedule schedule={schedule} onInterval={(days) => void changeInterval(days)} /> : null}
      {report ? <ReportSummary report={report} /> : null}
      {run ? (
        <RunPanel run={run} onVerified={(m) => setRun({ ...run, done: [...run.done.filter((d) => d.mediumId !== m.mediumId), m] })} onFinish={() => void finish()} />
      ) : (
        <div className="actions">
          <button type="button" onClick={() => void start()}>
            Start a verification
          </button>
        </div>
      )}
    </section>
  );
}

function Schedule({ schedule, onInterval }: { schedule: ScheduleView; onInterval: (days: number) => void }) {
  return (
    <section aria-labelledby="schedule-title">
      <h2 id="schedule-title">When each stick is due</h2>
      <div className="row interval">
        <label htmlFor="verify-interval">Verify each stick every</label>
        <select id="verify-interval" value={schedule.intervalDays} onChange={(e) => onInterval(Number(e.target.value))}>
          {[...new Set([30, 60, 90, 120, 180, schedule.intervalDays])].sort((a, b) => a - b).map((days) => (
            <option key={days} value={days}>
              {days} days
            </option>
          ))}
        </select>
      </div>
      {schedule.replicas.flatMap((r) => r.warnings).map((warning) => (
        <div key={warning} className="notice notice-error" role="alert">
          {warning}
        </div>
      ))}
      {schedule.due.length === 0 ? <p className="empty">No stick is labelled yet.</p> : null}
      <table className="audit-table">
        <thead>
          <tr>
            <th scope="col">Medium</th>
            <th scope="col">Kept</th>
            <th scope="col">Last verified</th>
            <th scope="col">Next due</th>
          </tr>
        </thead>
        <tbody>
          {schedule.due.map((d) => (
            <tr key={d.mediumId} className={`due-${d.status}`} data-medium={d.mediumId}>
              <td>{d.mediumId}</td>
              <td>{d.locationKind === 'onsite' ? 'On site' : 'Off site'}</td>
              <td>{formatTime(d.lastVerifiedAt)}</td>
              <td>
                {d.nextDueAt.slice(0, 10)}{' '}
                {d.status === 'overdue' ? <strong className="warn">overdue by {-d.daysLeft} days</strong> : d.status === 'due-soon' ? <strong>due in {d.daysLeft} days</strong> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RunPanel({ run, onVerified, onFinish }: { run: RunView; onVerified: (m: MediumVerificationView) => void; onFinish: () => void }) {
  const { media } = useInsertedMedia();
  const labelled = media?.filter((m) => m.label) ?? [];
  const [devicePath, setDevicePath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [seal, setSeal] = useState('');
  const [bagIntact, setBagIntact] = useState<Answer>('not-checked');
  const [locationConfirmed, setLocationConfirmed] = useState<Answer>('not-checked');
  const [newSeal, setNewSeal] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ChannelError | null>(null);
  const chosen = labelled.find((m) => m.devicePath === devicePath) ?? labelled[0];

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    const result = await api().verifyMedium({
      runId: run.runId,
      devicePath: chosen.devicePath,
      passphrase,
      physical: { sealSerial: seal.trim() || null, bagIntact, locationConfirmed, newSealSerial: newSeal.trim() || null },
    });
    setPassphrase('');
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onVerified(result.value);
    setSeal('');
    setBagIntact('not-checked');
    setLocationConfirmed('not-checked');
    setNewSeal('');
  };

  return (
    <section aria-labelledby="run-title" className="run">
      <h2 id="run-title">
        Verification {run.runId} — started {formatTime(run.startedAt)} by {run.startedBy}
      </h2>
      <p className="muted">Insert each stick in turn, in any order. A stick already checked in this run keeps its result; check it again to replace it.</p>
      {run.done.map((m) => (
        <MediumResult key={m.mediumId} result={m} />
      ))}
      {labelled.length === 0 ? <p className="empty">Insert a labelled stick to verify it.</p> : null}
      {chosen ? (
        <form className="inline-form" onSubmit={(e) => void verify(e)} aria-label="Verify a stick">
          <label htmlFor="verify-stick">Stick to verify</label>
          <select id="verify-stick" value={chosen.devicePath} onChange={(e) => setDevicePath(e.target.value)}>
            {labelled.map((m) => (
              <option key={m.devicePath} value={m.devicePath}>
                {m.label!.mediumId} ({m.label!.role === 'vault' ? 'vault' : 'seeds'})
              </option>
            ))}
          </select>
          <label htmlFor="verify-passphrase">{chosen.label!.role === 'vault' ? 'Vault' : 'Seed'} master passphrase</label>
          <SecretInput id="verify-passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          <fieldset>
            <legend>Physical checks</legend>
            <p className="hint">
              Strongroom compares the serial on the bag with the one logged when the stick was sealed; it does not show the logged one.
              A check left unanswered is recorded as not checked, and the stick's result stays incomplete.
            </p>
            <label htmlFor="verify-seal">Serial printed on the tamper-evident bag</label>
            <input id="verify-seal" value={seal} maxLength={100} autoComplete="off" onChange={(e) => setSeal(e.target.value)} />
            <AnswerChoice name="bag-intact" question="Is the bag intact (no cut, tear or lifted seal)?" value={bagIntact} onChange={setBagIntact} />
            <AnswerChoice name="location" question="Did it come from its recorded location?" value={locationConfirmed} onChange={setLocationConfirmed} />
            <label htmlFor="verify-new-seal">Serial of the new bag it goes into now (logged)</label>
            <input id="verify-new-seal" value={newSeal} maxLength={100} autoComplete="off" onChange={(e) => setNewSeal(e.target.value)} />
          </fieldset>
          <div className="row">
            <button type="submit" disabled={busy || passphrase === ''}>
              Verify {chosen.label!.mediumId}
            </button>
          </div>
        </form>
      ) : null}
      <ProgressPanel active={busy} job="Verifying the stick" hint="Reading every byte" />
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="button" className="secondary" disabled={busy || run.done.length === 0} onClick={onFinish}>
          Finish and make the report
        </button>
      </div>
    </section>
  );
}

type Answer = 'yes' | 'no' | 'not-checked';

function AnswerChoice({ name, question, value, onChange }: { name: string; question: string; value: Answer; onChange: (answer: Answer) => void }) {
  return (
    <fieldset className="answer" role="radiogroup" aria-label={question}>
      <legend>{question}</legend>
      {(
        [
          ['yes', 'Yes'],
          ['no', 'No'],
          ['not-checked', 'Not checked'],
        ] as const
      ).map(([answer, words]) => (
        <label key={answer}>
          <input type="radio" name={name} checked={value === answer} onChange={() => onChange(answer)} /> {words}
        </label>
      ))}
    </fieldset>
  );
}

const OUTCOME_WORDS: Record<MediumVerificationView['outcome'], string> = { passed: 'every check passed', failed: 'FAILED', incomplete: 'INCOMPLETE — a check was not answered' };

function MediumResult({ result }: { result: MediumVerificationView }) {
  return (
    <article className={`result result-${result.outcome}`} aria-label={`${result.mediumId} ${result.outcome}`} data-outcome={result.outcome}>
      <h3>
        {result.mediumId}: {OUTCOME_WORDS[result.outcome]}
        <span className="muted"> · {result.location}</span>
      </h3>
      <ul className="checks">
        {result.checks.map((check) => (
          <li key={check.name} className={check.status === 'not-checked' ? 'check-open' : check.passed ? 'check-pass' : 'check-fail'}>
            <strong>
              {check.status === 'not-checked' ? 'Not checked' : check.passed ? 'Pass' : 'Fail'} — {check.name}.
            </strong>{' '}
            {check.sentence}
          </li>
        ))}
      </ul>
    </article>
  );
}

function ReportSummary({ report }: { report: RunReportView }) {
  return (
    <div className={`notice ${report.allPassed ? 'notice-ok' : 'notice-error'}`} role="status" data-report={report.runId}>
      <strong>
        Verification {report.runId} finished:{' '}
        {report.allPassed ? 'every stick passed' : `${report.media.filter((m) => m.outcome !== 'passed').length} stick(s) failed or are incomplete`}.
      </strong>{' '}
      The report ({report.pageCount} page{report.pageCount === 1 ? '' : 's'}, fingerprint <code>{report.fingerprint.slice(0, 16)}</code>) was saved to{' '}
      <code>{report.savedTo}</code>. It holds no secret: keep it with the custody records and file a printed copy.
      <PrintReport documentId={report.documentId} />
    </div>
  );
}

/** Sends the held report to a printer; the report holds no secret, so any printer the kiosk knows will do. */
function PrintReport({ documentId }: { documentId: string }) {
  const [choice, setChoice] = useState<PrinterChoiceView | null>(null);
  const [printer, setPrinter] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);

  const load = async () => {
    const result = await api().listPrinters({});
    if (!result.ok) return setError(result.error);
    setChoice(result.value);
    setPrinter(result.value.printers.find((p) => p.isDefault)?.name ?? result.value.printers[0]?.name ?? '');
  };
  const print = async () => {
    const result = await api().printDocument({ documentId, printer });
    if (result.ok) setOutcome(`Sent ${result.value.pageCount} page(s) to ${result.value.printer}.`);
    else setError(result.error);
  };

  if (!choice) {
    return (
      <div className="row print-report">
        <button type="button" className="secondary" onClick={() => void load()}>
          Print the report…
        </button>
        <ErrorNotice error={error} />
      </div>
    );
  }
  return (
    <div className="print-report">
      {choice.unavailable || choice.printers.length === 0 ? (
        <p>{choice.unavailable ?? 'No printer is set up on this kiosk.'} The PDF is in the reports folder named above.</p>
      ) : (
        <div className="row">
          <PrinterPicker id="report-printer" choice={choice} value={printer} onChange={setPrinter} />
          <button type="button" onClick={() => void print()}>
            Print
          </button>
        </div>
      )}
      {outcome ? <p role="status">{outcome}</p> : null}
      <ErrorNotice error={error} />
    </div>
  );
}
