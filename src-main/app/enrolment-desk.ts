import type { MediumRole } from '../core/custody-vocabulary';
import { randomUUID } from 'node:crypto';
import type { ProtectedValue } from 'kdbxweb';
import { protect } from '../artefacts/strongroom-kdbx';
import { credentialsRetired } from '../core/account';
import { ErrorCode, StrongroomError } from '../core/errors';
import { ROLE_ARTEFACT } from '../core/medium-manifest';
import { generateRootPassword } from '../core/password-generator';
import type { Random } from '../core/random';
import { parseSeed, type Seed } from '../core/seed';
import { twoConsecutiveCodes, type ConsecutiveCodes } from '../core/totp';
import { enrolledAccounts, type PublishedGeneration } from '../core/write-job';
import type { Catalog } from '../catalog/catalog';
import type { Clock } from '../platform/clock';
import type { EnrolmentView } from '../contract/custody-views';
import { hardwareMfaWords, mfaView } from './account-mfa';
import type { AirGapGuard } from './air-gap-guard';
import type { AccountRegister } from './account-register';
import type { CustodyWriteOptions, CustodyWriter, CustodyWriteReport } from './custody-writer';
import { heldForCustodian } from './custodian-held-work';
import { requireRepeatedFirstPassphrases, type EnteredMasterKeys } from './first-passphrase-repeat';
import type { KioskSession, PendingWorkItem } from './kiosk-session';
import type { WriteJobReport, WriteJobs } from './write-jobs';

/** One row of a bulk provisioning file: an account and the MFA seed it already has on AWS. */
export interface ProvisionRow {
  readonly line: number;
  readonly accountId: string;
  readonly seed: Seed;
}

export interface ProvisionRowOutcome {
  readonly line: number;
  readonly accountId: string;
  readonly outcome: 'provisioned' | 'pending' | 'already-enrolled' | 'seed-differs' | 'skipped-retired' | 'skipped-hardware' | 'not-written';
  readonly sentence: string;
}

/**
 * An enrolment in progress: a generated root password the custodian is setting on AWS, then the MFA secret AWS
 * showed, then the two codes AWS asked for. It lives only in this process's memory until it is written to the
 * media; nothing of it reaches the kiosk's disk.
 */
interface PendingEnrolment {
  readonly id: string;
  readonly accountId: string;
  readonly custodian: string;
  readonly password: ProtectedValue;
  seed: Seed | null;
  awsAccepted: boolean;
  /** The password was shown, so it may already be set on AWS: losing it now means a root password reset. */
  passwordRevealed: boolean;
  /** The write job that took it, while that job is still pending. */
  writtenBy: string | null;
  readonly startedAt: string;
}

export type EnrolmentState = EnrolmentView;

const ENROLMENT_GONE = { code: ErrorCode.EnrolmentNotFound, sentence: 'That enrolment is no longer open. Start the account again from the Accounts screen.' };

export class EnrolmentDesk {
  private readonly pending = new Map<string, PendingEnrolment>();

  constructor(
    private readonly catalog: Catalog,
    private readonly accounts: AccountRegister,
    private readonly session: KioskSession,
    private readonly writer: CustodyWriter,
    private readonly clock: Clock,
    private readonly random: Random,
    jobs: WriteJobs,
    private readonly airGap: AirGapGuard,
  ) {
    // A pending write retried later may be what finally puts an enrolment on a stick of each role.
    jobs.onSettled((report) => this.settle(report));
    session.registerPendingWork((custodian) => this.pendingWork(custodian));
  }

