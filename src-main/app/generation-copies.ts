import { ROLE_ARTEFACT } from '../core/artefact-files';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { MediumRole } from '../core/medium-manifest';
import type { WriteJobPurpose } from '../core/write-job';
import type { Catalog } from '../catalog/catalog';
import { mediumIdOf, type MediaDesk } from './media-desk';
import type { InsertedMedium } from './inserted-medium';
import type { ArtefactRead, StickArtefacts } from './stick-artefacts';
import type { WriteJobReport, WriteJobRequest, WriteJobStickView } from './write-job-plans';

/**
 * Generations that exist already, read from or copied to sticks: the newest one to build on, a copy onto another
 * stick of the role, and given bytes written to one stick. Each copy is an ordinary write job.
 */
export class GenerationCopies {
  constructor(
    private readonly catalog: Catalog,
    private readonly media: MediaDesk,
    private readonly sticks: StickArtefacts,
    private readonly run: (request: WriteJobRequest) => Promise<WriteJobReport>,
  ) {}

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
    if (report.status !== 'complete' && stick) throw stickError(stick);
    return report;
  }
}

/** The error a one-stick caller sees for a stick that was not committed. */
export function stickError(stick: WriteJobStickView): StrongroomError {
  const code = (Object.values(ErrorCode) as string[]).includes(stick.errorCode ?? '') ? (stick.errorCode as ErrorCode) : ErrorCode.WriteIncomplete;
  return new StrongroomError(code, stick.sentence, { mediumId: stick.mediumId });
}
