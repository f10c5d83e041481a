import { artefactFileName, generationsToPrune, parseArtefactFileName, ROLE_ARTEFACT } from '../core/artefact-files';
import { ErrorCode, StrongroomError } from '../core/errors';
import { belongsOnMedium, type MediumRole } from '../core/medium-manifest';
import type { Catalog } from '../catalog/catalog';
import { temporaryArtefactTarget } from '../platform/atomic-file-writer';
import type { Clock } from '../platform/clock';
import type { StickFiles } from '../platform/stick-folder';
import type { InsertedMedium } from './inserted-medium';
import type { StickFolders } from './stick-folders';

export interface StagedReceipt {
  readonly mediumId: string;
  readonly generation: number;
  readonly sha256: string;
  readonly readBackFromDevice: boolean;
}

export interface CommitReceipt extends StagedReceipt {
  readonly artefact: string;
  readonly size: number;
  readonly pruned: readonly number[];
}

/**
 * Writing a generation on a stick, for app/stick-artefacts: stage it beside the current one, commit it (the current
 * file becomes history, old history is pruned only after the new file reads back), discard it, or clear what an
 * interrupted write left behind.
 */
export class StickGenerationWrites {
  constructor(
    private readonly catalog: Catalog,
    private readonly files: StickFiles,
    private readonly clock: Clock,
    private readonly folders: StickFolders,
  ) {}


  /**
   * Writes a new generation beside the current one under its staged name, reads it back and lists it in
   * medium.json. Nothing current changes: a stick with a staged generation still opens as before.
   */
  async stage(medium: InsertedMedium, role: MediumRole, generation: number, bytes: Uint8Array, custodian: string): Promise<StagedReceipt> {
    const { place, mediumId, manifest } = this.folders.writable(medium, role);
    const artefact = ROLE_ARTEFACT[role];
    const name = artefactFileName(role, 'staged', generation);
    const result = await this.files.write(place, name, bytes);
    const now = this.now();
    this.catalog.generations.putFile({
      mediumId,
      artefact,
      generation,
      state: 'staged',
      fileName: name,
      sha256: result.sha256,
      sizeBytes: result.size,
      writtenBy: custodian,
      writtenAt: now,
      verifiedAt: now,
    });
    await this.folders.writeManifest(place, manifest, mediumId);
    return { mediumId, generation, sha256: result.sha256, readBackFromDevice: result.readBackFromDevice };
  }

  /** Whether the stick already holds this generation staged, byte for byte (a retry then need not write it again). */
  async hasStaged(medium: InsertedMedium, role: MediumRole, generation: number, sha256: string): Promise<boolean> {
    if (!medium.home) return false;
    const place = this.folders.readPlace(medium);
    const name = artefactFileName(role, 'staged', generation);
    const entry = (await this.files.list(place)).find((e) => e.name === name);
    if (!entry) return false;
    return (await this.folders.tryHash(place, entry)).sha256 === sha256;
  }

  /**
   * Makes a staged generation current: the current file becomes history, the staged one current, the folder is
   * flushed and the new file read back; only then are generations beyond the kept history pruned. A promotion
   * cut short earlier is finished rather than repeated.
   */
  async commit(medium: InsertedMedium, role: MediumRole, generation: number, sha256: string, custodian: string): Promise<CommitReceipt> {
    const { place, mediumId, manifest } = this.folders.writable(medium, role);
    const artefact = ROLE_ARTEFACT[role];
    const recordedCurrent = this.catalog.generations.currentOf(mediumId, artefact);
    const onDisk = await this.folders.currentOnDisk(medium, role);
    const staged = artefactFileName(role, 'staged', generation);

    let readBack: { sha256: string; size: number; readBackFromDevice: boolean };
    if (onDisk && onDisk.sha256 === sha256) {
      // An earlier attempt renamed the files but was cut off before the catalog heard of it.
      readBack = { ...onDisk, readBackFromDevice: false };
    } else {
      let history: string | null = null;
      if (onDisk) {
        if (!recordedCurrent || recordedCurrent.sha256 !== onDisk.sha256 || recordedCurrent.generation === generation) {
          throw new StrongroomError(
            ErrorCode.WriteNotVerified,
            `${artefact} on ${mediumId} is not the generation this kiosk recorded there, so it was not replaced. Verify ${mediumId} before writing to it.`,
            { mediumId },
          );
        }
        history = artefactFileName(role, 'history', recordedCurrent.generation);
      }
      const result = await this.files.promote(place, { staged, current: artefact, history });
      readBack = { sha256: result.sha256, size: result.size, readBackFromDevice: result.readBackFromDevice };
    }
    const now = this.now();
    if (readBack.sha256 !== sha256) {
      throw new StrongroomError(
        ErrorCode.WriteNotVerified,
        `${artefact} generation ${generation} was put in place on ${mediumId}, but reading it back gave different contents. The stick may be failing: use another stick and verify this one.`,
        { mediumId, generation },
      );
    }
    const keep = this.catalog.settings.read().keptGenerations;
    const held = this.catalog.generations.filesOf(mediumId, artefact);
    this.catalog.generations.transaction(() => {
      for (const file of held) {
        if (file.state === 'current' && file.generation !== generation) {
          this.catalog.generations.putFile({ ...file, state: 'history', fileName: artefactFileName(role, 'history', file.generation) });
        }
      }
      this.catalog.generations.putFile({
        mediumId,
        artefact,
        generation,
        state: 'current',
        fileName: artefact,
        sha256,
        sizeBytes: readBack.size,
        writtenBy: custodian,
        writtenAt: now,
        verifiedAt: now,
      });
      this.catalog.media.recordWrite({ mediumId, artefact, generation, sha256, sizeBytes: readBack.size, writtenBy: custodian, writtenAt: now });
      this.catalog.generations.setStatus(artefact, generation, 'published');
    });

    // History is pruned only now, with the new generation read back on this very stick.
    const historyHeld = this.catalog.generations.filesOf(mediumId, artefact).filter((f) => f.state === 'history').map((f) => f.generation);
    const pruned: number[] = [];
    for (const old of generationsToPrune(historyHeld, generation, keep)) {
      try {
        await this.files.remove(place, artefactFileName(role, 'history', old));
        this.catalog.generations.removeFile(mediumId, artefact, old);
        pruned.push(old);
      } catch {
        // A history file that cannot be removed stays listed and is pruned at the next write.
      }
    }
    await this.folders.writeManifest(place, manifest, mediumId);
    return { mediumId, artefact, generation, sha256, size: readBack.size, readBackFromDevice: readBack.readBackFromDevice, pruned };
  }

