import { randomBytes } from 'node:crypto';
import { MAX_KEPT_GENERATIONS, MIN_KEPT_GENERATIONS, ROLE_ARTEFACT } from '../core/artefact-files';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { MediumRole } from '../core/medium-manifest';
import { commitOrder, remainingTargets, settledStatus, type WriteJobPurpose } from '../core/write-job';
import type { Catalog } from '../catalog/catalog';
import type { WriteTargetRecord } from '../catalog/write-job-store';
import { sha256Hex } from '../platform/atomic-file-writer';
import type { Clock } from '../platform/clock';
import { CutOffWriteJobs } from './cut-off-write-jobs';
import { GenerationCopies, stickError } from './generation-copies';
import { HeldGenerations } from './held-generations';
import type { KioskSession } from './kiosk-session';
import { mediumIdOf, type MediaDesk } from './media-desk';
import type { InsertedMedium } from './inserted-medium';
import type { ProgressBoard } from './progress-board';
import type { ArtefactRead, StickArtefacts } from './stick-artefacts';
import { PURPOSE_WORDS, type GenerationPlan, type WriteJobReport, type WriteJobRequest, type WriteJobStickView, type WriteTarget } from './write-job-plans';
import { WriteJobReports } from './write-job-reports';
import { targetsOf, WriteTargetChecks } from './write-target-checks';
import { WriteTargetLedger } from './write-target-ledger';

export type { GenerationPlan, WriteJobReport, WriteJobReportStatus, WriteJobRequest, WriteJobStickView } from './write-job-plans';

/**
 * Custody changes as transactions. A write job names every target stick; each is checked first (fresh
 * separation scan, identity, writable, room for the new file and its kept history), the new generation is
 * staged and read back on every one, and only when all staged copies verify is it committed, stick by stick.
 * A commit cut short leaves the job pending: the catalog knows which stick holds what, and a retry writes the
 * same bytes (from memory, or from a stick that already took them), never a new generation.
 */
export class WriteJobs {
  private readonly settledListeners = new Set<(report: WriteJobReport) => void>();
  /** Jobs this process is writing now; any other job the catalog calls running belongs to another process. */
  private readonly runningHere = new Set<string>();
  private readonly reports: WriteJobReports;
  private readonly ledger: WriteTargetLedger;
  private readonly checks: WriteTargetChecks;
  private readonly held: HeldGenerations;
  private readonly copies: GenerationCopies;
  private readonly cutOff: CutOffWriteJobs;

  constructor(
    private readonly catalog: Catalog,
    private readonly media: MediaDesk,
    private readonly sticks: StickArtefacts,
    private readonly session: KioskSession,
    private readonly clock: Clock,
    private readonly progress: ProgressBoard,
  ) {
    this.reports = new WriteJobReports(catalog);
    this.ledger = new WriteTargetLedger(catalog, media, clock, progress);
    this.checks = new WriteTargetChecks(catalog, media, sticks, progress, this.ledger);
    this.held = new HeldGenerations(catalog, media, sticks);
    this.copies = new GenerationCopies(catalog, media, sticks, (request) => this.run(request));
    const notify = (report: WriteJobReport): void => {
      for (const listener of [...this.settledListeners]) listener(report);
    };
    this.cutOff = new CutOffWriteJobs(catalog, sticks, session, this.reports, this.runningHere, notify, () => this.ledger.now());
  }

