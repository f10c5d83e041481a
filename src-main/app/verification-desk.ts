import { randomUUID } from 'node:crypto';
import { readKdbxPublicHeader } from '../artefacts/kdbx-public-header';
import { describeIdentity } from '../core/device-identity';
import { ErrorCode, StrongroomError } from '../core/errors';
import { locationSentence, ROLE_FACTS } from '../core/custody-vocabulary';
import { ROLE_ARTEFACT, type MediumRole } from '../core/medium-manifest';
import { isPlausibleSealSerial, judgeAnswer, judgeSeal, type CheckStatus, type PhysicalAnswer } from '../core/seal-check';
import { dueEntries, nextDueAt, replicaHealth, type DueEntry, type ReplicaHealth } from '../core/verification-schedule';
import type { Catalog } from '../catalog/catalog';
import type { VerificationCheck, VerificationOutcome, VerificationRecord } from '../catalog/media-store';
import type { TokenCheckRecord } from '../catalog/token-check-store';
import { TOKEN_CHECK_STATUS_WORDS } from '../core/token-check';
import type { Clock } from '../platform/clock';
import { buildVerificationReport } from '../print/verification-report';
import type { AirGapGuard } from './air-gap-guard';
import type { KioskSession } from './kiosk-session';
import type { MasterKeyInput, MasterKeys } from './master-keys';
import type { InsertedMedium, MediaDesk } from './media-desk';
import type { ProgressBoard } from './progress-board';
import type { StickArtefacts } from './stick-artefacts';
import { compareWithCatalog } from './stick-identity';
import type { TokenDesk, TokenIdentification } from './token-desk';
import type { TokenDetectionFeed } from './token-detection-feed';
import { CHECK, checkAccounts, checkHistory, SeedReplicaComparison } from './verification-checks';
import { RunOpenings, type OpenedFacts } from './verification-openings';
import { TokenVerification, tokenSchedule, type TokenDue, type TokenStep } from './token-verification';

const ACTIVE_RUN_KEY = 'verification.activeRun';
/** Per medium of the run in progress, why its stick holds no copy of the trail's record of its verification. */
const WITNESS_WARNINGS_KEY = 'verification.witnessWarnings';
interface RunWitnessWarnings {
  readonly runId: string;
  readonly byMedium: Readonly<Record<string, readonly string[]>>;
}

/**
 * What the custodian finds when taking the stick out of its bag. Anything not answered stays "not checked": the
 * stick's result is then incomplete, never a stored failure of a check nobody made.
 */
export interface PhysicalChecklist {
  /** The serial printed on the tamper-evident bag, as read off it; null when not read. */
  readonly sealSerial: string | null;
  readonly bagIntact: PhysicalAnswer;
  readonly locationConfirmed: PhysicalAnswer;
  /** The serial of the new bag the stick goes into after this check, to log. */
  readonly newSealSerial?: string | null;
}

export interface VerificationRun {
  readonly runId: string;
  readonly startedAt: string;
  readonly startedBy: string;
}

export interface MediumVerification {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly location: string;
  readonly outcome: VerificationOutcome;
  readonly checks: readonly VerificationCheck[];
  readonly verifiedAt: string;
  readonly nextDueAt: string | null;
  /** Why the stick could not take its copy of the audit trail after this check (empty when it did). */
  readonly witnessWarnings: readonly string[];
}

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
 */