  start(accountId: string): EnrolmentState {
    const custodian = this.session.requireCustodian();
    // The new root password is a secret from its first showing: not on a networked machine (window and CLI alike).
    this.airGap.requireIsolation('enrol an account (shows a new root password)');
    const account = this.accounts.get(accountId);
    if (account.rootCredentialStatus === 'removed-centrally' || credentialsRetired(account.lifecycle)) {
      throw new StrongroomError(
        account.lifecycle === 'closed' ? ErrorCode.AccountRetired : ErrorCode.RootCredentialsRemoved,
        account.lifecycle === 'closed'
          ? `Account ${accountId} is closed, so there is no root password to keep. Mark it active again first if that was a mistake.`
          : `Account ${accountId} has no root password to keep: its root credentials were removed centrally by the organization.`,
        { accountId },
      );
    }
    if (account.enrolledAt) {
      // A second enrolment would replace a live credential; that is a rotation, with its own two phases.
      throw new StrongroomError(
        ErrorCode.AccountAlreadyEnrolled,
        `Account ${accountId} is already enrolled. To give it a new password or MFA seed, rotate it (Accounts screen: Rotate…, or strongroom rotate start).`,
        { accountId },
      );
    }
    // One enrolment per account at a time: two generated passwords for one account would leave doubt which is set.
    for (const existing of this.pending.values()) if (existing.accountId === accountId) this.pending.delete(existing.id);
    const enrolment: PendingEnrolment = {
      id: randomUUID(),
      accountId,
      custodian,
      password: protect(generateRootPassword(this.random)),
      seed: null,
      awsAccepted: false,
      passwordRevealed: false,
      writtenBy: null,
      startedAt: this.clock.now().toISOString(),
    };
    this.pending.set(enrolment.id, enrolment);
    this.session.record({ action: 'enrolment.started', subject: accountId, details: { enrolment: enrolment.id } });
    return this.state(enrolment);
  }

  list(): EnrolmentState[] {
    const custodian = this.session.requireCustodian();
    return [...this.pending.values()].filter((e) => e.custodian === custodian).map((e) => this.state(e));
  }

  /** The generated password, for the custodian to type or paste into AWS; each reveal is recorded. */
  revealPassword(enrolmentId: string): string {
    const enrolment = this.get(enrolmentId);
    enrolment.passwordRevealed = true;
    this.session.record({ action: 'enrolment.password-revealed', subject: enrolment.accountId, details: { enrolment: enrolmentId } });
    return enrolment.password.getText();
  }

  setSeed(enrolmentId: string, secret: string): { state: EnrolmentState; codes: ConsecutiveCodes } {
    const enrolment = this.get(enrolmentId);
    enrolment.seed = parseSeed(secret);
    enrolment.awsAccepted = false;
    this.session.record({ action: 'enrolment.seed-recorded', subject: enrolment.accountId, details: { source: enrolment.seed.source } });
    return { state: this.state(enrolment), codes: twoConsecutiveCodes(enrolment.seed, this.clock.now()) };
  }

  codes(enrolmentId: string): ConsecutiveCodes {
    const enrolment = this.get(enrolmentId);
    if (!enrolment.seed) throw new StrongroomError(ErrorCode.EnrolmentIncomplete, 'Paste the MFA secret AWS showed first.');
    return twoConsecutiveCodes(enrolment.seed, this.clock.now());
  }

  /**
   * Virtual MFA: AWS accepted the two codes. Hardware token: the password is set on AWS and the token is in the
   * safe, so there is no seed to keep.
   */
  confirmAwsAccepted(enrolmentId: string): EnrolmentState {
    const enrolment = this.get(enrolmentId);
    if (!enrolment.seed && !this.usesHardwareToken(enrolment)) {
      throw new StrongroomError(ErrorCode.EnrolmentIncomplete, 'Paste the MFA secret AWS showed first.');
    }
    enrolment.awsAccepted = true;
    this.session.record({ action: 'enrolment.aws-accepted', subject: enrolment.accountId, details: {} });
    return this.state(enrolment);
  }

  cancel(enrolmentId: string): void {
    const enrolment = this.get(enrolmentId);
    this.pending.delete(enrolmentId);
    this.session.record({ action: 'enrolment.cancelled', subject: enrolment.accountId, details: {} });
  }

