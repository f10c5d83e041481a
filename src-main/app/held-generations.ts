import { ROLE_ARTEFACT } from '../core/artefact-files';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { Catalog } from '../catalog/catalog';
import { mediumIdOf, type MediaDesk } from './media-desk';
import type { StickArtefacts } from './stick-artefacts';
import { generationKey, type GenerationPlan, type WriteTarget } from './write-job-plans';

/**
 * Bytes of generations still to commit somewhere: encrypted KDBX only, in this process's memory, never on disk.
 * A retry writes exactly these bytes again, or, after a restart, the same bytes read from a stick that took them.
 */
export class HeldGenerations {
  private readonly bytes = new Map<string, Uint8Array>();

  constructor(
    private readonly catalog: Catalog,
    private readonly media: MediaDesk,
    private readonly sticks: StickArtefacts,
  ) {}

  hold(plan: GenerationPlan): void {
    this.bytes.set(generationKey(ROLE_ARTEFACT[plan.role], plan.generation), plan.bytes);
  }

  /** Every stick has the generation (or none will): its bytes are no longer needed here. */
  forget(artefact: string, generation: number): void {
    this.bytes.delete(generationKey(artefact, generation));
  }

  /** The same bytes again: from memory, else from a stick that holds this generation (checked by SHA-256). */
  async sameBytes(target: WriteTarget): Promise<Uint8Array> {
    const held = this.bytes.get(generationKey(ROLE_ARTEFACT[target.role], target.generation));
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
}
