import { useCallback, useEffect, useState } from 'react';
import type { RunReportView, RunView, ScheduleView } from '../../src-main/contract/verification-views';
import { api } from '../api';
import { useRequest } from '../components/use-request';
import { RunPanel } from './verify/RunPanel';
import { Schedule } from './verify/ScheduleTable';
import { TokenStepPanel } from './verify/TokenStepPanel';
import { ReportSummary } from './verify/VerificationResults';

export function VerifyScreen() {
  const [schedule, setSchedule] = useState<ScheduleView | null>(null);
  const [run, setRun] = useState<RunView | null>(null);
  // The report with the sticks in service when it was made: the finish message names those not verified.
  const [report, setReport] = useState<{ readonly view: RunReportView; readonly expected: readonly string[] } | null>(null);
  const request = useRequest();
  const { fail } = request;

  const load = useCallback(async () => {
    const [s, r] = await Promise.all([api().verificationSchedule({}), api().activeVerification({})]);
    if (s.ok) setSchedule(s.value);
    else fail(s.error);
    if (r.ok) setRun(r.value);
  }, [fail]);
  useEffect(() => void load(), [load]);

  const start = () => {
    setReport(null);
    return request.run(() => api().startVerification({}), setRun);
  };

  const expected = schedule?.due.map((d) => d.mediumId) ?? [];

  const changeInterval = (days: number) => request.run(() => api().setVerificationInterval({ days }), setSchedule);

  const finish = async () => {
    if (!run) return;
    const finished = await request.run(() => api().finishVerification({ runId: run.runId }));
    if (!finished) return;
    setReport({ view: finished, expected });
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
      {request.notice}
      {schedule ? <Schedule schedule={schedule} onInterval={(days) => void changeInterval(days)} /> : null}
      {report ? <ReportSummary report={report.view} expected={report.expected} /> : null}
      {run ? (
        <RunPanel
          run={run}
          expected={expected}
          finishing={request.busy}
          onVerified={(m) => setRun({ ...run, done: [...run.done.filter((d) => d.mediumId !== m.mediumId), m] })}
          onFinish={() => void finish()}
        >
          <TokenStepPanel run={run} due={schedule?.tokens ?? []} onStep={(tokens) => setRun({ ...run, tokens })} />
        </RunPanel>
      ) : (
        <div className="actions">
          <button type="button" disabled={request.busy} onClick={() => void start()}>
            Start a verification
          </button>
        </div>
      )}
    </section>
  );
}
