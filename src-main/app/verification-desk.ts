import { randomUUID } from 'node:crypto';
import { ErrorCode, StrongroomError } from '../core/errors';
import { locationSentence } from '../core/custody-vocabulary';
import { dueEntries, replicaHealth, type DueEntry, type ReplicaHealth } from '../core/verification-schedule';
import type { TokenCheckRecord } from '../catalog/token-check-store';
import { TOKEN_CHECK_STATUS_WORDS } from '../core/token-check';
import { buildVerificationReport } from '../print/verification-report';
import type { StickWork } from './stick-work';
import type { MasterKeyInput, MasterKeys } from './master-keys';
import { MediumVerifier, type PhysicalChecklist } from './medium-verification';
import type { TokenDesk, TokenIdentification } from './token-desk';
import type { TokenDetectionFeed } from './token-detection-feed';
import { TokenVerification, tokenSchedule, type TokenDue, type TokenStep } from './token-verification';
import { VerificationRuns, type MediumVerification, type VerificationRun } from './verification-runs';

export type { PhysicalChecklist } from './medium-verification';
export type { MediumVerification, VerificationRun } from './verification-runs';

export interface RunReport {
  readonly runId: string;
  /** The run's token check; null when no token was presented in it. */
  readonly tokens: TokenCheckRecord | null;
  readonly pdf: Buffer;
  readonly fingerprint: string;
  readonly pageCount: number;
  readonly media: readonly MediumVerification[];
  readonly allPassed: boolean;
}

/**
 * The quarterly integrity check of every medium. Each stick is read in full, compared with what the catalog
 * recorded when it was written, opened with its passphrase, and compared with its twin replicas and with the
 * kiosk's audit chain. Results are recorded medium by medium, so an interrupted run resumes where it stopped.
 * The run's state (VerificationRuns), one stick's check (MediumVerifier) and the token step (TokenVerification)
 * are composed here; the report is built when the run finishes.
 */
export class VerificationDesk {
  private readonly runs: VerificationRuns;
  private readonly verifier: MediumVerifier;
  private readonly tokenCheck: TokenVerification;

  constructor(
    private readonly work: StickWork,
    keys: MasterKeys,
    tokens: TokenDesk,
    detection: TokenDetectionFeed,
  ) {
    this.runs = new VerificationRuns(work.catalog);
    this.tokenCheck = new TokenVerification(work.catalog, work.session, tokens, detection, work.clock);
    this.verifier = new MediumVerifier(work.catalog, work.session, work.media, work.clock, work.progress, work.airGap, work.sticks, keys, this.runs);
  }

  /** Sticks and the safe's tokens by the date each is next due, and whether each role has replicas enough. */
  schedule(): { due: (DueEntry & { readonly location: string })[]; tokens: TokenDue[]; replicas: ReplicaHealth[]; intervalDays: number } {
    const intervalDays = this.work.catalog.settings.read().verificationIntervalDays;
    const scheduled = this.work.catalog.media.list().map((m) => ({
      mediumId: m.mediumId,
      role: m.role,
      locationKind: m.location.kind,
      location: locationSentence(m.location, { capitalised: true }),
      labelledAt: m.labelledAt,
      lastVerifiedAt: this.work.catalog.media.lastVerifiedAt(m.mediumId),
    }));
    return { due: dueEntries(scheduled, this.work.clock.now(), intervalDays), tokens: tokenSchedule(this.work.catalog, this.work.clock.now()), replicas: replicaHealth(scheduled), intervalDays };
  }

  /** How often each stick must be verified; a policy change, so it is on the audit trail. */
  setIntervalDays(days: number): void {
    this.work.session.requireCustodian();
    const before = this.work.catalog.settings.read().verificationIntervalDays;
    this.work.catalog.settings.write('verificationIntervalDays', days);
    this.work.session.record({ action: 'settings.verification-interval-changed', subject: 'kiosk', details: { from: before, to: days } });
  }

  activeRun(): (VerificationRun & { readonly done: readonly MediumVerification[]; readonly tokens: TokenStep }) | null {
    const run = this.runs.active();
    return run ? { ...run, done: this.runs.resultsOf(run.runId), tokens: this.tokenCheck.step(run.runId) } : null;
  }

  /** The token step: a token from the safe shown to the kiosk, identified and recorded in the run. */
  async presentToken(runId: string, identification: TokenIdentification): Promise<TokenStep> {
    this.work.session.requireCustodian();
    this.runs.require(runId);
    await this.tokenCheck.present(runId, identification);
    return this.tokenCheck.step(runId);
  }

