import { randomUUID } from 'node:crypto';
import type { ProtectedValue } from 'kdbxweb';
import { protect } from '../artefacts/strongroom-kdbx';
import { credentialsRetired } from '../core/account';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { MediumRole } from '../core/medium-manifest';
import { generateRootPassword } from '../core/password-generator';
import type { Random } from '../core/random';
import { parseSeed, type Seed } from '../core/seed';
import { twoConsecutiveCodes, type ConsecutiveCodes } from '../core/totp';
import type { Catalog } from '../catalog/catalog';
import type { RotationRecord, RotationWhat } from '../catalog/rotation-store';
import type { Clock } from '../platform/clock';
import type { CredentialExposures } from './credential-exposures';
import { hardwareMfaWords } from './account-mfa';
import type { CustodyUpdate, CustodyWriteReport, CustodyWriter } from './custody-writer';
import type { KioskSession, PendingWorkItem } from './kiosk-session';
import type { MasterKeyInput } from './master-keys';
import type { WriteJobReport, WriteJobs } from './write-jobs';

export interface RotationMedia {
  readonly vaultPassphrase?: MasterKeyInput;
  readonly seedPassphrase?: MasterKeyInput;
  readonly vaultMedia?: readonly string[];
  readonly seedMedia?: readonly string[];
}

export interface RotationStartRequest extends RotationMedia {
  readonly accountId: string;
  readonly what: RotationWhat;
  readonly reason: string;
  /** For a seed rotation: the secret AWS shows for the new MFA device (base32, otpauth URI or Base32StringSeed). */
  readonly newSeed?: string;
}

export interface RotationView {
  readonly rotationId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly what: RotationWhat;
  readonly reason: string;
  /** 'starting': the new credential is not yet on a stick of each role; 'pending': it is, waiting for AWS. */
  readonly status: RotationRecord['status'];
  readonly startedAt: string;
  readonly startedBy: string;
  /** The new credential is still held in this kiosk's memory, so it can be shown again (password, codes). */
  readonly held: boolean;
}

export interface RotationOutcome extends CustodyWriteReport {
  readonly rotation: RotationView;
}

interface HeldRotation {
  readonly custodian: string;
  readonly password: ProtectedValue | null;
  readonly seed: Seed | null;
}

const ROLES_OF: Readonly<Record<RotationWhat, readonly MediumRole[]>> = { password: ['vault'], seed: ['seed'], both: ['vault', 'seed'] };
const NOTE = /^rotation ([0-9a-f-]{36}) (start|confirm|cancel)$/;

/**
 * Replacing a live credential on purpose, in two phases, so that no moment exists where the only copy of the
 * credential AWS accepts is in someone's head or in this process:
 *   start   — the new password (generated) or seed (from AWS) is written to the sticks as pending, beside the
 *             current one; only then is it shown, to be set on AWS (for a seed, the two codes to type there);
 *   confirm — once AWS accepted it, the pending credential becomes current and the replaced one moves into the
 *             KDBX entry's own history;
 *   cancel  — the pending one is dropped from use (kept in the entry's history, in case it reached AWS after all).
 * Break-glass during a pending rotation shows both.
 */
