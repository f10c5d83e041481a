import { join } from 'node:path';
import { ErrorCode, StrongroomError } from '../core/errors';
import { ensureKioskFolder, writeKioskFile } from '../platform/kiosk-files';
import type { RunReportView } from '../contract/verification-views';
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
    const folder = reportsFolder(this.home);
    await ensureKioskFolder(folder);
    const savedTo = join(folder, `verification-${runId}.pdf`);
    await writeKioskFile(savedTo, report.pdf);
    const held = this.print.holdVerificationReport({ runId, pdf: report.pdf, pageCount: report.pageCount, fingerprint: report.fingerprint, paper });
    if (options.copyTo !== undefined) await copyReport(options.copyTo, report.pdf, savedTo);
    return { runId, fingerprint: report.fingerprint, pageCount: report.pageCount, allPassed: report.allPassed, media: report.media, tokens: report.tokens, savedTo, documentId: held.documentId };
  }
}

async function copyReport(path: string, pdf: Buffer, savedTo: string): Promise<void> {
  try {
    await writeKioskFile(path, pdf);
  } catch (error) {
    throw new StrongroomError(
      ErrorCode.FileNotSaved,
      `The verification report could not be saved to ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}). The run's results are recorded and the report is kept at ${savedTo}; print it from the Verify screen, or give a folder that exists.`,
      { path },
    );
  }
}