  /**
   * The write a custodian asks for, in the window or on the command line: a first generation's new passphrase
   * must come typed twice and the same (checked here, so no caller of the channel can skip it), then `write`.
   */
  async writeAsEntered(entered: CustodyWriteOptions & EnteredMasterKeys): Promise<CustodyWriteReport & { readonly enrolled: readonly string[] }> {
    this.session.requireCustodian();
    requireRepeatedFirstPassphrases(this.catalog, entered);
    const { vaultPassphraseAgain: _vaultAgain, seedPassphraseAgain: _seedAgain, ...options } = entered;
    return this.write(options);
  }

  /**
   * Writes every confirmed enrolment of this custodian to the vault and seed media as one write job. An enrolment
   * is forgotten only once its account counts as enrolled (on a vault stick and a seed stick); until then it
   * stays, for a retry of a pending write or another write.
   */
  async write(options: CustodyWriteOptions): Promise<CustodyWriteReport & { readonly enrolled: readonly string[] }> {
    const custodian = this.session.requireCustodian();
    const ready = [...this.pending.values()].filter((e) => e.custodian === custodian && e.awsAccepted && (e.seed || this.usesHardwareToken(e)));
    if (ready.length === 0) {
      throw new StrongroomError(ErrorCode.EnrolmentIncomplete, 'No enrolment is ready to write: confirm that AWS accepted the two codes first.');
    }
    const report = await this.writer.write(
      {
        vault: { add: new Map(ready.map((e) => [e.accountId, e.password])) },
        seed: { add: new Map(ready.flatMap((e) => (e.seed ? [[e.accountId, e.seed] as const] : []))) },
      },
      { ...options, purpose: 'enrolment' },
    );
    // The job's settle listener has already marked what this write enrolled; what is left waits for a retry.
    if (report.job.jobId) this.settle(report.job);
    for (const e of ready) if (this.pending.has(e.id) && report.job.status === 'pending') e.writtenBy = report.job.jobId;
    const enrolled = ready.map((e) => e.accountId).filter((id) => this.accounts.get(id).enrolledAt !== null);
    return { ...report, enrolled };
  }

  /**
   * An enrolment written by a process that has stopped since (restarted, killed mid-write) is no longer in memory,
   * yet only AWS-accepted enrolments are ever written: its account counts as enrolled once its password and seed are
   * committed on a stick of each role (a job settled on the next start, or retried there).
   */
  private settleWrittenElsewhere(report: WriteJobReport, open: readonly { readonly accountId: string }[], published: readonly PublishedGeneration[]): void {
    const candidates = this.catalog.accounts
      .list()
      .filter((a) => a.enrolledAt === null && !open.some((e) => e.accountId === a.accountId))
      .map((a) => ({ accountId: a.accountId, hardwareMfa: false }));
    const done = enrolledAccounts(candidates, published);
    if (done.length === 0) return;
    this.accounts.markEnrolled(done, this.clock.now().toISOString());
    for (const accountId of done) this.session.recordAs(this.session.status().custodian ?? report.startedBy, { action: 'account.enrolled', subject: accountId, details: { ...(report.jobId ? { job: report.jobId } : {}), writtenBy: report.startedBy } });
  }

