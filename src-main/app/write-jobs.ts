import { randomBytes } from 'node:crypto';
import { judgeSpace, MAX_KEPT_GENERATIONS, MIN_KEPT_GENERATIONS, ROLE_ARTEFACT } from '../core/artefact-files';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { MediumRole } from '../core/medium-manifest';
import { separationRefusedError } from '../core/separation-policy';
import { commitOrder, remainingTargets, settledStatus, type WriteJobPurpose, type WriteJobStatus, type WriteTargetState } from '../core/write-job';
import type { Catalog } from '../catalog/catalog';
import type { WriteTargetRecord } from '../catalog/write-job-store';
import { sha256Hex } from '../platform/atomic-file-writer';
import type { Clock } from '../platform/clock';
import type { KioskSession } from './kiosk-session';
import { mediumIdOf, type InsertedMedium, type MediaDesk } from './media-desk';
import type { ProgressBoard } from './progress-board';
import type { ArtefactRead, StickArtefacts } from './stick-artefacts';

/** A new (or, for replication, existing) generation of one role's artefact, ready to go to its sticks. */
export interface GenerationPlan {
  readonly role: MediumRole;
  readonly generation: number;
  readonly bytes: Uint8Array;
  /** Account ids in the generation's live entries; null when not known (bytes copied from elsewhere). */
  readonly accountIds: readonly string[] | null;
}

export interface WriteJobRequest {
  readonly purpose: WriteJobPurpose;
  readonly note?: string;
  readonly targets: readonly { readonly role: MediumRole; readonly media: readonly InsertedMedium[] }[];
  /**
   * Builds the generations once every target stick passed its first check (opening the current files and
   * encrypting the new ones takes seconds). Null: nothing would change, so nothing is written.
   */
  readonly prepare: () => Promise<readonly GenerationPlan[] | null>;
  /** Called again just before the first byte is written (the air gap, checked once more). */
  readonly beforeWriting?: () => void;
  /** The job copies a generation that exists already, so an earlier pending job does not stand in its way. */
  readonly copiesExistingGeneration?: boolean;
}

export type WriteJobReportStatus = WriteJobStatus | 'nothing-to-write';

export interface WriteJobStickView {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly generation: number;
  readonly state: WriteTargetState;
  readonly errorCode: string | null;
  readonly sentence: string;
  /** Committed, but the stick's audit.jsonl could not be brought up to date (the sentence says why). */
  readonly auditCopyMissing: boolean;
}

export interface WriteJobReport {
  readonly jobId: string | null;
  readonly purpose: WriteJobPurpose;
  readonly status: WriteJobReportStatus;
  readonly startedAt: string;
  readonly startedBy: string;
  readonly note: string;
  readonly generations: readonly { readonly role: MediumRole; readonly artefact: string; readonly generation: number; readonly accounts: number | null }[];
  readonly sticks: readonly WriteJobStickView[];
  /** Sticks in service of the job's roles that do not hold the newest generation (the job's or not). */
  readonly behind: readonly { readonly mediumId: string; readonly role: MediumRole; readonly location: string; readonly generation: number }[];
  readonly sentence: string;
}

interface Target {
  readonly role: MediumRole;
  readonly mediumId: string;
  medium: InsertedMedium;
  state: WriteTargetState;
  errorCode: string | null;
  sentence: string;
  generation: number;
  sha256: string;
}

type Check = { ok: true; medium: InsertedMedium } | { ok: false; code: string; sentence: string };

/**
 * Custody changes as transactions. A write job names every target stick; each is checked first (fresh
 * separation scan, identity, writable, room for the new file and its kept history), the new generation is
 * staged and read back on every one, and only when all staged copies verify is it committed, stick by stick.
 * A commit cut short leaves the job pending: the catalog knows which stick holds what, and a retry writes the
 * same bytes (from memory, or from a stick that already took them), never a new generation.
 */
export class WriteJobs {
  /** Bytes of generations still to commit somewhere: encrypted KDBX only, in this process's memory, never on disk. */
  private readonly bytes = new Map<string, Uint8Array>();
  private readonly settledListeners = new Set<(report: WriteJobReport) => void>();
  /** Jobs this process is writing now; any other job the catalog calls running belongs to another process. */
  private readonly runningHere = new Set<string>();

