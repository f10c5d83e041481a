import { randomUUID } from 'node:crypto';
import { ErrorCode, StrongroomError } from '../core/errors';
import { parseSeed, type Seed } from '../core/seed';
import { checkTypedLine, reassembleSeed, SEED_MAX_LENGTH, SEED_LINE_LENGTH, type TypedLineVerdict, type TypedSeedLine } from '../core/seed-line-check';
import { twoConsecutiveCodes, type ConsecutiveCodes } from '../core/totp';
import type { EnrolmentView } from '../contract/custody-views';
import type { Clock } from '../platform/clock';
import type { AccountRegister } from './account-register';
import type { AirGapGuard } from './air-gap-guard';
import { heldForCustodian } from './custodian-held-work';
import type { EnrolmentDesk } from './enrolment-desk';
import type { KioskSession } from './kiosk-session';
import type { RestoredSeed } from './print-documents';

interface HeldRestore {
  readonly restoreId: string;
  readonly seed: Seed;
  readonly accountId: string | null;
  readonly custodian: string;
}

const MAX_HELD_RESTORES = 8;
const MAX_LINES = SEED_MAX_LENGTH / SEED_LINE_LENGTH;
const RESTORE_GONE = {
  code: ErrorCode.PaperRestoreGone,
  sentence: 'The restored seed is no longer held: it was discarded, or wiped when the kiosk locked. Type the lines from the paper again.',
};

/**
 * Re-enrolment from paper: a seed typed back line by line from the paper seed backup, each line checked against
 * its printed check value, becomes a seed again, held in memory under a restore id until it starts an enrolment
 * (on a replacement kiosk) or is discarded. The print desk wipes the held seeds with its seed documents when the
 * session ends (`wipeAll`), so one audit event counts every secret that went.
 */
export class PaperRestoreDesk {
  private readonly restores = new Map<string, HeldRestore>();

  constructor(
    private readonly session: KioskSession,
    private readonly accounts: AccountRegister,
    private readonly enrolment: EnrolmentDesk,
    private readonly clock: Clock,
    private readonly airGap: AirGapGuard,
  ) {}

  /** Checks one typed line against its printed check value; names the line and the problem, never the seed. */
  checkPaperLine(lineNumber: number, lineCount: number, text: string, check: string): TypedLineVerdict {
    if (!Number.isInteger(lineCount) || lineCount < 1 || lineCount > MAX_LINES) {
      throw new StrongroomError(ErrorCode.PaperLineOutOfRange, `A seed has between 1 and ${MAX_LINES} lines on paper; count the lines of the account's seed again.`);
    }
    if (!Number.isInteger(lineNumber) || lineNumber < 1 || lineNumber > lineCount) {
      throw new StrongroomError(ErrorCode.PaperLineOutOfRange, `Line ${lineNumber} does not exist in a seed of ${lineCount} line${lineCount === 1 ? '' : 's'}.`);
    }
    return checkTypedLine(lineNumber, lineCount, text, check);
  }

  /**
   * Rebuilds a seed from its typed paper lines (every line checked) and holds it in memory under a restore id.
   * The current and next codes let the custodian sign in to AWS and confirm the paper was read right.
   */
  restoreSeed(lines: readonly TypedSeedLine[], accountId?: string): RestoredSeed {
    const custodian = this.session.requireCustodian();
    this.airGap.requireIsolation('restore a seed from paper');
    const account = accountId ? this.accounts.get(accountId) : null;
    let seed: Seed;
    try {
      seed = parseSeed(reassembleSeed(lines));
    } catch (error) {
      const code = error instanceof StrongroomError ? error.code : 'UNEXPECTED';
      const wrong = error instanceof StrongroomError ? error.details['lines'] : undefined;
      this.session.record({
        action: 'paper.seed-restore-failed',
        subject: account?.accountId ?? 'account not named',
        details: { error: code, lineCount: lines.length, ...(wrong !== undefined ? { wrongLines: wrong } : {}) },
      });
      throw error;
    }
    const restoreId = randomUUID();
    this.restores.set(restoreId, { restoreId, seed, accountId: account?.accountId ?? null, custodian });
    while (this.restores.size > MAX_HELD_RESTORES) this.restores.delete(this.restores.keys().next().value!);
    this.session.record({
      action: 'paper.seed-restored',
      subject: account?.accountId ?? 'account not named',
      details: { restore: restoreId, lineCount: lines.length },
    });
    return { restoreId, accountId: account?.accountId ?? null, accountName: account?.name ?? null, codes: twoConsecutiveCodes(seed, this.clock.now()) };
  }

  restoredCodes(restoreId: string): ConsecutiveCodes {
    return twoConsecutiveCodes(this.getRestore(restoreId).seed, this.clock.now());
  }

  /**
   * An enrolment for the account with a newly generated root password and the restored seed already set, which
   * the custodian finishes on the Accounts screen and writes to new media.
   */
  restoreToEnrolment(restoreId: string, accountId: string): { enrolment: EnrolmentView; codes: ConsecutiveCodes } {
    const restore = this.getRestore(restoreId);
    if (restore.accountId !== null && restore.accountId !== accountId) {
      throw new StrongroomError(
        ErrorCode.RestoreAccountMismatch,
        `This seed was restored for account ${restore.accountId}, not ${accountId}. Start the re-enrolment for ${restore.accountId}, or restore the seed again naming ${accountId}.`,
      );
    }
    const account = this.accounts.get(accountId);
    if (account.enrolledAt) {
      // Its seed is in the seed store already; a new password (or a new seed from AWS) comes by rotation.
      throw new StrongroomError(
        ErrorCode.AccountAlreadyEnrolled,
        `${account.name} (${accountId}) is enrolled on this kiosk, so its seed is already in the seed store and nothing is replaced from paper. To give it a new password or MFA seed, rotate it on the Accounts screen. A seed restored from paper re-enrols accounts this kiosk has not enrolled (a replacement kiosk).`,
        { accountId },
      );
    }
    const started = this.enrolment.start(accountId);
    const { state, codes } = this.enrolment.setSeed(started.enrolmentId, restore.seed.base32);
    // The enrolment holds the seed now; one copy in memory is enough.
    this.restores.delete(restoreId);
    this.session.record({ action: 'paper.re-enrolment-started', subject: accountId, details: { restore: restoreId, enrolment: started.enrolmentId } });
    return { enrolment: state, codes };
  }

  discardRestore(restoreId: string): void {
    this.getRestore(restoreId);
    this.restores.delete(restoreId);
  }

  get heldCount(): number {
    return this.restores.size;
  }

  /** Forgets every restored seed (the session ended); returns how many there were. */
  wipeAll(): number {
    const count = this.restores.size;
    this.restores.clear();
    return count;
  }

  private getRestore(restoreId: string): HeldRestore {
    return heldForCustodian(this.restores, restoreId, this.session.requireCustodian(), (r) => r.custodian, RESTORE_GONE);
  }
}