  /**
   * Marks as enrolled every pending enrolment whose account now has its password committed on a vault stick and
   * its seed on a seed stick, and forgets those enrolments (their secrets go with them).
   */
  private settle(report: WriteJobReport): string[] {
    const open = [...this.pending.values()];
    const published = [
      ...this.catalog.generations.published(ROLE_ARTEFACT.vault).map((g) => ({ role: 'vault' as const, accountIds: g.accountIds ?? [] })),
      ...this.catalog.generations.published(ROLE_ARTEFACT.seed).map((g) => ({ role: 'seed' as const, accountIds: g.accountIds ?? [] })),
    ];
    this.settleWrittenElsewhere(report, open, published);
    if (open.length === 0) return [];
    const candidates = open.filter((e) => e.awsAccepted).map((e) => ({ accountId: e.accountId, hardwareMfa: this.usesHardwareToken(e) }));
    const done = new Set(enrolledAccounts(candidates, published));
    if (done.size === 0) return [];
    const at = this.clock.now().toISOString();
    this.accounts.markEnrolled([...done], at);
    const generation = (role: MediumRole) => report.generations.find((g) => g.role === role)?.generation ?? this.catalog.generations.newestPublished(ROLE_ARTEFACT[role]);
    for (const enrolment of open.filter((e) => done.has(e.accountId))) {
      this.pending.delete(enrolment.id);
      this.session.recordAs(enrolment.custodian, {
        action: 'account.enrolled',
        subject: enrolment.accountId,
        details: { vaultGeneration: generation('vault'), seedGeneration: generation('seed'), ...(report.jobId ? { job: report.jobId } : {}) },
      });
    }
    return [...done];
  }

  /**
   * Bulk custody from a file of accounts with their seeds: every account not yet enrolled gets a generated root
   * password and its seed, in one write job. An enrolled account is never changed (its password and seed stay
   * as they are; a different seed in the file is reported), and closed or centrally removed accounts are skipped.
   */
  async provision(rows: readonly ProvisionRow[], options: CustodyWriteOptions): Promise<{ job: CustodyWriteReport['job'] | null; rows: ProvisionRowOutcome[] }> {
    this.session.requireCustodian();
    const outcomes: ProvisionRowOutcome[] = [];
    const passwords = new Map<string, ProtectedValue>();
    const seeds = new Map<string, Seed>();
    const newRows: ProvisionRow[] = [];
    const enrolledRows: ProvisionRow[] = [];
    for (const row of rows) {
      const account = this.accounts.get(row.accountId);
      if (credentialsRetired(account.lifecycle)) {
        outcomes.push({ line: row.line, accountId: row.accountId, outcome: 'skipped-retired', sentence: `Line ${row.line}: account ${row.accountId} is ${account.lifecycle === 'closed' ? 'closed' : 'centrally removed'}; provisioning skips it.` });
      } else if (account.mfa.kind === 'hardware') {
        outcomes.push({ line: row.line, accountId: row.accountId, outcome: 'skipped-hardware', sentence: `Line ${row.line}: account ${row.accountId} uses hardware MFA (${hardwareMfaWords(this.catalog, row.accountId)}), so no seed is kept; enrol it with strongroom enrol.` });
      } else if (account.enrolledAt) {
        enrolledRows.push(row);
        seeds.set(row.accountId, row.seed);
      } else {
        newRows.push(row);
        passwords.set(row.accountId, protect(generateRootPassword(this.random)));
        seeds.set(row.accountId, row.seed);
      }
    }
    if (newRows.length === 0 && enrolledRows.length === 0) return { job: null, rows: outcomes };
    const report = await this.writer.write({ vault: { add: passwords }, seed: { add: seeds } }, { ...options, purpose: 'provision', keepExisting: true });
    for (const row of enrolledRows) {
      const seedOutcome = report.outcomes.find((o) => o.accountId === row.accountId && o.role === 'seed');
      outcomes.push(
        seedOutcome?.outcome === 'kept-existing'
          ? { line: row.line, accountId: row.accountId, outcome: 'seed-differs', sentence: `Line ${row.line}: account ${row.accountId} already enrolled; the seed in the file differs from the one kept, which was left unchanged. To change its seed, rotate it.` }
          : { line: row.line, accountId: row.accountId, outcome: 'already-enrolled', sentence: `Line ${row.line}: account ${row.accountId} already enrolled; its password and seed are unchanged.` },
      );
    }
    const published = [
      ...this.catalog.generations.published(ROLE_ARTEFACT.vault).map((g) => ({ role: 'vault' as const, accountIds: g.accountIds ?? [] })),
      ...this.catalog.generations.published(ROLE_ARTEFACT.seed).map((g) => ({ role: 'seed' as const, accountIds: g.accountIds ?? [] })),
    ];
    const done = new Set(enrolledAccounts(newRows.map((r) => ({ accountId: r.accountId, hardwareMfa: false })), published));
    this.accounts.markEnrolled([...done], this.clock.now().toISOString());
    for (const row of newRows) {
      const written = report.job.status !== 'refused' && report.job.status !== 'failed';
      outcomes.push(
        done.has(row.accountId)
          ? { line: row.line, accountId: row.accountId, outcome: 'provisioned', sentence: `Line ${row.line}: account ${row.accountId} provisioned with a new root password.` }
          : written
            ? { line: row.line, accountId: row.accountId, outcome: 'pending', sentence: `Line ${row.line}: account ${row.accountId} is not yet on a stick of each role: retry the pending write.` }
            : { line: row.line, accountId: row.accountId, outcome: 'not-written', sentence: `Line ${row.line}: account ${row.accountId} was not written (the write was refused).` },
      );
    }
    outcomes.sort((a, b) => a.line - b.line);
    this.session.record({
      action: 'accounts.provisioned',
      subject: report.job.jobId ?? 'nothing written',
      details: {
        provisioned: outcomes.filter((o) => o.outcome === 'provisioned').length,
        alreadyEnrolled: outcomes.filter((o) => o.outcome === 'already-enrolled' || o.outcome === 'seed-differs').length,
        seedDiffers: outcomes.filter((o) => o.outcome === 'seed-differs').map((o) => o.accountId).join(', '),
        skipped: outcomes.filter((o) => o.outcome.startsWith('skipped')).length,
        outcome: report.job.status,
      },
    });
    return { job: report.job, rows: outcomes };
  }