  /** Removes a staged generation that will not be committed (its job failed before any commit). */
  async discardStaged(medium: InsertedMedium, role: MediumRole, generation: number): Promise<void> {
    const { place, mediumId, manifest } = this.folders.writable(medium, role);
    const artefact = ROLE_ARTEFACT[role];
    await this.files.remove(place, artefactFileName(role, 'staged', generation));
    const record = this.catalog.generations.filesOf(mediumId, artefact).find((f) => f.generation === generation && f.state === 'staged');
    if (record) this.catalog.generations.removeFile(mediumId, artefact, generation);
    await this.folders.writeManifest(place, manifest, mediumId);
  }

  /**
   * Clears what interrupted writes left in the stick's STRONGROOM folder before it is checked for a new write:
   * writer temp files and staged generations the catalog does not hold, for this stick's own role only; and a
   * `.prev` file from before history was kept is renamed to its history name when the catalog knows its hash.
   * Returns what was done, for the audit trail.
   */
  async recover(medium: InsertedMedium, role: MediumRole): Promise<string[]> {
    const { place, mediumId, manifest } = this.folders.writable(medium, role);
    const artefact = ROLE_ARTEFACT[role];
    const done: string[] = [];
    const recorded = this.catalog.generations.filesOf(mediumId, artefact);
    for (const entry of await this.files.list(place)) {
      if (entry.kind !== 'file') continue;
      const tempTarget = temporaryArtefactTarget(entry.name);
      if (tempTarget !== null && belongsOnMedium(role, tempTarget)) {
        await this.files.remove(place, entry.name);
        done.push(`removed ${entry.name} (left by an interrupted write)`);
        continue;
      }
      const parsed = parseArtefactFileName(entry.name);
      if (parsed?.role === role && parsed.state === 'staged') {
        const record = recorded.find((r) => r.state === 'staged' && r.fileName === entry.name);
        const hashed = await this.folders.tryHash(place, entry);
        if (!record || record.sha256 !== hashed.sha256) {
          await this.files.remove(place, entry.name);
          if (record) this.catalog.generations.removeFile(mediumId, artefact, record.generation);
          done.push(`removed ${entry.name} (a staged copy this kiosk does not hold as pending)`);
        }
        continue;
      }
      if (entry.name === `${artefact}.prev`) {
        const hashed = await this.folders.tryHash(place, entry);
        const generation = hashed.sha256 ? this.catalog.generations.bySha(artefact, hashed.sha256) : undefined;
        const current = this.catalog.generations.currentOf(mediumId, artefact);
        if (generation && generation.status === 'published' && generation.generation !== current?.generation && !recorded.some((r) => r.generation === generation.generation)) {
          const historyName = artefactFileName(role, 'history', generation.generation);
          // A rename within the folder (nothing current is touched): the promotion step with no file to move aside.
          const moved = await this.files.promote(place, { staged: entry.name, current: historyName, history: null });
          if (moved.sha256 !== generation.sha256) continue;
          const now = this.now();
          this.catalog.generations.putFile({ mediumId, artefact, generation: generation.generation, state: 'history', fileName: historyName, sha256: generation.sha256, sizeBytes: moved.size, writtenBy: 'Strongroom', writtenAt: now, verifiedAt: now });
          done.push(`kept ${entry.name} as ${historyName} (generation ${generation.generation})`);
        }
      }
    }
    if (done.length > 0) await this.folders.writeManifest(place, manifest, mediumId);
    return done;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
