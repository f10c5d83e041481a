import { isStrongroomError, ErrorCode } from '../core/errors';
import type { PartitionRef } from '../core/separation-policy';
import type { StickRoot } from './stick-files';

/**
 * The bounds of the medium scanner's walk of one partition (platform/medium-scanner): a partition that holds more
 * than the budget allows is reported as not checked, never passed as clean.
 */

export const DEFAULT_SCAN_BUDGET = {
  /** Files, folders and other entries looked at per partition. */
  entries: 20_000,
  /** Bytes read per partition (KeePass files are read whole to hash them). */
  bytes: 512 * 1024 * 1024,
  /** Wall-clock time per partition. */
  millis: 30_000,
} as const;

/** Thrown when a partition's walk runs out of budget; the scan catches it and reports the partition not checked. */
export class BudgetExceeded extends Error {
  constructor(readonly why: string) {
    super(why);
  }
}

/** One partition being walked, counting what the walk costs against the budget. */
export class PartitionWalk {
  private entries = 0;
  private bytes = 0;
  private readonly started: number;

  constructor(
    readonly root: StickRoot,
    readonly ref: PartitionRef,
    private readonly budget: { entries: number; bytes: number; millis: number },
    private readonly now: () => number,
  ) {
    this.started = now();
  }

  countEntry(): void {
    this.entries += 1;
    if (this.entries > this.budget.entries) throw new BudgetExceeded(`it holds more than ${this.budget.entries} files and folders`);
    if (this.now() - this.started > this.budget.millis) {
      throw new BudgetExceeded(`searching it took longer than ${Math.round(this.budget.millis / 1000)} seconds`);
    }
  }

  countBytes(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > this.budget.bytes) throw new BudgetExceeded(`it holds more than ${Math.round(this.budget.bytes / (1024 * 1024))} MiB of files to read`);
  }
}

/** A short phrase for a failed read, for a finding's detail. */
export function shortProblem(error: unknown): string {
  if (isStrongroomError(error)) {
    switch (error.code) {
      case ErrorCode.MediumFileMissing:
        return 'it disappeared while being read';
      case ErrorCode.MediumLinkRefused:
        return 'it turned into a link while being read';
      case ErrorCode.MediumFileElsewhere:
        return 'it is on another filesystem';
      case ErrorCode.MediumFileNotRegular:
        return 'it is not an ordinary file';
      case ErrorCode.MediumFileTooLarge:
        return 'it is larger than anything Strongroom writes';
      case ErrorCode.MediumNotMounted:
        return 'not a folder';
      default:
        return /permission denied/.test(error.message) ? 'permission denied' : 'read error: the stick may be failing or was pulled out';
    }
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ? `error ${code}` : 'unknown error';
}
