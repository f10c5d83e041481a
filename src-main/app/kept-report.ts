import { nodeWriterFs, type WriterFs } from '../platform/atomic-file-writer';
import { writeKioskFile } from '../platform/kiosk-files';

/**
 * Reports that hold no secret (a verification run, a CloudTrail reconciliation), saved on the kiosk's disk one
 * way, whether the copy kept in `reports/` or one more copy where the custodian asked: the folder is made if
 * missing, and the file is written beside its final name and renamed into place, so a full disk or a cut write
 * never leaves half a report under that name (an earlier file there stays whole). A report that cannot be saved
 * says where, why, what is already recorded and what to do next; a copy that cannot be saved names the kept one.
 */

/** How one kind of report is spoken of when it cannot be saved. */
export interface ReportWords {
  /** "The CloudTrail report" */
  readonly report: string;
  /** What is safe whatever the write does: "The reconciliation is recorded on the audit trail." */
  readonly recorded: string;
  /** How to have the report made again: "reconcile again". */
  readonly again: string;
  /** What the custodian may do with the kept report when a copy fails: "print it from the Verify screen". */
  readonly keptUse?: string;
}

/** Saves the copy the kiosk keeps in its reports folder. */
export async function saveKeptReport(path: string, pdf: Uint8Array, words: ReportWords, fs: WriterFs = nodeWriterFs): Promise<void> {
  await saveOrExplain(path, pdf, words, `Check that the kiosk's disk has space and that its reports folder is writable, then ${words.again}.`, fs);
}

/** Saves one more copy where the custodian asked, after the kept one (at `keptAt`) is saved. */
export async function saveReportCopy(path: string, pdf: Uint8Array, keptAt: string, words: ReportWords, fs: WriterFs = nodeWriterFs): Promise<void> {
  await saveOrExplain(path, pdf, words, `The report is kept at ${keptAt}; ${words.keptUse ? `${words.keptUse}, or ` : ''}give a path you may write to for the copy.`, fs);
}

async function saveOrExplain(path: string, pdf: Uint8Array, words: ReportWords, next: string, fs: WriterFs): Promise<void> {
  await writeKioskFile(path, pdf, (at, code) => `${words.report} could not be saved to ${at} (${code}). ${words.recorded} ${next}`, { makeFolder: true, fs });
}
