import { judgeSpace, ROLE_ARTEFACT } from '../core/artefact-files';
import { mediumName } from '../core/custody-vocabulary';
import { ErrorCode, StrongroomError } from '../core/errors';
import { separationRefusedError } from '../core/separation-policy';
import type { Catalog } from '../catalog/catalog';
import type { MediaDesk } from './media-desk';
import type { ProgressBoard } from './progress-board';
import type { StickArtefacts } from './stick-artefacts';
import type { GenerationPlan, TargetCheck, WriteJobRequest, WriteTarget } from './write-job-plans';
import type { WriteTargetLedger } from './write-target-ledger';

/**
 * The pre-flight of a write job: every target stick is checked from a fresh scan before any byte is written, and
 * again once the new files' sizes are known, so one refused stick means no stick is written.
 */
export class WriteTargetChecks {
  constructor(
    private readonly catalog: Catalog,
    private readonly media: MediaDesk,
    private readonly sticks: StickArtefacts,
    private readonly progress: ProgressBoard,
    private readonly ledger: WriteTargetLedger,
  ) {}

  /** Checks every target; false when any was refused (then the others are marked not written). */
  async checkAll(targets: WriteTarget[], plans: readonly GenerationPlan[] | null): Promise<boolean> {
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
        this.ledger.audit('artefact.write-refused', target, { role: target.role, artefact: ROLE_ARTEFACT[target.role], reasons: checked.sentence });
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
  async check(target: WriteTarget, size: number | null): Promise<TargetCheck> {
    const refuse = (error: unknown): TargetCheck => ({
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
        this.ledger.audit('medium.leftovers-cleared', target, { done: recovered.join('; ') });
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

}

/** One target per stick and role named in the request (a stick named twice is written once). */
export function targetsOf(request: WriteJobRequest): WriteTarget[] {
    const seen = new Set<string>();
  const out: WriteTarget[] = [];
  for (const { role, media } of request.targets) {
    for (const medium of media) {
      const mediumId = mediumName(medium);
      if (seen.has(`${role}:${mediumId}`)) continue;
      seen.add(`${role}:${mediumId}`);
      out.push({ role, mediumId, medium, state: 'planned', errorCode: null, sentence: 'Waiting for the other sticks to be checked.', generation: 0, sha256: '' });
    }
  }
  if (out.length === 0) throw new StrongroomError(ErrorCode.NoMediumInserted, 'No stick was chosen to write to. Insert the labelled sticks and choose them.');
  return out;
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