  constructor(
    private readonly catalog: Catalog,
    private readonly media: MediaDesk,
    private readonly sticks: StickArtefacts,
    private readonly session: KioskSession,
    private readonly clock: Clock,
    private readonly progress: ProgressBoard,
  ) {}

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
    const report = this.report(pending.jobId);
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
    const targets = this.targetsOf(request);
    return this.sticks.exclusive(targets.map((t) => ({ medium: t.medium, name: t.mediumId })), () => {
      // Holding these sticks' locks proves no live process is writing them: a job still "running" on them was cut off.
      this.settleCutOff(targets.map((t) => t.mediumId));
      if (!request.copiesExistingGeneration) this.requireNoPendingJob();
      return this.progress.within(PURPOSE_WORDS[request.purpose], 2 * targets.length, () => this.runJob(request, targets, custodian));
    });
  }

  /**
   * At start-up (the catalog just opened): every job another process left "running" is settled, once the locks of
   * all its sticks can be taken (a live writer would hold one, and its job is left alone). So the custody bar says
   * at once what a kiosk that lost power or a killed window left, instead of waiting for the next write.
   */
  async settleCutOffAtStart(): Promise<WriteJobReport[]> {
    const settled: WriteJobReport[] = [];
    for (const job of this.catalog.writeJobs.running()) {
      if (this.runningHere.has(job.jobId)) continue;
      const mediumIds = [...new Set(this.catalog.writeJobs.targets(job.jobId).map((t) => t.mediumId))];
      const sticks = mediumIds.flatMap((id) => {
        const record = this.catalog.media.get(id);
        return record ? [{ identity: record.identity, name: id }] : [];
      });
      try {
        await this.sticks.exclusiveByIdentity(sticks, async () => settled.push(...this.settleCutOff(mediumIds)));
      } catch (error) {
        // Held by a live writer: its job is not cut off. Anything else is left for the next write to settle.
        if (!(error instanceof StrongroomError && error.code === ErrorCode.StickBusy)) throw error;
      }
    }
    return settled;
  }

  /**
   * A job still "running" in the catalog that names a stick whose lock this process holds was cut off: the process
   * writing it was killed (or the kiosk lost power), since a live one would still hold that lock. It is settled as
   * the sticks' records say: complete where every stick committed; pending where some did (retry writes the same
   * bytes); else failed, its prepared generations abandoned and its staged copies no longer held, so nothing
   * unwritten counts as good and the stick keeps its previous generation.
   */
  private settleCutOff(lockedMediumIds: readonly string[]): WriteJobReport[] {
    const settled: WriteJobReport[] = [];
    for (const job of this.catalog.writeJobs.running()) {
      if (this.runningHere.has(job.jobId)) continue;
      const records = this.catalog.writeJobs.targets(job.jobId);
      if (!records.some((r) => lockedMediumIds.includes(r.mediumId))) continue;
      const committed = records.filter((r) => r.state === 'committed');
      const now = this.now();
      // Nothing committed: its generations are abandoned. Else the job stays pending, its staged copies held for the retry.
      for (const artefact of committed.length ? [] : new Set(records.map((r) => r.artefact))) {
        const ofArtefact = records.filter((r) => r.artefact === artefact);
        const generation = ofArtefact[0]!.generation;
        if (this.catalog.generations.get(artefact, generation)?.status === 'prepared') this.catalog.generations.setStatus(artefact, generation, 'abandoned');
        for (const r of ofArtefact) if (this.catalog.generations.filesOf(r.mediumId, artefact).some((f) => f.generation === generation && f.state === 'staged')) this.catalog.generations.removeFile(r.mediumId, artefact, generation);
      }
      for (const r of records) {
        if (r.state === 'committed' || r.state === 'left-behind') continue;
        const sentence = committed.length
          ? `${r.mediumId}: the write was cut off (Strongroom was stopped while writing) after ${committed.map((c) => c.mediumId).join(', ')} committed. Insert ${r.mediumId} and retry: the same generation ${r.generation} is written.`
          : `${r.mediumId}: the write was cut off (Strongroom was stopped while writing). Nothing of it was committed; the stick keeps its previous generation. Do the change again.`;
        this.catalog.writeJobs.putTarget({ ...r, state: committed.length ? 'failed' : 'planned', errorCode: ErrorCode.WriteCutOff, sentence, updatedAt: now });
      }
      const everywhere = records.every((r) => r.state === 'committed' || r.state === 'left-behind');
      const status: WriteJobStatus = everywhere ? 'complete' : committed.length ? 'pending' : 'failed';
      this.catalog.writeJobs.setStatus(job.jobId, status, status === 'pending' ? null : now);
      // At start-up nobody may be signed in yet: the event is then recorded in the name of who started the job.
      this.session.recordAs(this.session.status().custodian ?? job.startedBy, { action: `write-job.${status}`, subject: job.jobId, details: { cutOff: true, committed: committed.map((r) => r.mediumId).join(', ') } });
      const report = this.report(job.jobId);
      settled.push(report);
      if (status !== 'failed') for (const listener of [...this.settledListeners]) listener(report);
    }
    return settled;
  }

  private async runJob(request: WriteJobRequest, allTargets: Target[], custodian: string): Promise<WriteJobReport> {
    const startedAt = this.clock.now().toISOString();
    const jobId = `WJ-${startedAt.slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    this.runningHere.add(jobId);
    let targets = allTargets;
    this.progress.sticks(targets);

    this.progress.announce('Checking every stick before writing');
    if (!(await this.checkAll(targets, null))) {
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
    const registered = this.register(jobId, plans, custodian, startedAt);
    this.catalog.writeJobs.create({ jobId, purpose: request.purpose, status: 'running', startedBy: custodian, startedAt, note: request.note ?? '' });
    this.persist(jobId, targets);

    // The files are built; the sticks are checked again from a fresh scan, now knowing the exact sizes.
    this.progress.announce('Checking every stick again, with the size of the new files');
    if (!(await this.checkAll(targets, plans))) {
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
        this.setTarget(jobId, target, 'staged', null, 'Staged and read back; not yet committed.');
      } catch (error) {
        this.failTarget(jobId, target, error, 'stage');
        for (const other of targets) if (other !== target) this.progress.stick(other.mediumId, other.role, 'not-written');
        return this.finishFailedStaging(jobId, targets, registered);
      }
    }
    for (const plan of plans) this.bytes.set(keyOf(plan.role, plan.generation), plan.bytes);

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
    const targets: Target[] = [];
    this.progress.announce('Looking for the pending sticks');
    for (const record of remaining) {
      const medium = await this.media.insertedByMediumId(record.mediumId);
      if (!medium) {
        const sentence = `${record.mediumId} is not inserted. Insert it and retry.`;
        this.catalog.writeJobs.putTarget({ ...record, state: 'failed', errorCode: ErrorCode.MediumNotFound, sentence, updatedAt: this.now() });
        this.progress.stick(record.mediumId, record.role, 'failed', sentence);
        continue;
      }
      targets.push({ role: record.role, mediumId: record.mediumId, medium, state: record.state, errorCode: record.errorCode, sentence: record.sentence, generation: record.generation, sha256: record.sha256 });
    }
    const ready: Target[] = [];
    this.progress.step('Checking the pending sticks before writing');
    for (const target of targets) {
      this.progress.stick(target.mediumId, target.role, 'checking');
      const checked = await this.check(target, this.catalog.generations.get(ROLE_ARTEFACT[target.role], target.generation)?.sizeBytes ?? null);
      this.progress.stick(target.mediumId, target.role, checked.ok ? 'checked' : 'refused', checked.ok ? null : checked.sentence);
      if (!checked.ok) {
        this.catalog.writeJobs.putTarget({ jobId, mediumId: target.mediumId, artefact: ROLE_ARTEFACT[target.role], generation: target.generation, sha256: target.sha256, state: 'failed', errorCode: checked.code, sentence: checked.sentence, updatedAt: this.now() });
        this.audit('artefact.write-refused', target, { job: jobId, role: target.role, reasons: checked.sentence });
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
          const bytes = await this.sameBytes(target);
          await this.sticks.stage(target.medium, target.role, target.generation, bytes, custodian);
        }
        this.setTarget(jobId, target, 'staged', null, 'Staged and read back; not yet committed.');
      } catch (error) {
        this.failTarget(jobId, target, error, 'stage');
      }
    }
    await this.commitAll(jobId, ready.filter((t) => t.state === 'staged'), custodian);
    this.session.record({ action: 'write-job.retried', subject: jobId, details: { sticks: ready.map((t) => t.mediumId).join(', ') } });
    return this.settle(jobId);
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
    const now = this.now();
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
      this.bytes.delete(`${artefact}:${ofRole[0]!.generation}`);
    }
    this.catalog.writeJobs.setStatus(jobId, 'closed', now);
    this.session.record({ action: 'write-job.closed', subject: jobId, details: { reason: why, leftBehind: remainingTargets(records).map((r) => r.mediumId).join(', '), abandoned: abandoned.join(', ') } });
    const report = this.report(jobId);
    for (const listener of [...this.settledListeners]) listener(report);
    return report;
  }

  report(jobId: string): WriteJobReport {
    const job = this.catalog.writeJobs.get(jobId);
    if (!job) throw new StrongroomError(ErrorCode.WriteJobNotFound, `There is no write ${jobId} on this kiosk.`, { jobId });
    const targets = this.catalog.writeJobs.targets(jobId);
    const roles = [...new Set(targets.map((t) => t.role))];
    const generations = roles.map((role) => {
      const generation = targets.find((t) => t.role === role)!.generation;
      const record = generation > 0 ? this.catalog.generations.get(ROLE_ARTEFACT[role], generation) : undefined;
      return { role, artefact: ROLE_ARTEFACT[role], generation, accounts: record?.accountIds?.length ?? null };
    });
    const sticks = targets.map((t) => ({ mediumId: t.mediumId, role: t.role, generation: t.generation, state: t.state, errorCode: t.errorCode, sentence: t.sentence, auditCopyMissing: t.state === 'committed' && t.errorCode === ErrorCode.AuditCopyNotWritten }));
    const withoutCopy = sticks.filter((s) => s.auditCopyMissing).map((s) => s.mediumId);
    const copies = withoutCopy.length ? ` The audit copy could not be written on ${withoutCopy.join(', ')}: run Verify on ${withoutCopy.length === 1 ? 'that stick' : 'those sticks'}.` : '';
    return { jobId, purpose: job.purpose, status: job.status, startedAt: job.startedAt, startedBy: job.startedBy, note: job.note, generations, sticks, behind: this.behind(roles), sentence: `${summarise(job.status, sticks)}${copies}` };
  }

  /** Jobs that still have sticks to write. */
  pending(): WriteJobReport[] {
    return this.catalog.writeJobs.pending().map((j) => this.report(j.jobId));
  }

  recent(limit = 10): WriteJobReport[] {
    return this.catalog.writeJobs.recent(limit).map((j) => this.report(j.jobId));
  }

  /**
   * The newest generation of a role, read strictly from an inserted stick that holds it (the given ones first):
   * what a new generation is built on, and what replication copies.
   */
  async readNewest(role: MediumRole, preferred: readonly InsertedMedium[] = []): Promise<ArtefactRead | null> {
    const artefact = ROLE_ARTEFACT[role];
    const newest = this.catalog.generations.newestPublished(artefact);
    if (newest === 0) return null;
    const holders = new Set(this.catalog.generations.holdersOf(artefact, newest));
    const everywhere = [...preferred, ...(await this.media.inserted())];
    const holder = everywhere.find((m) => {
      const id = mediumIdOf(m);
      return id !== null && holders.has(id) && m.catalogRecord?.mediumId === id && m.manifest?.mediumId === id;
    });
    if (!holder) {
      const named = [...holders].filter((id) => this.catalog.media.get(id)?.lifecycle === 'active');
      throw new StrongroomError(
        ErrorCode.NewestGenerationMissing,
        `To change the ${role === 'vault' ? 'vault' : 'seed store'}, Strongroom needs its newest version (generation ${newest}), held by ${named.join(', ') || 'no stick in service'}. Insert one of those sticks.`,
        { role, generation: newest },
      );
    }
    return this.sticks.read(holder, role, 'strict');
  }

  /**
   * Copies a stick's current generation to another stick of the same role, as a one-stick write job (checked,
   * staged, read back, committed). Only the newest generation is copied: an older one would move the target back.
   */
  async replicate(fromDevicePath: string, toDevicePath: string, role: MediumRole): Promise<WriteJobReport> {
    const source = await this.media.locate(fromDevicePath);
    const target = await this.media.locate(toDevicePath);
    const read = await this.sticks.read(source, role, 'strict');
    const newest = this.catalog.generations.newestPublished(ROLE_ARTEFACT[role]);
    if (read.generation !== newest) {
      throw new StrongroomError(
        ErrorCode.NewestGenerationMissing,
        `${read.mediumId} holds ${ROLE_ARTEFACT[role]} generation ${read.generation}, but generation ${newest} is the newest. Copy from a stick that holds generation ${newest}.`,
        { mediumId: read.mediumId, generation: newest },
      );
    }
    return this.run({
      purpose: 'replicate',
      note: `copy of generation ${newest} from ${read.mediumId}`,
      copiesExistingGeneration: true,
      targets: [{ role, media: [target] }],
      prepare: async () => [{ role, generation: newest, bytes: read.bytes, accountIds: this.catalog.generations.get(ROLE_ARTEFACT[role], newest)?.accountIds ?? null }],
    });
  }

  /**
   * Writes given bytes as a generation to one stick (a one-stick job). Throws the stick's error when it is not
   * committed, for callers that handle one stick at a time.
   */
  async writeToStick(devicePath: string, role: MediumRole, bytes: Uint8Array, generation: number, purpose: WriteJobPurpose = 'write'): Promise<WriteJobReport> {
    const medium = await this.media.locate(devicePath);
    const report = await this.run({ purpose, copiesExistingGeneration: true, targets: [{ role, media: [medium] }], prepare: async () => [{ role, generation, bytes, accountIds: null }] });
    const stick = report.sticks[0];
    if (report.status !== 'complete' && stick) throw this.stickError(stick);
    return report;
  }

  /** The error a one-stick caller sees for a stick that was not committed. */
  stickError(stick: WriteJobStickView): StrongroomError {
    const code = (Object.values(ErrorCode) as string[]).includes(stick.errorCode ?? '') ? (stick.errorCode as ErrorCode) : ErrorCode.WriteIncomplete;
    return new StrongroomError(code, stick.sentence, { mediumId: stick.mediumId });
  }

  // ---------------------------------------------------------------------------------------------------------

  private targetsOf(request: WriteJobRequest): Target[] {
    const seen = new Set<string>();
    const out: Target[] = [];
    for (const { role, media } of request.targets) {
      for (const medium of media) {
        const mediumId = mediumIdOf(medium) ?? medium.drive.devicePath;
        if (seen.has(`${role}:${mediumId}`)) continue;
        seen.add(`${role}:${mediumId}`);
        out.push({ role, mediumId, medium, state: 'planned', errorCode: null, sentence: 'Waiting for the other sticks to be checked.', generation: 0, sha256: '' });
      }
    }
    if (out.length === 0) throw new StrongroomError(ErrorCode.NoMediumInserted, 'No stick was chosen to write to. Insert the labelled sticks and choose them.');
    return out;
  }

  private async checkAll(targets: Target[], plans: readonly GenerationPlan[] | null): Promise<boolean> {
    let allOk = true;
    for (const target of targets) {
      const size = plans ? plans.find((p) => p.role === target.role)!.bytes.length : null;
      this.progress.stick(target.mediumId, target.role, 'checking');
      const checked = await this.check(target, size);
      this.progress.stick(target.mediumId, target.role, checked.ok ? 'checked' : 'refused', checked.ok ? null : checked.sentence);
      if (checked.ok) {
        target.medium = checked.medium;
        target.sentence = 'Checked: ready to write.';
      } else {
        allOk = false;
        target.state = 'refused';
        target.errorCode = checked.code;
        target.sentence = checked.sentence;
        this.audit('artefact.write-refused', target, { role: target.role, artefact: ROLE_ARTEFACT[target.role], reasons: checked.sentence });
      }
    }
    if (!allOk) {
      for (const target of targets) {
        if (target.state !== 'planned') continue;
        target.sentence = 'Not written: another stick was refused, so no stick was written.';
        this.progress.stick(target.mediumId, target.role, 'not-written', target.sentence);
      }
    }
    return allOk;
  }

  /**
   * One stick, checked from a scan made now: label and identity, in service, writable, separation, the current
   * file still what the catalog recorded, room for the new file plus the kept history.
   */
  private async check(target: Target, size: number | null): Promise<Check> {
    const refuse = (error: unknown): Check => ({
      ok: false,
      code: error instanceof StrongroomError ? error.code : ErrorCode.MediumUnreadable,
      sentence: `${target.mediumId}: ${error instanceof StrongroomError ? error.message : `the stick cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`}`,
    });
    const artefact = ROLE_ARTEFACT[target.role];
    try {
      let medium = await this.media.find(target.medium.drive.devicePath);
      const manifest = this.media.requireLabelled(medium, target.role);
      this.media.refuseIfReadOnly(medium, 'write');
      // The stick's audit copy must be one the kiosk chain extends, or nothing at all is written there.
      await this.sticks.requireAuditCopyExtended(medium, manifest.mediumId);
      const recovered = await this.sticks.recover(medium, target.role);
      if (recovered.length > 0) {
        this.audit('medium.leftovers-cleared', target, { done: recovered.join('; ') });
        medium = await this.media.find(target.medium.drive.devicePath);
      }
      const decision = this.media.decide(medium, target.role);
      if (decision.verdict === 'refused') throw separationRefusedError(target.role, decision);

      const recorded = this.catalog.generations.currentOf(manifest.mediumId, artefact);
      const onDisk = await this.sticks.currentOnDisk(medium, target.role);
      const isTarget = onDisk !== null && target.sha256 !== '' && onDisk.sha256 === target.sha256;
      if (onDisk && !isTarget && (!recorded || recorded.sha256 !== onDisk.sha256)) {
        throw new StrongroomError(
          ErrorCode.WriteNotVerified,
          recorded
            ? `${artefact} has changed since generation ${recorded.generation} was written there, so it is not replaced. Verify this stick first.`
            : `it holds an ${artefact} this kiosk did not write, so it is not replaced. Have a custodian look at it, or wipe it and label it again.`,
        );
      }
      const space = await this.sticks.space(medium, target.role);
      const estimate = size ?? onDisk?.size ?? recorded?.sizeBytes ?? 0;
      if (space.freeBytes !== null) {
        const verdict = judgeSpace({ size: estimate, freeBytes: space.freeBytes, artefactBytes: space.artefactBytes, keep: this.catalog.settings.read().keptGenerations });
        if (!verdict.ok) {
          throw new StrongroomError(
            ErrorCode.MediumFull,
            `the stick has ${mib(space.freeBytes)} free, but the new ${artefact} (${mib(estimate)}) and the ${this.catalog.settings.read().keptGenerations} generations it keeps need ${mib(Math.max(verdict.neededNow, verdict.neededForHistory - space.artefactBytes))} free. Use a bigger stick or remove files that do not belong there; nothing was written.`,
          );
        }
      }
      return { ok: true, medium };
    } catch (error) {
      return refuse(error);
    }
  }

  /** Registers the new generations; a number already taken by other bytes is refused, never reused silently. */
  private register(jobId: string, plans: readonly GenerationPlan[], custodian: string, at: string): GenerationPlan[] {
    const created: GenerationPlan[] = [];
    for (const plan of plans) {
      const artefact = ROLE_ARTEFACT[plan.role];
      const sha256 = sha256Hex(plan.bytes);
      const existing = this.catalog.generations.get(artefact, plan.generation);
      if (existing) {
        if (existing.sha256 !== sha256) {
          throw new StrongroomError(
            ErrorCode.GenerationConflict,
            `${artefact} generation ${plan.generation} already exists with other contents. A generation is written once; copy the newest one from a stick that holds it instead.`,
            { artefact, generation: plan.generation },
          );
        }
        continue;
      }
      this.catalog.generations.prepare({ artefact, generation: plan.generation, sha256, sizeBytes: plan.bytes.length, accountIds: plan.accountIds, jobId, createdBy: custodian, createdAt: at });
      created.push(plan);
    }
    return created;
  }

  private abandon(plans: readonly GenerationPlan[]): void {
    for (const plan of plans) {
      const record = this.catalog.generations.get(ROLE_ARTEFACT[plan.role], plan.generation);
      if (record && record.status === 'prepared') this.catalog.generations.setStatus(record.artefact, record.generation, 'abandoned');
      this.bytes.delete(keyOf(plan.role, plan.generation));
    }
  }

  private async commitAll(jobId: string, targets: Target[], custodian: string): Promise<void> {
    for (const target of commitOrder(targets)) {
      this.progress.step(`Committing generation ${target.generation} on ${target.mediumId}`);
      this.progress.stick(target.mediumId, target.role, 'committing');
      try {
        const receipt = await this.sticks.commit(target.medium, target.role, target.generation, target.sha256, custodian);
        this.setTarget(jobId, target, 'committed', null, `Committed generation ${target.generation} and read it back${receipt.readBackFromDevice ? ' from the stick' : ''}.`);
        this.audit('artefact.written', target, {
          job: jobId,
          role: target.role,
          artefact: ROLE_ARTEFACT[target.role],
          generation: target.generation,
          sha256: target.sha256,
          readBackFromDevice: receipt.readBackFromDevice,
          ...(receipt.pruned.length ? { prunedGenerations: receipt.pruned.join(', ') } : {}),
        });
      } catch (error) {
        this.failTarget(jobId, target, error, 'commit');
        continue;
      }
      try {
        await this.sticks.writeAuditCopy(target.medium, target.mediumId);
      } catch (error) {
        this.auditCopyFailed(jobId, target, error);
      }
    }
  }

  /**
   * The artefact is committed, but the stick's witness of the trail is not up to date: the stick still holds the
   * new generation, so the job is not failed, yet the custodian is told, and Verify on that stick says more.
   */
  private auditCopyFailed(jobId: string, target: Target, error: unknown): void {
    const why = error instanceof StrongroomError ? error.message : `${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    const what = target.role === 'vault' ? 'the vault' : 'the seed store';
    this.setTarget(jobId, target, 'committed', ErrorCode.AuditCopyNotWritten, `${target.sentence} ${capitalise(what)} was written, but its audit copy could not be: ${why.replace(/\.$/, '')}; run Verify on this stick.`);
    this.audit('medium.audit-copy-missing', target, { job: jobId, error: error instanceof StrongroomError ? error.code : ((error as NodeJS.ErrnoException).code ?? 'UNEXPECTED') });
  }

  /** After the commits: the job's status, the generations' bytes forgotten once every stick has them. */
  private settle(jobId: string): WriteJobReport {
    const records = this.catalog.writeJobs.targets(jobId);
    const status = settledStatus(records);
    this.catalog.writeJobs.setStatus(jobId, status, status === 'complete' ? this.now() : null);
    if (status === 'complete') for (const r of records) this.bytes.delete(`${r.artefact}:${r.generation}`);
    const report = this.report(jobId);
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

  private finishRefused(jobId: string, request: WriteJobRequest, targets: Target[], custodian: string, startedAt: string, recorded = false): WriteJobReport {
    if (!recorded) this.catalog.writeJobs.create({ jobId, purpose: request.purpose, status: 'refused', startedBy: custodian, startedAt, note: request.note ?? '' });
    this.catalog.writeJobs.setStatus(jobId, 'refused', this.now());
    this.persist(jobId, targets);
    this.session.record({
      action: 'write-job.refused',
      subject: jobId,
      details: { purpose: request.purpose, refused: targets.filter((t) => t.state === 'refused').map((t) => t.mediumId).join(', ') },
    });
    return this.report(jobId);
  }

  private async finishFailedStaging(jobId: string, targets: Target[], registered: readonly GenerationPlan[]): Promise<WriteJobReport> {
    for (const target of targets) {
      if (target.state === 'staged') {
        await this.sticks.discardStaged(target.medium, target.role, target.generation).catch(() => undefined);
        this.setTarget(jobId, target, 'planned', null, 'Not written: another stick failed while the new files were staged, so none was committed. The staged copy was removed.');
      } else if (target.state === 'planned') {
        this.setTarget(jobId, target, 'planned', null, 'Not written: another stick failed while the new files were staged, so none was committed.');
      }
    }
    this.abandon(registered);
    this.catalog.writeJobs.setStatus(jobId, 'failed', this.now());
    this.session.record({ action: 'write-job.failed', subject: jobId, details: { failed: targets.filter((t) => t.state === 'failed').map((t) => t.mediumId).join(', ') } });
    return this.report(jobId);
  }

  private nothingToWrite(request: WriteJobRequest, custodian: string, startedAt: string): WriteJobReport {
    return { jobId: null, purpose: request.purpose, status: 'nothing-to-write', startedAt, startedBy: custodian, note: request.note ?? '', generations: [], sticks: [], behind: [], sentence: 'Nothing would change, so nothing was written.' };
  }

  /** The same bytes again: from memory, else from a stick that holds this generation (checked by SHA-256). */
  private async sameBytes(target: Target): Promise<Uint8Array> {
    const held = this.bytes.get(keyOf(target.role, target.generation));
    if (held) return held;
    const artefact = ROLE_ARTEFACT[target.role];
    const holders = new Set(
      this.catalog.media
        .list()
        .filter((m) => m.role === target.role)
        .filter((m) => this.catalog.generations.filesOf(m.mediumId, artefact).some((f) => f.generation === target.generation))
        .map((m) => m.mediumId),
    );
    for (const medium of await this.media.inserted()) {
      const id = mediumIdOf(medium);
      if (!id || !holders.has(id)) continue;
      try {
        const read = await this.sticks.readGeneration(medium, target.role, target.generation);
        if (read.sha256 === target.sha256) return read.bytes;
      } catch {
        // Another holder may do.
      }
    }
    throw new StrongroomError(
      ErrorCode.NewestGenerationMissing,
      `The bytes of ${artefact} generation ${target.generation} are no longer in memory (Strongroom was restarted) and no inserted stick holds them. Insert ${[...holders].join(' or ') || 'a stick that took them'} as well, and retry.`,
      { generation: target.generation },
    );
  }

  private requirePending(jobId: string) {
    const job = this.catalog.writeJobs.get(jobId);
    if (!job) throw new StrongroomError(ErrorCode.WriteJobNotFound, `There is no write ${jobId} on this kiosk.`, { jobId });
    if (job.status !== 'pending') {
      throw new StrongroomError(ErrorCode.WriteJobNotFound, `Write ${jobId} is ${job.status}, not pending: there is nothing to retry or close.`, { jobId });
    }
    return job;
  }

  private behind(roles: readonly MediumRole[]): WriteJobReport['behind'] {
    return roles.flatMap((role) => {
      const artefact = ROLE_ARTEFACT[role];
      const newest = this.catalog.generations.newestPublished(artefact);
      return this.catalog.media
        .list()
        .filter((m) => m.role === role)
        .map((m) => ({ m, generation: this.catalog.generations.currentOf(m.mediumId, artefact)?.generation ?? 0 }))
        .filter(({ generation }) => generation < newest)
        .map(({ m, generation }) => ({ mediumId: m.mediumId, role, location: `${m.location.kind}${m.location.note ? `: ${m.location.note}` : ''}`, generation }));
    });
  }

  private persist(jobId: string, targets: readonly Target[]): void {
    for (const t of targets) {
      this.catalog.writeJobs.putTarget({ jobId, mediumId: t.mediumId, artefact: ROLE_ARTEFACT[t.role], generation: t.generation, sha256: t.sha256, state: t.state, errorCode: t.errorCode, sentence: t.sentence, updatedAt: this.now() });
    }
  }

  private setTarget(jobId: string, target: Target, state: WriteTargetState, code: string | null, sentence: string): void {
    target.state = state;
    target.errorCode = code;
    target.sentence = sentence;
    this.persist(jobId, [target]);
    if (state === 'staged' || state === 'committed' || state === 'failed') this.progress.stick(target.mediumId, target.role, state, state === 'failed' ? sentence : null);
  }

  private failTarget(jobId: string, target: Target, error: unknown, phase: 'stage' | 'commit'): void {
    const code = error instanceof StrongroomError ? error.code : 'UNEXPECTED';
    const why = error instanceof StrongroomError ? error.message : (error as Error).message;
    const sentence =
      phase === 'commit'
        ? `${target.mediumId}: the commit was cut short (${why}) Insert ${target.mediumId} again and retry: the same generation ${target.generation} is written.`
        : `${target.mediumId}: staging failed (${why})`;
    this.setTarget(jobId, target, 'failed', code, sentence);
    this.audit('artefact.write-failed', target, { job: jobId, role: target.role, artefact: ROLE_ARTEFACT[target.role], generation: target.generation, phase, error: code });
  }

  private audit(action: string, target: Target, details: Record<string, string | number | boolean>): void {
    this.media.audit(action, target.mediumId, target.medium, details);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

/** What the board says a job is, when a write job runs on its own (a copy, a replacement) rather than inside a custody write. */
const PURPOSE_WORDS: Readonly<Record<WriteJobPurpose, string>> = {
  enrolment: 'Writing the enrolments',
  provision: 'Writing the provisioned accounts',
  'rotation-start': 'Writing the pending credential',
  'rotation-confirm': 'Writing the confirmed rotation',
  'rotation-cancel': 'Writing the cancelled rotation',
  'passphrase-change': 'Writing under the new passphrase',
  replicate: 'Copying the newest generation',
  'replace-medium': 'Copying the newest generation onto the replacement',
  write: 'Writing the vault and the seeds',
};

function keyOf(role: MediumRole, generation: number): string {
  return `${ROLE_ARTEFACT[role]}:${generation}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function summarise(status: WriteJobStatus, sticks: readonly Pick<WriteTargetRecord, 'mediumId' | 'state'>[]): string {
  const ids = (state: WriteTargetState) => sticks.filter((s) => s.state === state).map((s) => s.mediumId);
  switch (status) {
    case 'complete':
      return `Committed on ${ids('committed').join(', ')}, each read back and verified.`;
    case 'pending':
      return `Committed on ${ids('committed').join(', ') || 'no stick yet'}; still pending on ${sticks.filter((s) => s.state !== 'committed' && s.state !== 'left-behind').map((s) => s.mediumId).join(', ')}. Retry writes the same generation.`;
    case 'refused':
      return `Nothing was written: ${ids('refused').join(', ')} failed the check before writing, so every stick still holds what it held.`;
    case 'failed':
      return `Nothing was committed: ${ids('failed').join(', ')} failed while the new files were staged, so every stick still holds what it held.`;
    case 'closed':
      return `Closed; ${ids('left-behind').join(', ') || 'no stick'} left behind, to be updated later by copying.`;
    case 'running':
      return 'In progress.';
  }
}