  /** Called whenever a job has committed what it could (complete, pending, closed), so desks can settle their work. */
  onSettled(listener: (report: WriteJobReport) => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  /**
   * How many generations of each artefact every stick keeps, the current one included. A policy change, so it is
   * on the audit trail; sticks follow at their next write (nothing is pruned until a newer generation is there).
   */
  setKeptGenerations(generations: number): number {
    this.session.requireCustodian();
    if (!Number.isInteger(generations) || generations < MIN_KEPT_GENERATIONS || generations > MAX_KEPT_GENERATIONS) {
      throw new StrongroomError(ErrorCode.InvalidSetting, `Each stick keeps between ${MIN_KEPT_GENERATIONS} and ${MAX_KEPT_GENERATIONS} generations; ${generations} is not allowed.`);
    }
    const before = this.catalog.settings.read().keptGenerations;
    this.catalog.settings.write('keptGenerations', generations);
    this.session.record({ action: 'settings.kept-generations-changed', subject: 'kiosk', details: { from: before, to: generations } });
    return generations;
  }

  /** A new generation waits until an earlier one is on every stick it was meant for, or its job is closed. */
  requireNoPendingJob(): void {
    const pending = this.catalog.writeJobs.pending()[0];
    if (!pending) return;
    const report = this.reports.report(pending.jobId);
    const waiting = report.sticks.filter((s) => s.state !== 'committed' && s.state !== 'left-behind');
    throw new StrongroomError(
      ErrorCode.WriteJobPending,
      `An earlier write (${pending.jobId}) is still pending: ${waiting.map((s) => `${s.mediumId} lacks ${ROLE_ARTEFACT[s.role]} generation ${s.generation}`).join('; ')}. Insert ${waiting.map((s) => s.mediumId).join(', ')} and retry it, or close it (those sticks then stay behind and are updated later by copying), before starting a new one.`,
      { jobId: pending.jobId },
    );
  }

  async run(request: WriteJobRequest): Promise<WriteJobReport> {
    const custodian = this.session.requireCustodian();
    // Every write goes on the trail; a catalog that cannot take the events stops the job before any stick is touched.
    this.catalog.audit.requireAppendable();
    const targets = targetsOf(request);
    return this.sticks.exclusive(targets.map((t) => ({ medium: t.medium, name: t.mediumId })), () => {
      // Holding these sticks' locks proves no live process is writing them: a job still "running" on them was cut off.
      this.cutOff.settle(targets.map((t) => t.mediumId));
      if (!request.copiesExistingGeneration) this.requireNoPendingJob();
      return this.progress.within(PURPOSE_WORDS[request.purpose], 2 * targets.length, () => this.runJob(request, targets, custodian));
    });
  }

  /**
   * At start-up (the catalog just opened): every job another process left "running" is settled, once the locks of
   * all its sticks can be taken (a live writer would hold one, and its job is left alone). So the custody bar says
   * at once what a kiosk that lost power or a killed window left, instead of waiting for the next write.
   */
  settleCutOffAtStart(): Promise<WriteJobReport[]> {
    return this.cutOff.settleAtStart();
  }

  private async runJob(request: WriteJobRequest, allTargets: WriteTarget[], custodian: string): Promise<WriteJobReport> {
    const startedAt = this.clock.now().toISOString();
    const jobId = `WJ-${startedAt.slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    this.runningHere.add(jobId);
    let targets = allTargets;
    this.progress.sticks(targets);

    this.progress.announce('Checking every stick before writing');
    if (!(await this.checks.checkAll(targets, null))) {
      return this.finishRefused(jobId, request, targets, custodian, startedAt);
    }
    const plans = await request.prepare();
    if (plans === null) return this.nothingToWrite(request, custodian, startedAt);
    // A role with nothing to change gets no new generation, and its sticks are not written.
    targets = targets.filter((t) => plans.some((p) => p.role === t.role));
    this.progress.sticks(targets);
    for (const target of targets) {
      const plan = plans.find((p) => p.role === target.role);
      if (!plan) throw new StrongroomError(ErrorCode.Internal, `No ${target.role} generation was prepared for ${target.mediumId}.`);
      target.generation = plan.generation;
      target.sha256 = sha256Hex(plan.bytes);
    }
    const registered = this.ledger.register(jobId, plans, custodian, startedAt);
    this.catalog.writeJobs.create({ jobId, purpose: request.purpose, status: 'running', startedBy: custodian, startedAt, note: request.note ?? '' });
    this.ledger.persist(jobId, targets);

    // The files are built; the sticks are checked again from a fresh scan, now knowing the exact sizes.
    this.progress.announce('Checking every stick again, with the size of the new files');
    if (!(await this.checks.checkAll(targets, plans))) {
      this.abandon(registered);
      return this.finishRefused(jobId, request, targets, custodian, startedAt, true);
    }
    request.beforeWriting?.();

    for (const target of targets) {
      this.progress.step(`Staging ${ROLE_ARTEFACT[target.role]} generation ${target.generation} on ${target.mediumId} and reading it back`);
      this.progress.stick(target.mediumId, target.role, 'staging');
      const plan = plans.find((p) => p.role === target.role)!;
      try {
        await this.sticks.stage(target.medium, target.role, target.generation, plan.bytes, custodian);
        this.ledger.setTarget(jobId, target, 'staged', null, 'Staged and read back; not yet committed.');
      } catch (error) {
        this.ledger.failTarget(jobId, target, error, 'stage');
        for (const other of targets) if (other !== target) this.progress.stick(other.mediumId, other.role, 'not-written');
        return this.finishFailedStaging(jobId, targets, registered);
      }
    }
    for (const plan of plans) this.held.hold(plan);

    await this.commitAll(jobId, targets, custodian);
    return this.settle(jobId);
  }

  /** Writes the remaining sticks of a pending job with the same generation, byte for byte. */
  async retry(jobId: string): Promise<WriteJobReport> {
    const custodian = this.session.requireCustodian();
    this.catalog.audit.requireAppendable();
    const job = this.requirePending(jobId);
    const remaining = remainingTargets(this.catalog.writeJobs.targets(job.jobId));
    const inserted = (await this.media.inserted()).filter((m) => remaining.some((r) => r.mediumId === mediumIdOf(m)));
    return this.sticks.exclusive(
      inserted.map((medium) => ({ medium })),
      () => this.progress.within('Writing the pending sticks', 1 + 2 * remaining.length, () => this.retryJob(jobId, remaining, custodian)),
    );
  }

  private async retryJob(jobId: string, remaining: readonly WriteTargetRecord[], custodian: string): Promise<WriteJobReport> {
    this.progress.sticks(remaining);
    const targets: WriteTarget[] = [];
    this.progress.announce('Looking for the pending sticks');
    for (const record of remaining) {
      const medium = await this.media.insertedByMediumId(record.mediumId);
      if (!medium) {
        const sentence = `${record.mediumId} is not inserted. Insert it and retry.`;
        this.catalog.writeJobs.putTarget({ ...record, state: 'failed', errorCode: ErrorCode.MediumNotFound, sentence, updatedAt: this.ledger.now() });
        this.progress.stick(record.mediumId, record.role, 'failed', sentence);
        continue;
      }
      targets.push({ role: record.role, mediumId: record.mediumId, medium, state: record.state, errorCode: record.errorCode, sentence: record.sentence, generation: record.generation, sha256: record.sha256 });
    }
    const ready: WriteTarget[] = [];
    this.progress.step('Checking the pending sticks before writing');
    for (const target of targets) {
      this.progress.stick(target.mediumId, target.role, 'checking');
      const checked = await this.checks.check(target, this.catalog.generations.get(ROLE_ARTEFACT[target.role], target.generation)?.sizeBytes ?? null);
      this.progress.stick(target.mediumId, target.role, checked.ok ? 'checked' : 'refused', checked.ok ? null : checked.sentence);
      if (!checked.ok) {
        this.catalog.writeJobs.putTarget({ jobId, mediumId: target.mediumId, artefact: ROLE_ARTEFACT[target.role], generation: target.generation, sha256: target.sha256, state: 'failed', errorCode: checked.code, sentence: checked.sentence, updatedAt: this.ledger.now() });
        this.ledger.audit('artefact.write-refused', target, { job: jobId, role: target.role, reasons: checked.sentence });
        continue;
      }
      target.medium = checked.medium;
      ready.push(target);
    }
    for (const target of ready) {
      this.progress.step(`Staging ${ROLE_ARTEFACT[target.role]} generation ${target.generation} on ${target.mediumId} and reading it back`);
      this.progress.stick(target.mediumId, target.role, 'staging');
      try {
        if (!(await this.sticks.hasStaged(target.medium, target.role, target.generation, target.sha256))) {
          const bytes = await this.held.sameBytes(target);
          await this.sticks.stage(target.medium, target.role, target.generation, bytes, custodian);
        }
        this.ledger.setTarget(jobId, target, 'staged', null, 'Staged and read back; not yet committed.');
      } catch (error) {
        this.ledger.failTarget(jobId, target, error, 'stage');
      }
    }
    await this.commitAll(jobId, ready.filter((t) => t.state === 'staged'), custodian);
    this.session.record({ action: 'write-job.retried', subject: jobId, details: { sticks: ready.map((t) => t.mediumId).join(', ') } });
    return this.settle(jobId);
  }

  report(jobId: string): WriteJobReport {
    return this.reports.report(jobId);
  }

  /** Jobs that still have sticks to write. */
  pending(): WriteJobReport[] {
    return this.reports.pending();
  }

  recent(limit = 10): WriteJobReport[] {
    return this.reports.recent(limit);
  }

  /**
   * The newest generation of a role, read strictly from an inserted stick that holds it (the given ones first):
   * what a new generation is built on, and what replication copies.
   */
  readNewest(role: MediumRole, preferred: readonly InsertedMedium[] = []): Promise<ArtefactRead | null> {
    return this.copies.readNewest(role, preferred);
  }

  /** Copies a stick's current (newest) generation to another stick of the same role, as a one-stick write job. */
  replicate(fromDevicePath: string, toDevicePath: string, role: MediumRole): Promise<WriteJobReport> {
    return this.copies.replicate(fromDevicePath, toDevicePath, role);
  }

  /** Writes given bytes as a generation to one stick; throws the stick's error when it is not committed. */
  writeToStick(devicePath: string, role: MediumRole, bytes: Uint8Array, generation: number, purpose: WriteJobPurpose = 'write'): Promise<WriteJobReport> {
    return this.copies.writeToStick(devicePath, role, bytes, generation, purpose);
  }

  /** The error a one-stick caller sees for a stick that was not committed. */
  stickError(stick: WriteJobStickView): StrongroomError {
    return stickError(stick);
  }

  /**
   * Ends a pending job without the sticks it still lacks: they stay behind, to be brought up to date later by
   * copying. A role whose new generation reached no stick at all loses that generation (nothing holds it).
   */
  close(jobId: string, reason: string): WriteJobReport {
    const custodian = this.session.requireCustodian();
    this.catalog.audit.requireAppendable();
    const job = this.requirePending(jobId);
    const why = reason.trim();
    if (why.length < 5) throw new StrongroomError(ErrorCode.ReasonTooShort, 'Say why the remaining sticks are left behind (a few words); it goes on the audit trail.');
    const records = this.catalog.writeJobs.targets(job.jobId);
    const now = this.ledger.now();
    for (const record of remainingTargets(records)) {
      this.catalog.writeJobs.putTarget({ ...record, state: 'left-behind', sentence: `Left behind by ${custodian}: ${why}. It still holds an older generation; copy the newest onto it when it is back.`, updatedAt: now });
    }
    const abandoned: string[] = [];
    for (const artefact of new Set(records.map((r) => r.artefact))) {
      const ofRole = records.filter((r) => r.artefact === artefact);
      if (!ofRole.some((r) => r.state === 'committed')) {
        const generation = ofRole[0]!.generation;
        this.catalog.generations.setStatus(artefact, generation, 'abandoned');
        // Its staged copies are no longer held as pending: the next check of each stick removes them.
        for (const r of ofRole) if (this.catalog.generations.filesOf(r.mediumId, artefact).some((f) => f.generation === generation && f.state === 'staged')) this.catalog.generations.removeFile(r.mediumId, artefact, generation);
        abandoned.push(`${artefact} generation ${generation}`);
      }
      this.held.forget(artefact, ofRole[0]!.generation);
    }
    this.catalog.writeJobs.setStatus(jobId, 'closed', now);
    this.session.record({ action: 'write-job.closed', subject: jobId, details: { reason: why, leftBehind: remainingTargets(records).map((r) => r.mediumId).join(', '), abandoned: abandoned.join(', ') } });
    const report = this.reports.report(jobId);
    for (const listener of [...this.settledListeners]) listener(report);
    return report;
  }

  private abandon(plans: readonly GenerationPlan[]): void {
    this.ledger.abandon(plans);
    for (const plan of plans) this.held.forget(ROLE_ARTEFACT[plan.role], plan.generation);
  }

  private async commitAll(jobId: string, targets: WriteTarget[], custodian: string): Promise<void> {
    for (const target of commitOrder(targets)) {
      this.progress.step(`Committing generation ${target.generation} on ${target.mediumId}`);
      this.progress.stick(target.mediumId, target.role, 'committing');
      try {
        const receipt = await this.sticks.commit(target.medium, target.role, target.generation, target.sha256, custodian);
        this.ledger.setTarget(jobId, target, 'committed', null, `Committed generation ${target.generation} and read it back${receipt.readBackFromDevice ? ' from the stick' : ''}.`);
        this.ledger.audit('artefact.written', target, {
          job: jobId,
          role: target.role,
          artefact: ROLE_ARTEFACT[target.role],
          generation: target.generation,
          sha256: target.sha256,
          readBackFromDevice: receipt.readBackFromDevice,
          ...(receipt.pruned.length ? { prunedGenerations: receipt.pruned.join(', ') } : {}),
        });
      } catch (error) {
        this.ledger.failTarget(jobId, target, error, 'commit');
        continue;
      }
      try {
        await this.sticks.writeAuditCopy(target.medium, target.mediumId);
      } catch (error) {
        this.ledger.auditCopyFailed(jobId, target, error);
      }
    }
  }

  /** After the commits: the job's status, the generations' bytes forgotten once every stick has them. */
  private settle(jobId: string): WriteJobReport {
    const records = this.catalog.writeJobs.targets(jobId);
    const status = settledStatus(records);
    this.catalog.writeJobs.setStatus(jobId, status, status === 'complete' ? this.ledger.now() : null);
    if (status === 'complete') for (const r of records) this.held.forget(r.artefact, r.generation);
    const report = this.reports.report(jobId);
    this.session.record({
      action: status === 'complete' ? 'write-job.complete' : 'write-job.pending',
      subject: jobId,
      details: {
        generations: report.generations.map((g) => `${g.artefact} ${g.generation}`).join(', '),
        committed: records.filter((r) => r.state === 'committed').map((r) => r.mediumId).join(', '),
        ...(status === 'pending' ? { waiting: remainingTargets(records).map((r) => r.mediumId).join(', ') } : {}),
      },
    });
    for (const listener of [...this.settledListeners]) listener(report);
    return report;
  }

  private finishRefused(jobId: string, request: WriteJobRequest, targets: WriteTarget[], custodian: string, startedAt: string, recorded = false): WriteJobReport {
    if (!recorded) this.catalog.writeJobs.create({ jobId, purpose: request.purpose, status: 'refused', startedBy: custodian, startedAt, note: request.note ?? '' });
    this.catalog.writeJobs.setStatus(jobId, 'refused', this.ledger.now());
    this.ledger.persist(jobId, targets);
    this.session.record({
      action: 'write-job.refused',
      subject: jobId,
      details: { purpose: request.purpose, refused: targets.filter((t) => t.state === 'refused').map((t) => t.mediumId).join(', ') },
    });
    return this.reports.report(jobId);
  }

  private async finishFailedStaging(jobId: string, targets: WriteTarget[], registered: readonly GenerationPlan[]): Promise<WriteJobReport> {
    for (const target of targets) {
      if (target.state === 'staged') {
        await this.sticks.discardStaged(target.medium, target.role, target.generation).catch(() => undefined);
        this.ledger.setTarget(jobId, target, 'planned', null, 'Not written: another stick failed while the new files were staged, so none was committed. The staged copy was removed.');
      } else if (target.state === 'planned') {
        this.ledger.setTarget(jobId, target, 'planned', null, 'Not written: another stick failed while the new files were staged, so none was committed.');
      }
    }
    this.abandon(registered);
    this.catalog.writeJobs.setStatus(jobId, 'failed', this.ledger.now());
    this.session.record({ action: 'write-job.failed', subject: jobId, details: { failed: targets.filter((t) => t.state === 'failed').map((t) => t.mediumId).join(', ') } });
    return this.reports.report(jobId);
  }

  private nothingToWrite(request: WriteJobRequest, custodian: string, startedAt: string): WriteJobReport {
    return { jobId: null, purpose: request.purpose, status: 'nothing-to-write', startedAt, startedBy: custodian, note: request.note ?? '', generations: [], sticks: [], behind: [], sentence: 'Nothing would change, so nothing was written.' };
  }

  private requirePending(jobId: string) {
    const job = this.catalog.writeJobs.get(jobId);
    if (!job) throw new StrongroomError(ErrorCode.WriteJobNotFound, `There is no write ${jobId} on this kiosk.`, { jobId });
    if (job.status !== 'pending') {
      throw new StrongroomError(ErrorCode.WriteJobNotFound, `Write ${jobId} is ${job.status}, not pending: there is nothing to retry or close.`, { jobId });
    }
    return job;
  }

}