export class RotationDesk {
  /** New credentials kept in memory while their rotation is open, so the screen can show them again. */
  private readonly held = new Map<string, HeldRotation>();

  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly writer: CustodyWriter,
    private readonly clock: Clock,
    private readonly random: Random,
    jobs: WriteJobs,
    private readonly exposures: CredentialExposures,
  ) {
    jobs.onSettled((report) => this.settle(report));
    session.registerPendingWork((custodian) => this.pendingWork(custodian));
    session.onEnd((how, custodian) => {
      if (how === 'signed-out') for (const [id, held] of this.held) if (held.custodian === custodian) this.held.delete(id);
    });
  }

  list(): RotationView[] {
    this.session.requireCustodian();
    return this.catalog.rotations.allOpen().map((r) => this.view(r));
  }

  /** The rotation open for an account (what it changes tells a caller which passphrases to ask for). */
  openFor(accountId: string): RotationView {
    this.session.requireCustodian();
    return this.view(this.openRecord(accountId));
  }

  private openRecord(accountId: string): RotationRecord {
    const record = this.catalog.rotations.open(accountId);
    if (!record) throw new StrongroomError(ErrorCode.RotationNotFound, `No rotation is open for account ${accountId}.`, { accountId });
    return record;
  }

  async start(request: RotationStartRequest): Promise<RotationOutcome & { readonly password: string | null; readonly codes: ConsecutiveCodes | null }> {
    const custodian = this.session.requireCustodian();
    const account = this.catalog.accounts.get(request.accountId);
    if (!account) throw new StrongroomError(ErrorCode.AccountNotFound, `Account ${request.accountId} is not in the catalog.`, { accountId: request.accountId });
    if (credentialsRetired(account.lifecycle)) {
      throw new StrongroomError(ErrorCode.AccountRetired, `Account ${account.accountId} is ${account.lifecycle === 'closed' ? 'closed' : 'centrally removed'}: its credentials are retired, not rotated.`, { accountId: account.accountId });
    }
    if (!account.enrolledAt) {
      throw new StrongroomError(ErrorCode.AccountNotInArtefact, `Account ${account.accountId} is not enrolled yet, so there is nothing to rotate. Enrol it instead.`, { accountId: account.accountId });
    }
    if (request.what !== 'password' && account.mfa.kind === 'hardware') {
      throw new StrongroomError(ErrorCode.RotationNotApplicable, `Account ${account.accountId} uses hardware MFA (${hardwareMfaWords(this.catalog, account.accountId)}); there is no MFA seed to rotate. Rotate its password only.`, { accountId: account.accountId });
    }
    const open = this.catalog.rotations.open(account.accountId);
    if (open) {
      throw new StrongroomError(ErrorCode.RotationPending, `A ${open.what} rotation of ${account.name} (${account.accountId}) is open since ${open.startedAt.slice(0, 10)}. Confirm it once AWS accepted the new credential, or cancel it, first.`, {
        accountId: account.accountId,
      });
    }
    const reason = request.reason.trim();
    if (reason.length < 10) throw new StrongroomError(ErrorCode.ReasonTooShort, 'Say why the credential is rotated (at least a short sentence); it goes on the audit trail and into the KeePass entry.');
    const seed = request.what === 'password' ? null : request.newSeed ? parseSeed(request.newSeed) : null;
    if (request.what !== 'password' && !seed) throw new StrongroomError(ErrorCode.EnrolmentIncomplete, 'Paste the secret AWS shows for the new MFA device first.');
    const password = request.what === 'seed' ? null : protect(generateRootPassword(this.random));

    const rotationId = randomUUID();
    const startedAt = this.clock.now().toISOString();
    this.catalog.rotations.insert({ rotationId, accountId: account.accountId, what: request.what, reason, status: 'starting', startedBy: custodian, startedAt });
    this.held.set(rotationId, { custodian, password, seed });
    const update: CustodyUpdate = {
      ...(password ? { vault: { startRotation: new Map([[account.accountId, { value: password, reason }]]) } } : {}),
      ...(seed ? { seed: { startRotation: new Map([[account.accountId, { value: seed, reason }]]) } } : {}),
    };
    let report: CustodyWriteReport;
    try {
      report = await this.writer.write(update, { ...this.media(request), roles: ROLES_OF[request.what], purpose: 'rotation-start', note: `rotation ${rotationId} start` });
    } catch (error) {
      this.forget(rotationId);
      throw error;
    }
    if (report.job.status === 'refused' || report.job.status === 'failed' || report.job.status === 'nothing-to-write') this.forget(rotationId);
    this.session.record({
      action: 'rotation.started',
      subject: account.accountId,
      details: { rotation: rotationId, what: request.what, reason, job: report.job.jobId ?? 'none', outcome: report.job.status },
    });
    const record = this.catalog.rotations.open(account.accountId);
    const onSticks = record?.status === 'pending';
    if (onSticks && password) this.session.record({ action: 'rotation.password-shown', subject: account.accountId, details: { rotation: rotationId } });
    return {
      ...report,
      rotation: record ? this.view(record) : this.closedView(rotationId, account.accountId, request.what, reason, startedAt, custodian),
      // Shown only once the new credential is on a stick of each role it belongs to.
      password: onSticks && password ? password.getText() : null,
      codes: onSticks && seed ? twoConsecutiveCodes(seed, this.clock.now()) : null,
    };
  }

  /** The new password again, while it is held in memory (each showing recorded). */
  revealPassword(accountId: string): string {
    const { record, held } = this.requireHeld(accountId);
    if (!held.password) throw new StrongroomError(ErrorCode.RotationNotApplicable, 'This rotation does not change the password.');
    this.session.record({ action: 'rotation.password-shown', subject: accountId, details: { rotation: record.rotationId } });
    return held.password.getText();
  }

  /** The two consecutive codes of the new seed, for the custodian to type into AWS. */
  codes(accountId: string): ConsecutiveCodes {
    const { held } = this.requireHeld(accountId);
    if (!held.seed) throw new StrongroomError(ErrorCode.RotationNotApplicable, 'This rotation does not change the MFA seed.');
    return twoConsecutiveCodes(held.seed, this.clock.now());
  }

  /** AWS accepted the new credential: it becomes current, the old one goes into the entry's history. */
  async confirm(accountId: string, media: RotationMedia): Promise<RotationOutcome> {
    return this.finish(accountId, media, 'confirm');
  }

  /** The new credential is dropped from use; the current one stays. */
  async cancel(accountId: string, media: RotationMedia): Promise<RotationOutcome> {
    return this.finish(accountId, media, 'cancel');
  }

  private async finish(accountId: string, media: RotationMedia, phase: 'confirm' | 'cancel'): Promise<RotationOutcome> {
    this.session.requireCustodian();
    const record = this.openRecord(accountId);
    if (record.status === 'starting' && phase === 'confirm') {
      throw new StrongroomError(
        ErrorCode.WriteIncomplete,
        `The new credential of ${accountId} is not yet on a stick of each role it belongs to, so it cannot be confirmed. Retry the pending write first.`,
        { accountId },
      );
    }
    const ids = new Set([accountId]);
    const roles = ROLES_OF[record.what];
    const update: CustodyUpdate = phase === 'confirm'
      ? { ...(roles.includes('vault') ? { vault: { confirmRotation: ids } } : {}), ...(roles.includes('seed') ? { seed: { confirmRotation: ids } } : {}) }
      : { ...(roles.includes('vault') ? { vault: { cancelRotation: ids } } : {}), ...(roles.includes('seed') ? { seed: { cancelRotation: ids } } : {}) };
    const report = await this.writer.write(update, { ...this.media(media), roles, purpose: phase === 'confirm' ? 'rotation-confirm' : 'rotation-cancel', note: `rotation ${record.rotationId} ${phase}` });
    if (report.job.status === 'nothing-to-write') {
      // Nothing pending is left in any artefact (an earlier write of this phase already went through).
      this.markFinished(record, phase);
    }
    this.session.record({ action: phase === 'confirm' ? 'rotation.confirm-written' : 'rotation.cancel-written', subject: accountId, details: { rotation: record.rotationId, job: report.job.jobId ?? 'none', outcome: report.job.status } });
    const after = this.catalog.rotations.open(accountId);
    return { ...report, rotation: this.view(after ?? { ...record, status: phase === 'confirm' ? 'confirmed' : 'cancelled' }) };
  }

  /** Moves a rotation on once its write reached at least one stick of every role it changes. */
  private settle(report: WriteJobReport): void {
    const match = NOTE.exec(report.note);
    if (!match || !report.jobId) return;
    const [, rotationId, phase] = match;
    const record = this.catalog.rotations.allOpen().find((r) => r.rotationId === rotationId);
    if (!record) return;
    const committedRoles = new Set(report.sticks.filter((s) => s.state === 'committed').map((s) => s.role));
    const rolesWritten = new Set(report.generations.map((g) => g.role));
    const everyRole = [...rolesWritten].every((role) => committedRoles.has(role));
    if (phase === 'start') {
      if (everyRole && record.status === 'starting') this.catalog.rotations.setStatus(record.rotationId, 'pending', null, null);
      else if (report.status === 'closed' && committedRoles.size === 0) this.forget(record.rotationId);
      return;
    }
    if (everyRole) this.markFinished(record, phase as 'confirm' | 'cancel');
  }

  private markFinished(record: RotationRecord, phase: 'confirm' | 'cancel'): void {
    const by = this.session.requireCustodian();
    this.catalog.rotations.setStatus(record.rotationId, phase === 'confirm' ? 'confirmed' : 'cancelled', by, this.clock.now().toISOString());
    this.held.delete(record.rotationId);
    // A password shown by break-glass before this rotation started is no longer the one AWS accepts.
    const cleared = phase === 'confirm' && record.what !== 'seed' ? this.exposures.rotated(record.accountId, record.startedAt, record.rotationId) : 0;
    this.session.record({
      action: phase === 'confirm' ? 'rotation.confirmed' : 'rotation.cancelled',
      subject: record.accountId,
      details: { rotation: record.rotationId, what: record.what, ...(cleared > 0 ? { revealFlagsCleared: cleared } : {}) },
    });
  }

  private forget(rotationId: string): void {
    this.catalog.rotations.remove(rotationId);
    this.held.delete(rotationId);
  }

  private requireHeld(accountId: string): { record: RotationRecord; held: HeldRotation } {
    const custodian = this.session.requireCustodian();
    const record = this.catalog.rotations.open(accountId);
    const held = record ? this.held.get(record.rotationId) : undefined;
    if (!record || !held || held.custodian !== custodian) {
      throw new StrongroomError(
        ErrorCode.RotationNotFound,
        `The new credential of ${accountId} is no longer held in this kiosk's memory. It is on the sticks as pending: open it with break-glass to see it.`,
        { accountId },
      );
    }
    return { record, held };
  }

  private pendingWork(custodian: string): PendingWorkItem[] {
    return this.catalog.rotations
      .allOpen()
      .filter((r) => r.status === 'starting' && this.held.get(r.rotationId)?.custodian === custodian)
      .map((r) => ({ kind: 'rotation', accountId: r.accountId, sentence: `The ${r.what} rotation of ${r.accountId}: its new credential is not yet on a stick of each role (its write is pending).` }));
  }

  private media(m: RotationMedia) {
    return {
      ...(m.vaultPassphrase !== undefined ? { vaultPassphrase: m.vaultPassphrase } : {}),
      ...(m.seedPassphrase !== undefined ? { seedPassphrase: m.seedPassphrase } : {}),
      ...(m.vaultMedia ? { vaultMedia: m.vaultMedia } : {}),
      ...(m.seedMedia ? { seedMedia: m.seedMedia } : {}),
    };
  }

  private view(record: RotationRecord): RotationView {
    return {
      rotationId: record.rotationId,
      accountId: record.accountId,
      accountName: this.catalog.accounts.get(record.accountId)?.name ?? record.accountId,
      what: record.what,
      reason: record.reason,
      status: record.status,
      startedAt: record.startedAt,
      startedBy: record.startedBy,
      held: this.held.has(record.rotationId),
    };
  }

  private closedView(rotationId: string, accountId: string, what: RotationWhat, reason: string, startedAt: string, startedBy: string): RotationView {
    return { rotationId, accountId, accountName: this.catalog.accounts.get(accountId)?.name ?? accountId, what, reason, status: 'cancelled', startedAt, startedBy, held: false };
  }
}