  /** What signing out would lose: every enrolment of the custodian, the password of each maybe already set on AWS. */
  private pendingWork(custodian: string): PendingWorkItem[] {
    return [...this.pending.values()]
      .filter((e) => e.custodian === custodian)
      .map((e) => ({
        kind: 'enrolment',
        accountId: e.accountId,
        sentence: `The enrolment of ${this.accounts.get(e.accountId).name} (${e.accountId})${e.passwordRevealed ? ': its new root password was shown and may already be set on AWS; if it is lost, the root password must be reset through the root email' : ''}${e.writtenBy ? ` (written by the pending write ${e.writtenBy}, not yet on a stick of each role)` : ''}.`,
      }));
  }

  /** Forgets a custodian's enrolments (a confirmed sign-out): the secrets go with them. */
  discardOf(custodian: string): number {
    const mine = [...this.pending.values()].filter((e) => e.custodian === custodian);
    for (const e of mine) this.pending.delete(e.id);
    return mine.length;
  }

  private get(enrolmentId: string): PendingEnrolment {
    return heldForCustodian(this.pending, enrolmentId, this.session.requireCustodian(), (e) => e.custodian, ENROLMENT_GONE);
  }

  private usesHardwareToken(enrolment: PendingEnrolment): boolean {
    return this.accounts.get(enrolment.accountId).mfa.kind === 'hardware';
  }

  private state(enrolment: PendingEnrolment): EnrolmentState {
    return {
      mfa: mfaView(this.catalog, this.accounts.get(enrolment.accountId)),
      enrolmentId: enrolment.id,
      accountId: enrolment.accountId,
      accountName: this.accounts.get(enrolment.accountId).name,
      hasSeed: enrolment.seed !== null,
      seedSource: enrolment.seed?.source ?? null,
      awsAccepted: enrolment.awsAccepted,
      startedAt: enrolment.startedAt,
      pendingWrite: enrolment.writtenBy,
    };
  }
}
