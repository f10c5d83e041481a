import { ROLE_ARTEFACT } from '../core/artefact-files';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { WriteTargetState } from '../core/write-job';
import type { Catalog } from '../catalog/catalog';
import { sha256Hex } from '../platform/atomic-file-writer';
import type { Clock } from '../platform/clock';
import type { MediaDesk } from './media-desk';
import type { ProgressBoard } from './progress-board';
import type { GenerationPlan, WriteTarget } from './write-job-plans';

/**
 * Where a write job's bookkeeping goes: each stick's state in the catalog (so a cut-off job can be settled from
 * it), on the progress board, and on the audit trail; and the generations a job registers or abandons.
 */
export class WriteTargetLedger {
  constructor(
    private readonly catalog: Catalog,
    private readonly media: MediaDesk,
    private readonly clock: Clock,
    private readonly progress: ProgressBoard,
  ) {}

  /** Registers the new generations; a number already taken by other bytes is refused, never reused silently. */
  register(jobId: string, plans: readonly GenerationPlan[], custodian: string, at: string): GenerationPlan[] {
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

  /** Generations a job registered but wrote nowhere no longer count as prepared. */
  abandon(plans: readonly GenerationPlan[]): void {
    for (const plan of plans) {
      const record = this.catalog.generations.get(ROLE_ARTEFACT[plan.role], plan.generation);
      if (record && record.status === 'prepared') this.catalog.generations.setStatus(record.artefact, record.generation, 'abandoned');
    }
  }

  /**
   * The artefact is committed, but the stick's witness of the trail is not up to date: the stick still holds the
   * new generation, so the job is not failed, yet the custodian is told, and Verify on that stick says more.
   */
  auditCopyFailed(jobId: string, target: WriteTarget, error: unknown): void {
    const why = error instanceof StrongroomError ? error.message : `${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    const what = target.role === 'vault' ? 'the vault' : 'the seed store';
    this.setTarget(jobId, target, 'committed', ErrorCode.AuditCopyNotWritten, `${target.sentence} ${capitalise(what)} was written, but its audit copy could not be: ${why.replace(/\.$/, '')}; run Verify on this stick.`);
    this.audit('medium.audit-copy-missing', target, { job: jobId, error: error instanceof StrongroomError ? error.code : ((error as NodeJS.ErrnoException).code ?? 'UNEXPECTED') });
  }

  persist(jobId: string, targets: readonly WriteTarget[]): void {
    for (const t of targets) {
      this.catalog.writeJobs.putTarget({ jobId, mediumId: t.mediumId, artefact: ROLE_ARTEFACT[t.role], generation: t.generation, sha256: t.sha256, state: t.state, errorCode: t.errorCode, sentence: t.sentence, updatedAt: this.now() });
    }
  }

  setTarget(jobId: string, target: WriteTarget, state: WriteTargetState, code: string | null, sentence: string): void {
    target.state = state;
    target.errorCode = code;
    target.sentence = sentence;
    this.persist(jobId, [target]);
    if (state === 'staged' || state === 'committed' || state === 'failed') this.progress.stick(target.mediumId, target.role, state, state === 'failed' ? sentence : null);
  }

  failTarget(jobId: string, target: WriteTarget, error: unknown, phase: 'stage' | 'commit'): void {
    const code = error instanceof StrongroomError ? error.code : 'UNEXPECTED';
    const why = error instanceof StrongroomError ? error.message : (error as Error).message;
    const sentence =
      phase === 'commit'
        ? `${target.mediumId}: the commit was cut short (${why}) Insert ${target.mediumId} again and retry: the same generation ${target.generation} is written.`
        : `${target.mediumId}: staging failed (${why})`;
    this.setTarget(jobId, target, 'failed', code, sentence);
    this.audit('artefact.write-failed', target, { job: jobId, role: target.role, artefact: ROLE_ARTEFACT[target.role], generation: target.generation, phase, error: code });
  }

  audit(action: string, target: WriteTarget, details: Record<string, string | number | boolean>): void {
    this.media.audit(action, target.mediumId, target.medium, details);
  }

  now(): string {
    return this.clock.now().toISOString();
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
