import { createHash } from 'node:crypto';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { parseLogDocument, MAX_RECORDS_PER_IMPORT, MAX_PROBLEMS_LISTED } from '../core/cloudtrail-records';
import type { CoveragePoint, RootActivity } from '../core/cloudtrail-records';
import { reconcileRootActivity } from '../core/cloudtrail-reconciliation';
import type { ReconciliationOptions, ReconciliationResult } from '../core/cloudtrail-reconciliation';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { Catalog } from '../catalog/catalog';
import type { CloudTrailLogReader } from '../platform/cloudtrail-log-reader';
import type { Clock } from '../platform/clock';
import { buildCloudTrailReport } from '../print/cloudtrail-report';
import type { PaperSize } from '../print/document-inputs';
import { saveKeptReport, saveReportCopy, type ReportWords } from './kept-report';
import type { KioskSession } from './kiosk-session';
import type { MediaDesk } from './media-desk';

/** File digests listed one by one on the audit event; a larger import is pinned by the digest over all of them. */
const AUDITED_FILES = 500;

export interface ReconcileOptions {
  readonly windowHours?: number;
  readonly paper?: PaperSize;
}

export interface ReconciledFile {
  readonly path: string;
  readonly sha256: string;
  readonly records: number;
  readonly shape: string;
}

export interface CloudTrailReconciliation {
  readonly result: ReconciliationResult;
  readonly files: readonly ReconciledFile[];
  /** Files and records skipped, one sentence each (the first few hundred), and how many in all. */
  readonly problems: { readonly count: number; readonly listed: readonly string[] };
  readonly auditHead: { readonly seq: number; readonly hash: string } | null;
  readonly auditChainIntact: boolean;
  readonly accountNames: Readonly<Record<string, string>>;
  readonly report: { readonly pdf: Buffer; readonly pageCount: number; readonly fingerprint: string };
  /** The audit event that records this import. */
  readonly auditSeq: number;
  readonly reconciledAt: string;
}

/**
 * CloudTrail reconciliation as a custody job: read the logs a custodian brings (files, folders, a stick), hold
 * them against the audit trail, record the import with the digest of every file read, and make the report.
 * The window and the CLI both come here.
 */
