import { ROLE_ARTEFACT } from '../core/artefact-files';
import { locationSentence } from '../core/custody-vocabulary';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { MediumRole } from '../core/medium-manifest';
import type { WriteJobStatus, WriteTargetState } from '../core/write-job';
import type { Catalog } from '../catalog/catalog';
import type { WriteTargetRecord } from '../catalog/write-job-store';
import type { WriteJobReport } from './write-job-plans';

/** What a write job did, read back from the catalog: the same words for a job of this process or of one cut off. */
export class WriteJobReports {
  constructor(private readonly catalog: Catalog) {}

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

  private behind(roles: readonly MediumRole[]): WriteJobReport['behind'] {
    return roles.flatMap((role) => {
      const artefact = ROLE_ARTEFACT[role];
      const newest = this.catalog.generations.newestPublished(artefact);
      return this.catalog.media
        .list()
        .filter((m) => m.role === role)
        .map((m) => ({ m, generation: this.catalog.generations.currentOf(m.mediumId, artefact)?.generation ?? 0 }))
        .filter(({ generation }) => generation < newest)
        .map(({ m, generation }) => ({ mediumId: m.mediumId, role, location: locationSentence(m.location), generation }));
    });
  }
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
