import { join } from 'node:path';
import type { RunReportView } from '../contract/verification-views';
import { saveKeptReport, saveReportCopy, type ReportWords } from './kept-report';
import type { PrintDesk } from './print-desk';
import type { VerificationDesk } from './verification-desk';

/** Verification reports hold no secret, so they are kept with the catalog for the next audit. */
export function reportsFolder(home: string): string {
  return join(home, 'reports');
}

/**
 * The end of a verification run, the same wherever it is asked for: the report is built and recorded, saved in
 * the kiosk's `reports/` folder and held for printing; a custodian may ask for one more copy at a path of their
 * choosing. A copy that cannot be written loses nothing: the run's results are already recorded.
 */
export class VerificationReports {
  constructor(
    private readonly verification: VerificationDesk,
    private readonly print: PrintDesk,
    private readonly home: string,
  ) {}

  async finish(runId: string, options: { readonly paper?: 'A4' | 'LETTER'; readonly copyTo?: string } = {}): Promise<RunReportView> {
    const paper = options.paper ?? 'A4';
    const report = await this.verification.finishRun(runId, options.paper ? { paper: options.paper } : {});
    const savedTo = join(reportsFolder(this.home), `verification-${runId}.pdf`);
    await saveKeptReport(savedTo, report.pdf, VERIFICATION_REPORT);
    const held = this.print.holdVerificationReport({ runId, pdf: report.pdf, pageCount: report.pageCount, fingerprint: report.fingerprint, paper });
    if (options.copyTo !== undefined) await saveReportCopy(options.copyTo, report.pdf, savedTo, VERIFICATION_REPORT);
    return { runId, fingerprint: report.fingerprint, pageCount: report.pageCount, allPassed: report.allPassed, media: report.media, tokens: report.tokens, savedTo, documentId: held.documentId };
  }
}

/** The run's results are recorded when it ends, before its report is saved; an ended run makes no second report. */
const VERIFICATION_REPORT: ReportWords = {
  report: 'The verification report',
  recorded: "The run's results are recorded.",
  again: 'run a verification again for a report',
  keptUse: 'print it from the Verify screen',
};