  /** A token of the safe not presented in this run, and why; it still fails the token check. */
  recordTokenNotPresented(runId: string, tokenId: string, reason: string): TokenStep {
    this.work.session.requireCustodian();
    this.runs.require(runId);
    this.tokenCheck.recordNotPresented(runId, tokenId, reason);
    return this.tokenCheck.step(runId);
  }

  tokenStep(runId: string): TokenStep {
    this.work.session.requireCustodian();
    this.runs.require(runId);
    return this.tokenCheck.step(runId);
  }

  /** Every token of the safe has been shown: what is missing, unknown or mismatched now fails. */
  closeTokenCheck(runId: string): TokenStep {
    this.work.session.requireCustodian();
    this.runs.require(runId);
    this.tokenCheck.close(runId);
    return this.tokenCheck.step(runId);
  }

  /** Starts a run, or returns the one in progress so passed media are not checked again. */
  startRun(): VerificationRun {
    const custodian = this.work.session.requireCustodian();
    const existing = this.runs.active();
    if (existing) return existing;
    const run: VerificationRun = { runId: `VR-${this.work.clock.now().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`, startedAt: this.work.clock.now().toISOString(), startedBy: custodian };
    this.runs.begin(run);
    this.work.session.record({ action: 'verification.started', subject: run.runId, details: {} });
    return run;
  }

  /** `passphrase`: the role's master passphrase, or k of its key cards. */
  async verifyMedium(runId: string, devicePath: string, passphrase: MasterKeyInput, physical: PhysicalChecklist): Promise<MediumVerification> {
    const custodian = this.work.session.requireCustodian();
    this.runs.require(runId);
    return this.verifier.verify(runId, custodian, devicePath, passphrase, physical);
  }

  /** Ends the run: report PDF built in memory, fingerprint on the audit trail. */
  async finishRun(runId: string, options: { paper?: 'A4' | 'LETTER'; organisation?: string } = {}): Promise<RunReport> {
    const custodian = this.work.session.requireCustodian();
    const run = this.runs.require(runId);
    const media = this.runs.resultsOf(runId);
    const tokens = this.tokenCheck.forReport(runId);
    if (media.length === 0 && !tokens) {
      throw new StrongroomError(ErrorCode.VerificationRunEmpty, 'No medium was verified and no token presented in this run yet. Insert each stick and verify it, or present the tokens of the safe, first.');
    }
    const finishedAt = this.work.clock.now().toISOString();
    const schedule = this.schedule();
    const nextDue = schedule.due[0]?.nextDueAt ?? finishedAt;
    const auditHead = this.work.sticks.witness.head();
    const report = await buildVerificationReport({
      paper: options.paper ?? 'A4',
      ...(options.organisation ? { organisation: options.organisation } : {}),
      runId,
      startedAt: run.startedAt,
      finishedAt,
      custodian,
      media: media.map((m) => ({ mediumId: m.mediumId, role: m.role, location: m.location, outcome: m.outcome, checks: m.checks, witnessWarnings: m.witnessWarnings })),
      tokens: tokens
        ? { outcome: tokens.passed ? 'passed' : 'failed', expected: tokens.expected, presented: tokens.presented, rows: tokens.rows.map((r) => ({ token: r.token, result: TOKEN_CHECK_STATUS_WORDS[r.status], passed: r.passed, sentence: r.sentence })) }
        : { outcome: 'not-checked', expected: this.tokenCheck.expectedInSafe(), presented: 0, rows: [] },
      nextDueAt: nextDue,
      auditHead,
    }, this.work.media.printOptions);
    // The report is paper outside the kiosk: a catalog later cut below the head it shows is caught.
    this.work.sticks.witness.remember(`verification report ${runId}`, 'printed', auditHead);
    this.runs.end();
    this.tokenCheck.forget(runId);
    this.verifier.forget(runId);
    const allPassed = media.every((m) => m.outcome === 'passed') && tokens?.passed !== false;
    this.work.session.record({
      action: 'verification.finished',
      subject: runId,
      details: {
        media: media.length,
        tokens: tokens ? (tokens.passed ? 'passed' : 'failed') : 'not checked',
        failed: [...media.filter((m) => m.outcome === 'failed').map((m) => m.mediumId), ...(tokens?.passed === false ? ['tokens'] : [])].join(', '),
        incomplete: media.filter((m) => m.outcome === 'incomplete').map((m) => m.mediumId).join(', '),
        reportFingerprint: report.fingerprint,
      },
    });
    return { runId, pdf: report.pdf, fingerprint: report.fingerprint, pageCount: report.pageCount, media, tokens, allPassed };
  }
}
