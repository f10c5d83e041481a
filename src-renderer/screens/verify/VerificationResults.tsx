import { useState } from 'react';
import type { PrinterChoiceView } from '../../../src-main/contract/print-views';
import type { MediumVerificationView, RunReportView } from '../../../src-main/contract/verification-views';
import { api } from '../../api';
import { Notice } from '../../components/Notice';
import { PrinterPicker } from '../../components/PrinterPicker';
import { useRequest } from '../../components/use-request';
import { RunStickList } from './RunStickList';
import { TokenCheckRows } from './TokenStepPanel';
import { finishSummary, stickStates } from './run-progress';
const OUTCOME_WORDS: Record<MediumVerificationView['outcome'], string> = { passed: 'every check passed', failed: 'FAILED', incomplete: 'INCOMPLETE — a check was not answered' };

export function MediumResult({ result }: { result: MediumVerificationView }) {
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
      {result.witnessWarnings.map((warning) => (
        <Notice key={warning} tone="warn" title={`${result.mediumId} does not hold the record of this check`}>
          {warning}
        </Notice>
      ))}
    </article>
  );
}

/** The finished run: what did not pass named by medium id, and every stick's result kept on screen. */
export function ReportSummary({ report, expected }: { report: RunReportView; expected: readonly string[] }) {
  const summary = finishSummary(report, expected);
  return (
    <>
      <Notice tone={summary.allWell ? 'ok' : 'error'} role="status" data={{ 'data-report': report.runId }} title={`Verification ${report.runId} finished: ${summary.sentence}`}>
        The report ({report.pageCount} page{report.pageCount === 1 ? '' : 's'}, fingerprint <code>{report.fingerprint.slice(0, 16)}</code>) was saved to{' '}
        <code>{report.savedTo}</code>. It holds no secret: keep it with the custody records and file a printed copy.
        <PrintReport documentId={report.documentId} />
      </Notice>
      <RunStickList states={stickStates(expected, report.media, 'finished')} />
      {report.media.map((m) => (
        <MediumResult key={m.mediumId} result={m} />
      ))}
      {report.tokens ? <TokenCheckRows check={report.tokens} /> : null}
    </>
  );
}

/** Sends the held report to a printer; the report holds no secret, so any printer the kiosk knows will do. */
function PrintReport({ documentId }: { documentId: string }) {
  const [choice, setChoice] = useState<PrinterChoiceView | null>(null);
  const [printer, setPrinter] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const request = useRequest();

  const load = () =>
    request.run(
      () => api().listPrinters({}),
      (listed) => {
        setChoice(listed);
        setPrinter(listed.printers.find((p) => p.isDefault)?.name ?? listed.printers[0]?.name ?? '');
      },
    );
  const print = () => request.run(() => api().printDocument({ documentId, printer }), (sent) => setOutcome(`Sent ${sent.pageCount} page(s) to ${sent.printer}.`));

  if (!choice) {
    return (
      <div className="row print-report">
        <button type="button" className="secondary" disabled={request.busy} onClick={() => void load()}>
          Print the report…
        </button>
        {request.notice}
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
          <button type="button" disabled={request.busy} onClick={() => void print()}>
            Print
          </button>
        </div>
      )}
      {outcome ? <p role="status">{outcome}</p> : null}
      {request.notice}
    </div>
  );
}
