import { randomUUID } from 'node:crypto';
import type { ProtectedValue } from 'kdbxweb';
import { protect } from '../artefacts/strongroom-kdbx';
import { ErrorCode, StrongroomError } from '../core/errors';
import { generateRootPassword } from '../core/password-generator';
import type { Random } from '../core/random';
import { parseSeed, type Seed } from '../core/seed';
import { twoConsecutiveCodes, type ConsecutiveCodes } from '../core/totp';
import type { Clock } from '../platform/clock';
import type { EnrolmentView } from '../contract/custody-views';
import type { AccountRegister } from './account-register';
import type { CustodyWriteOptions, CustodyWriter, CustodyWriteReport } from './custody-writer';
import type { KioskSession } from './kiosk-session';

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
  readonly startedAt: string;
}

export type EnrolmentState = EnrolmentView;

export class EnrolmentDesk {
  private readonly pending = new Map<string, PendingEnrolment>();

  constructor(
    private readonly accounts: AccountRegister,
    private readonly session: KioskSession,
    private readonly writer: CustodyWriter,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  start(accountId: string): EnrolmentState {
    const custodian = this.session.requireCustodian();
    const account = this.accounts.get(accountId);
    if (account.rootCredentialStatus === 'removed-centrally') {
      throw new StrongroomError(
        ErrorCode.RootCredentialsRemoved,
        `Account ${accountId} has no root password to keep: its root credentials were removed centrally by the organization.`,
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

  /** Writes every confirmed enrolment of this custodian to the vault and seed media, then forgets them. */
  async write(options: CustodyWriteOptions): Promise<CustodyWriteReport & { readonly enrolled: readonly string[] }> {
    const custodian = this.session.requireCustodian();
    const ready = [...this.pending.values()].filter((e) => e.custodian === custodian && e.awsAccepted && (e.seed || this.usesHardwareToken(e)));
    if (ready.length === 0) {
      throw new StrongroomError(ErrorCode.EnrolmentIncomplete, 'No enrolment is ready to write: confirm that AWS accepted the two codes first.');
    }
    const report = await this.writer.write(
      {
        passwords: new Map(ready.map((e) => [e.accountId, e.password])),
        seeds: new Map(ready.flatMap((e) => (e.seed ? [[e.accountId, e.seed] as const] : []))),
      },
      options,
    );
    const at = this.clock.now().toISOString();
    this.accounts.markEnrolled(ready.map((e) => e.accountId), at);
    for (const enrolment of ready) {
      this.pending.delete(enrolment.id);
      this.session.record({
        action: 'account.enrolled',
        subject: enrolment.accountId,
        details: { vaultGeneration: report.vault.generation, seedGeneration: report.seed.generation },
      });
    }
    return { ...report, enrolled: ready.map((e) => e.accountId) };
  }

  /** Forgets everything pending (sign-out): the secrets go with it. */
  discardAll(): number {
    const count = this.pending.size;
    this.pending.clear();
    return count;
  }

  private get(enrolmentId: string): PendingEnrolment {
    const custodian = this.session.requireCustodian();
    const enrolment = this.pending.get(enrolmentId);
    if (!enrolment || enrolment.custodian !== custodian) {
      throw new StrongroomError(ErrorCode.EnrolmentNotFound, 'That enrolment is no longer open. Start the account again from the Accounts screen.');
    }
    return enrolment;
  }

  private usesHardwareToken(enrolment: PendingEnrolment): boolean {
    return this.accounts.get(enrolment.accountId).mfa.kind === 'hardware';
  }

  private state(enrolment: PendingEnrolment): EnrolmentState {
    return {
      mfa: this.accounts.get(enrolment.accountId).mfa,
      enrolmentId: enrolment.id,
      accountId: enrolment.accountId,
      accountName: this.accounts.get(enrolment.accountId).name,
      hasSeed: enrolment.seed !== null,
      seedSource: enrolment.seed?.source ?? null,
      awsAccepted: enrolment.awsAccepted,
      startedAt: enrolment.startedAt,
    };
  }
}