export class VerificationDesk {
  /** Replicas opened in each run, so a byte-identical one is not derived again. */
  private readonly openings: RunOpenings;
  /** Seeds compared across the seed sticks of each run. */
  private readonly seedReplicas = new SeedReplicaComparison();
  private readonly tokenCheck: TokenVerification;

  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly media: MediaDesk,
    private readonly clock: Clock,
    private readonly progress: ProgressBoard,
    private readonly airGap: AirGapGuard,
    private readonly sticks: StickArtefacts,
    private readonly keys: MasterKeys,
    tokens: TokenDesk,
    detection: TokenDetectionFeed,
  ) {
    this.tokenCheck = new TokenVerification(catalog, session, tokens, detection, clock);
    this.openings = new RunOpenings(clock);
    session.onEnd(() => this.openings.forget());
  }

  /** Sticks and the safe's tokens by the date each is next due, and whether each role has replicas enough. */
  schedule(): { due: DueEntry[]; tokens: TokenDue[]; replicas: ReplicaHealth[]; intervalDays: number } {
    const intervalDays = this.catalog.settings.read().verificationIntervalDays;
    const scheduled = this.catalog.media.list().map((m) => ({
      mediumId: m.mediumId,
      role: m.role,
      locationKind: m.location.kind,
      labelledAt: m.labelledAt,
      lastVerifiedAt: this.catalog.media.lastVerifiedAt(m.mediumId),
    }));
    return { due: dueEntries(scheduled, this.clock.now(), intervalDays), tokens: tokenSchedule(this.catalog, this.clock.now()), replicas: replicaHealth(scheduled), intervalDays };
  }

  /** How often each stick must be verified; a policy change, so it is on the audit trail. */
  setIntervalDays(days: number): void {
    this.session.requireCustodian();
    const before = this.catalog.settings.read().verificationIntervalDays;
    this.catalog.settings.write('verificationIntervalDays', days);
    this.session.record({ action: 'settings.verification-interval-changed', subject: 'kiosk', details: { from: before, to: days } });
  }

  activeRun(): (VerificationRun & { readonly done: readonly MediumVerification[]; readonly tokens: TokenStep }) | null {
    const run = this.catalog.settings.readValue<VerificationRun>(ACTIVE_RUN_KEY);
    return run ? { ...run, done: this.resultsOf(run.runId), tokens: this.tokenCheck.step(run.runId) } : null;
  }

  /** The token step: a token from the safe shown to the kiosk, identified and recorded in the run. */
  async presentToken(runId: string, identification: TokenIdentification): Promise<TokenStep> {
    this.session.requireCustodian();
    this.requireRun(runId);
    await this.tokenCheck.present(runId, identification);
    return this.tokenCheck.step(runId);
  }

  /** A token of the safe not presented in this run, and why; it still fails the token check. */
  recordTokenNotPresented(runId: string, tokenId: string, reason: string): TokenStep {
    this.session.requireCustodian();
    this.requireRun(runId);
    this.tokenCheck.recordNotPresented(runId, tokenId, reason);
    return this.tokenCheck.step(runId);
  }

  tokenStep(runId: string): TokenStep {
    this.session.requireCustodian();
    this.requireRun(runId);
    return this.tokenCheck.step(runId);
  }

  /** Every token of the safe has been shown: what is missing, unknown or mismatched now fails. */
  closeTokenCheck(runId: string): TokenStep {
    this.session.requireCustodian();
    this.requireRun(runId);
    this.tokenCheck.close(runId);
    return this.tokenCheck.step(runId);
  }

  /** Starts a run, or returns the one in progress so passed media are not checked again. */
  startRun(): VerificationRun {
    const custodian = this.session.requireCustodian();
    const existing = this.catalog.settings.readValue<VerificationRun>(ACTIVE_RUN_KEY);
    if (existing) return existing;
    const run: VerificationRun = { runId: `VR-${this.clock.now().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`, startedAt: this.clock.now().toISOString(), startedBy: custodian };
    this.catalog.settings.writeValue(ACTIVE_RUN_KEY, run);
    this.session.record({ action: 'verification.started', subject: run.runId, details: {} });
    return run;
  }

  /** `passphrase`: the role's master passphrase, or k of its key cards. */
  async verifyMedium(runId: string, devicePath: string, passphrase: MasterKeyInput, physical: PhysicalChecklist): Promise<MediumVerification> {
    const custodian = this.session.requireCustodian();
    this.requireRun(runId);
    this.airGap.requireIsolation('verify a stick (opens it with its passphrase)');
    let medium: InsertedMedium;
    try {
      medium = await this.media.find(devicePath);
    } catch (error) {
      if (error instanceof StrongroomError) throw error;
      throw new StrongroomError(ErrorCode.MediumUnreadable, `The stick cannot be read at all: ${(error as Error).message}. Try another USB port; if it still fails, this replica is lost and must be replaced.`);
    }
    const manifest = medium.manifest;
    // The stick is checked against the catalog's record of this device (else of the id its label names): a label
    // that is missing, damaged or disagrees is a failed check naming both sides, not an unlabelled stick.
    const identity = compareWithCatalog(this.catalog, medium);
    const record = identity.record ? this.catalog.media.get(identity.record.mediumId) : undefined;
    if (!record) {
      if (!manifest) {
        throw new StrongroomError(ErrorCode.MediumNotLabelled, 'This stick has no Strongroom label, and this kiosk does not know the device, so there is nothing to verify. If it should be a replica, it was swapped: report it.');
      }
      throw new StrongroomError(
        ErrorCode.MediumUnknownToCatalog,
        `medium.json on the stick says it is ${manifest.mediumId} (${ROLE_FACTS[manifest.role].stick}, ${describeIdentity(manifest.device)}); this kiosk's catalog has no ${manifest.mediumId} and does not know this device (${describeIdentity(medium.drive.identity)}). Report it to your security lead.`,
        { mediumId: manifest.mediumId },
      );
    }
    if (!medium.home) throw new StrongroomError(ErrorCode.MediumNotMounted, `${record.mediumId} has no mounted partition to read. Reinsert it.`);
    const role = record.role;
    const artefact = ROLE_ARTEFACT[role];
    const key = await this.keys.resolve(role, passphrase, 'open');
    const checks: VerificationCheck[] = [];
    const add = (name: string, status: CheckStatus, sentence: string) => checks.push({ name, passed: status === 'passed', status, sentence });
    const pass = (name: string, sentence: string) => add(name, 'passed', sentence);
    const fail = (name: string, sentence: string) => add(name, 'failed', sentence);

    return this.progress.run(`Verifying ${record.mediumId}`, 9, async () => {
      // 1. The physical device is the one labelled, not a clone carrying a copied label.
      this.progress.announce('Checking the device identity');
      const mismatches = identity.disagreements.filter((d) => d.field !== 'role');
      if (mismatches.length === 0) {
        pass(CHECK.identity, `This is the device labelled ${record.mediumId} (${describeIdentity(medium.drive.identity)}), and its medium.json says so.`);
      } else {
        fail(CHECK.identity, `This stick is not what it says: ${mismatches.map((d) => d.sentence).join(' ')} The label was copied, edited or the stick swapped: call your security lead.`);
      }
      if (record.lifecycle !== 'active') fail(CHECK.identity, `${record.mediumId} is ${record.lifecycle} (${record.lifecycleReason ?? 'no reason recorded'}); it should not be in service. Tell your security lead it turned up.`);

      this.progress.step('Checking role and separation on every partition');
      const decision = this.media.decide(medium, role);
      const roleMismatch = identity.disagreements.find((d) => d.field === 'role');
      if (roleMismatch) fail(CHECK.role, roleMismatch.sentence);
      else if (decision.verdict === 'refused') fail(CHECK.role, decision.reasons.map((r) => r.why).join(' '));
      else pass(CHECK.role, `A ${role} medium, and no partition holds anything of the other role.`);

      this.progress.step(`Reading every byte of ${artefact} and its kept generations`);
      const inventory = await this.sticks.inventory(medium, role);
      const current = inventory.find((f) => f.state === 'current');
      const last = current?.recorded ?? null;
      let bytes: Uint8Array | null = null;
      if (!last) fail(CHECK.content, `No write of ${artefact} to ${record.mediumId} is recorded on this kiosk, so there is nothing to compare with.`);
      else if (current?.sha256 == null) fail(CHECK.content, `${artefact} cannot be read: ${current?.problem ?? 'missing'}.`);
      else {
        const read = await this.sticks.read(medium, role, 'lenient').catch(() => null);
        bytes = read && read.file === artefact ? read.bytes : null;
        if (current.matches) pass(CHECK.content, `Every byte of ${artefact} read (${current.size} bytes); it matches generation ${last.generation} written ${last.writtenAt.slice(0, 10)} by ${last.writtenBy}.`);
        else fail(CHECK.content, `${artefact} has changed since its last write (generation ${last.generation}, ${last.writtenAt.slice(0, 10)}): its content changed since last write.`);
      }
      if (!bytes && !last) bytes = (await this.sticks.read(medium, role, 'lenient').catch(() => null))?.bytes ?? null;

      this.progress.step(`Opening ${artefact} with the passphrase`);
      this.airGap.recheck('verifying a stick', `opening ${artefact} with its passphrase`);
      const newest = this.catalog.generations.newestPublished(artefact);
      let opened: OpenedFacts | null = null;
      if (bytes) {
        try {
          const twin = this.openings.remembered(runId, bytes, key.text);
          opened = twin?.facts ?? (await this.openings.open(runId, record.mediumId, role, bytes, key.text));
          if (opened.otherEntries?.length) fail(CHECK.seeds, `Entries without a usable seed: ${opened.otherEntries.join(', ')}.`);
          pass(CHECK.opens, twin ? `${artefact} opens with the passphrase given (byte for byte the file ${twin.mediumId} holds, opened with it in this run).` : `${artefact} opens with the passphrase given.`);
        } catch (error) {
          const code = error instanceof StrongroomError ? error.code : 'UNEXPECTED';
          fail(
            CHECK.opens,
            code === ErrorCode.KdbxWrongPassphrase
              ? `The passphrase given does not open ${artefact} (wrong passphrase; this is not a sign of damage). Check it and verify this stick again.`
              : `${artefact} does not open: ${(error as Error).message}`,
          );
        }
      } else fail(CHECK.opens, `${artefact} could not be read, so it was not opened.`);

      this.progress.step('Comparing the generation with the newest written');
      const generation = opened?.generation ?? (bytes ? readKdbxPublicHeader(bytes) : { kdbx: false as const });
      const found = typeof generation === 'number' ? generation : generation.kdbx ? generation.generation : null;
      if (found === null) fail(CHECK.generation, 'The generation could not be read from the file.');
      else if (found === newest) pass(CHECK.generation, `Holds generation ${found}, the newest written.`);
      else if (found < newest) fail(CHECK.generation, `Stale: generation ${found}, newest is ${newest}. Bring the newest copy over from another ${role} stick.`);
      else fail(CHECK.generation, `Holds generation ${found}, newer than any this kiosk wrote (${newest}): it was written elsewhere or rolled back here.`);

      this.progress.step('Comparing the accounts with the catalog');
      if (opened) checkAccounts(this.catalog, role, opened, pass, fail);
      else fail(CHECK.accounts, 'Not checked: the file did not open.');

      if (role === 'seed') {
        this.progress.step('Checking every seed and comparing with the other seed sticks');
        if (opened?.seeds) this.seedReplicas.check(runId, record.mediumId, opened.seeds, pass, fail);
        else fail(CHECK.seeds, 'Not checked: the seed store did not open.');
      }

      this.progress.step('Checking the kept generations');
      checkHistory(artefact, inventory, pass, fail);

      this.progress.step('Comparing the audit copy with the kiosk');
      await this.checkAuditCopy(medium, pass, fail);

      const seal = judgeSeal(this.catalog.seals.latest(record.mediumId) ?? null, physical.sealSerial);
      add(CHECK.seal, seal.status, seal.sentence);
      const bag = judgeAnswer(physical.bagIntact, {
        yes: 'The bag is intact: no cut, tear or lifted seal.',
        no: 'The bag is NOT intact: someone may have had the stick. Call your security lead.',
        unanswered: 'Not checked: nobody said whether the bag is intact.',
      });
      add(CHECK.bag, bag.status, bag.sentence);
      const location = judgeAnswer(physical.locationConfirmed, {
        yes: `It came from its recorded location (${locationSentence(record.location)}).`,
        no: 'It did NOT come from its recorded location. Record where it was, and call your security lead.',
        unanswered: 'Not checked: nobody confirmed where it came from.',
      });
      add(CHECK.location, location.status, location.sentence);

      const outcome: VerificationOutcome = checks.some((c) => c.status === 'failed') ? 'failed' : checks.some((c) => c.status === 'not-checked') ? 'incomplete' : 'passed';
      const verifiedAt = this.clock.now().toISOString();
      const due = outcome === 'passed' ? nextDueAt({ labelledAt: verifiedAt, lastVerifiedAt: verifiedAt }, this.catalog.settings.read().verificationIntervalDays) : null;
      this.catalog.media.recordVerification({ mediumId: record.mediumId, runId, outcome, checks, verifiedBy: custodian, verifiedAt, nextDueAt: due });
      for (const file of inventory) if (file.matches && file.recorded) this.catalog.generations.markVerified(record.mediumId, artefact, file.recorded.generation, verifiedAt);
      this.session.record({
        action: 'verification.medium-checked',
        subject: record.mediumId,
        details: {
          runId,
          outcome,
          failed: checks.filter((c) => c.status === 'failed').map((c) => c.name).join(', '),
          notChecked: checks.filter((c) => c.status === 'not-checked').map((c) => c.name).join(', '),
          seal: physical.sealSerial?.trim() ?? '',
        },
      });
      const newSeal = physical.newSealSerial?.trim();
      if (newSeal) this.recordSeal(record.mediumId, newSeal, runId, custodian, verifiedAt);
      // The stick witnesses its own verification (a copy that failed the check above is left as evidence).
      this.keepWitnessWarnings(runId, record.mediumId, await this.media.witnessOn([medium], 'verification'));
      return this.toResult(record.mediumId, { mediumId: record.mediumId, runId, outcome, checks, verifiedBy: custodian, verifiedAt, nextDueAt: due });
    });
  }

  /** Logs the serial of the bag a stick was sealed in after its verification. */
  private recordSeal(mediumId: string, serial: string, runId: string, custodian: string, at: string): void {
    if (!isPlausibleSealSerial(serial)) {
      throw new StrongroomError(ErrorCode.SealSerialInvalid, `"${serial}" does not look like a bag serial (3 to 40 letters and digits). The verification was recorded; log the seal again with the serial as printed on the bag.`);
    }
    this.catalog.seals.record({ mediumId, serial, occasion: 'after-verification', reference: runId, sealedBy: custodian, sealedAt: at });
    this.session.record({ action: 'medium.sealed', subject: mediumId, details: { serial, occasion: 'after-verification', runId } });
  }

  /** Ends the run: report PDF built in memory, fingerprint on the audit trail. */
  async finishRun(runId: string, options: { paper?: 'A4' | 'LETTER'; organisation?: string } = {}): Promise<RunReport> {
    const custodian = this.session.requireCustodian();
    const run = this.requireRun(runId);
    const media = this.resultsOf(runId);
    const tokens = this.tokenCheck.forReport(runId);
    if (media.length === 0 && !tokens) {
      throw new StrongroomError(ErrorCode.VerificationRunEmpty, 'No medium was verified and no token presented in this run yet. Insert each stick and verify it, or present the tokens of the safe, first.');
    }
    const finishedAt = this.clock.now().toISOString();
    const schedule = this.schedule();
    const nextDue = schedule.due[0]?.nextDueAt ?? finishedAt;
    const auditHead = this.sticks.witness.head();
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
    }, this.media.printOptions);
    // The report is paper outside the kiosk: a catalog later cut below the head it shows is caught.
    this.sticks.witness.remember(`verification report ${runId}`, 'printed', auditHead);
    this.catalog.settings.deleteValue(ACTIVE_RUN_KEY);
    this.catalog.settings.deleteValue(WITNESS_WARNINGS_KEY);
    this.tokenCheck.forget(runId);
    this.seedReplicas.forget(runId);
    this.openings.forget(runId);
    const allPassed = media.every((m) => m.outcome === 'passed') && tokens?.passed !== false;
    this.session.record({
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

  private async checkAuditCopy(medium: InsertedMedium, pass: (n: string, s: string) => void, fail: (n: string, s: string) => void): Promise<void> {
    const mediumId = medium.manifest?.mediumId ?? medium.drive.devicePath;
    let text: string | null;
    try {
      text = await this.sticks.readAuditCopy(medium);
    } catch (error) {
      fail(CHECK.audit, `The audit copy cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
      return;
    }
    // The kiosk chain on its own and against every head seen on sticks and reports, then against this stick's copy.
    const kiosk = this.sticks.witness.judgeKiosk();
    const copy = this.sticks.witness.judgeCopy(mediumId, text);
    const problems = [...kiosk.problems, ...(copy.ok ? [] : [copy.sentence])];
    if (problems.length > 0) {
      fail(CHECK.audit, problems.join(' '));
      return;
    }
    if (text === null || !copy.ok || copy.copy === null) {
      fail(CHECK.audit, 'The stick holds no audit copy. Write the stick again so it carries the trail.');
      return;
    }
    pass(CHECK.audit, `The stick's copy holds events 1 to ${copy.copy.seq}, a prefix of the kiosk's ${kiosk.count}${copy.behindBy > 0 ? ' (the stick is behind, as expected since its last write)' : ''}.`);
  }

  private requireRun(runId: string): VerificationRun {
    const run = this.catalog.settings.readValue<VerificationRun>(ACTIVE_RUN_KEY);
    if (!run || run.runId !== runId) {
      throw new StrongroomError(ErrorCode.VerificationRunNotFound, 'That verification run is not in progress. Start a verification again.');
    }
    return run;
  }

  /** The latest result for each medium verified in the run. */
  private resultsOf(runId: string): MediumVerification[] {
    const latest = new Map<string, VerificationRecord>();
    for (const record of this.catalog.media.verificationsOfRun(runId)) latest.set(record.mediumId, record);
    return [...latest.values()].map((r) => this.toResult(r.mediumId, r));
  }

  /**
   * Kept beside the run (not only returned) so the screen reopened, the finish and the report still show which
   * stick does not witness its own check; the latest check of a medium replaces what an earlier one left.
   */
  private keepWitnessWarnings(runId: string, mediumId: string, warnings: readonly string[]): void {
    const kept = this.catalog.settings.readValue<RunWitnessWarnings>(WITNESS_WARNINGS_KEY);
    const byMedium = kept?.runId === runId ? { ...kept.byMedium } : {};
    byMedium[mediumId] = warnings;
    this.catalog.settings.writeValue(WITNESS_WARNINGS_KEY, { runId, byMedium } satisfies RunWitnessWarnings);
  }

  private witnessWarningsOf(runId: string, mediumId: string): readonly string[] {
    const kept = this.catalog.settings.readValue<RunWitnessWarnings>(WITNESS_WARNINGS_KEY);
    return kept?.runId === runId ? (kept.byMedium[mediumId] ?? []) : [];
  }

  private toResult(mediumId: string, record: VerificationRecord): MediumVerification {
    const medium = this.catalog.media.get(mediumId);
    return {
      mediumId,
      role: medium?.role ?? 'vault',
      location: medium ? locationSentence(medium.location, { capitalised: true }) : '',
      outcome: record.outcome,
      checks: record.checks,
      verifiedAt: record.verifiedAt,
      nextDueAt: record.nextDueAt,
      witnessWarnings: this.witnessWarningsOf(record.runId, mediumId),
    };
  }
}

