import { ErrorCode, StrongroomError } from '../core/errors';
import type { WriteJobStatus } from '../core/write-job';
import type { Catalog } from '../catalog/catalog';
import type { KioskSession } from './kiosk-session';
import type { StickArtefacts } from './stick-artefacts';
import type { WriteJobReport } from './write-job-plans';
import type { WriteJobReports } from './write-job-reports';

/**
 * Write jobs whose process was stopped while writing (killed, or the kiosk lost power): found by holding the locks
 * of their sticks, and settled from what the sticks' records say, so nothing unwritten counts as good.
 */
export class CutOffWriteJobs {
  constructor(
    private readonly catalog: Catalog,
    private readonly sticks: StickArtefacts,
    private readonly session: KioskSession,
    private readonly reports: WriteJobReports,
    /** Jobs this process is writing now; any other job the catalog calls running belongs to another process. */
    private readonly runningHere: ReadonlySet<string>,
    /** Tells the desks a job settled with something committed. */
    private readonly settled: (report: WriteJobReport) => void,
    private readonly now: () => string,
  ) {}

  /**
   * At start-up (the catalog just opened): every job another process left "running" is settled, once the locks of
   * all its sticks can be taken (a live writer would hold one, and its job is left alone). So the custody bar says
   * at once what a kiosk that lost power or a killed window left, instead of waiting for the next write.
   */
  async settleAtStart(): Promise<WriteJobReport[]> {
    const settled: WriteJobReport[] = [];
    for (const job of this.catalog.writeJobs.running()) {
      if (this.runningHere.has(job.jobId)) continue;
      const mediumIds = [...new Set(this.catalog.writeJobs.targets(job.jobId).map((t) => t.mediumId))];
      const sticks = mediumIds.flatMap((id) => {
        const record = this.catalog.media.get(id);
        return record ? [{ identity: record.identity, name: id }] : [];
      });
      try {
        await this.sticks.exclusiveByIdentity(sticks, async () => settled.push(...this.settle(mediumIds)));
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
  settle(lockedMediumIds: readonly string[]): WriteJobReport[] {
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
      const report = this.reports.report(job.jobId);
      settled.push(report);
      if (status !== 'failed') this.settled(report);
    }
    return settled;
  }
}