export class CloudTrailDesk {
  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly clock: Clock,
    private readonly media: MediaDesk,
    private readonly reader: CloudTrailLogReader,
    /** The kiosk's reports folder, where a report is kept unless a path is named. */
    private readonly reportsFolder: string,
  ) {}

  /**
   * Keeps a run's report (it holds no secret) in the kiosk's reports folder, under a name that says when and which
   * audit event recorded the import, whoever asked for the run: the window and the terminal keep every report the
   * same way, as verification reports are kept. `copyTo` saves one more copy where the custodian asked.
   */
  async keepReport(run: CloudTrailReconciliation, options: { readonly copyTo?: string } = {}): Promise<{ savedTo: string; copiedTo: string | null }> {
    const savedTo = join(this.reportsFolder, `cloudtrail-${run.reconciledAt.replace(/[:.]/g, '-')}-event-${run.auditSeq}.pdf`);
    await saveKeptReport(savedTo, run.report.pdf, CLOUDTRAIL_REPORT);
    if (options.copyTo === undefined) return { savedTo, copiedTo: null };
    await saveReportCopy(options.copyTo, run.report.pdf, savedTo, CLOUDTRAIL_REPORT);
    return { savedTo, copiedTo: options.copyTo };
  }

  /** Reads the logs on an inserted stick, or in one folder of it (a path inside the stick, never outside). */
  async reconcileStick(devicePath: string, folder: string, options: ReconcileOptions = {}): Promise<CloudTrailReconciliation> {
    this.session.requireCustodian();
    const medium = await this.media.find(devicePath);
    const inside = normalize(folder.trim() === '' ? '.' : folder.trim());
    if (isAbsolute(inside) || inside === '..' || inside.startsWith(`..${sep}`)) {
      throw new StrongroomError(ErrorCode.CloudTrailFolderOutsideStick, `"${folder}" is not a folder inside the stick. Give a folder relative to the stick's top, such as AWSLogs.`);
    }
    const roots = medium.drive.partitions.flatMap((p) => p.mountpoints).map((mountpoint) => (inside === '.' ? mountpoint : join(mountpoint, inside)));
    if (roots.length === 0) {
      throw new StrongroomError(ErrorCode.MediumNotMounted, `The stick at ${devicePath} has no mounted partition to read logs from. Reinsert it and wait for it to show.`, { devicePath });
    }
    return this.reconcile(roots, options);
  }

  async reconcile(paths: readonly string[], options: ReconcileOptions = {}): Promise<CloudTrailReconciliation> {
    const custodian = this.session.requireCustodian();
    if (paths.length === 0) throw new StrongroomError(ErrorCode.CloudTrailNothingToRead, 'Name at least one CloudTrail log file or folder to read.');
    const windowHours = options.windowHours;
    if (windowHours !== undefined && (!Number.isFinite(windowHours) || windowHours <= 0 || windowHours > 24 * 14)) {
      throw new StrongroomError(ErrorCode.InvalidSetting, 'The sign-in window must be more than 0 and at most 336 hours (two weeks).');
    }

    const collected = await this.reader.collect(paths);
    const problems: string[] = collected.skipped.map((s) => `${s.path}: skipped, ${s.reason}.`);
    let problemCount = problems.length;
    const activities: RootActivity[] = [];
    const coverage: CoveragePoint[] = [];
    const files: ReconciledFile[] = [];
    let remaining = MAX_RECORDS_PER_IMPORT;
    for (const file of collected.files) {
      const parsed = parseLogDocument(file.text, file.path, remaining);
      remaining -= parsed.recordCount;
      files.push({ path: file.path, sha256: file.sha256, records: parsed.recordCount, shape: parsed.shape });
      activities.push(...parsed.activities);
      coverage.push(...parsed.coverage);
      problemCount += parsed.problemCount;
      for (const p of parsed.problems) {
        if (problems.length < MAX_PROBLEMS_LISTED) problems.push(`${p.file}${p.record === null ? '' : `, record ${p.record}`}: ${p.reason}`);
      }
      if (parsed.skippedOverCap > 0) {
        problemCount += 1;
        problems.push(`${file.path}: ${parsed.skippedOverCap} records not read, because one import reads at most ${MAX_RECORDS_PER_IMPORT} records. Read the rest in another run.`);
      }
    }
    const readable = files.filter((f) => f.shape === 'records' || f.shape === 'lookup-events');
    if (readable.length === 0) {
      throw new StrongroomError(
        ErrorCode.CloudTrailNothingRead,
        `No CloudTrail log was found in ${paths.join(', ')}.${problems.length > 0 ? ` ${problems.slice(0, 3).join(' ')}` : ''} Give the folder or stick with the .json or .json.gz files CloudTrail delivers, or the output of aws cloudtrail lookup-events.`,
      );
    }

    const chain = this.catalog.audit.verify();
    const head = this.catalog.audit.head();
    const accounts = this.catalog.accounts.list();
    const reconciliationOptions: Partial<ReconciliationOptions> = windowHours === undefined ? {} : { windowHours };
    const result = reconcileRootActivity({
      activities,
      coverage,
      audit: this.catalog.audit.all(),
      knownAccounts: accounts.map((a) => a.accountId),
      options: reconciliationOptions,
    });
    const reconciledAt = this.clock.now().toISOString();
    const auditHead = head ? { seq: head.seq, hash: head.hash } : null;
    const accountNames = Object.fromEntries(accounts.map((a) => [a.accountId, a.name]));
    // What the report prints is what the screen and the CLI show.
    const facts = { result, files, problems: { count: problemCount, listed: problems }, auditHead, auditChainIntact: chain.intact, accountNames };
    const document = await buildCloudTrailReport({ paper: options.paper ?? 'A4', custodian, reconciledAt, ...facts }, this.media.printOptions);

    const allDigests = createHash('sha256').update(files.map((f) => f.sha256).sort().join('\n')).digest('hex');
    const event = this.session.record({
      action: 'cloudtrail.reconciled',
      subject: 'cloudtrail',
      details: {
        files: files.length,
        filesDigest: allDigests,
        fileDigests: files.slice(0, AUDITED_FILES).map((f) => ({ path: f.path, sha256: f.sha256, records: f.records })),
        records: files.reduce((n, f) => n + f.records, 0),
        rootEvents: activities.length,
        skipped: problemCount,
        from: result.range?.from ?? null,
        to: result.range?.to ?? null,
        accounts: result.accounts.length,
        signIns: result.signIns.length,
        unexplained: result.findings.length,
        windowHours: result.options.windowHours,
        auditHeadSeq: auditHead?.seq ?? 0,
        reportFingerprint: document.fingerprint,
      },
    });
    return {
      ...facts,
      report: { pdf: document.pdf, pageCount: document.pageCount, fingerprint: document.fingerprint },
      auditSeq: event.seq,
      reconciledAt,
    };
  }
}

/** The reconciliation is recorded before its report is saved, so a report that cannot be saved loses nothing. */
const CLOUDTRAIL_REPORT: ReportWords = {
  report: 'The CloudTrail report',
  recorded: 'The reconciliation is recorded on the audit trail.',
  again: 'reconcile again',
};
