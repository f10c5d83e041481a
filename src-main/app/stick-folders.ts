import { ROLE_ARTEFACT } from '../core/artefact-files';
import { ErrorCode, StrongroomError } from '../core/errors';
import { MANIFEST_FILE, serialiseMediumManifest, withArtefactFiles, type ArtefactRecord, type MediumManifest, type MediumRole } from '../core/medium-manifest';
import { mediumName, roleFit, ROLE_FACTS, stickRoleOf } from '../core/custody-vocabulary';
import { describePartition } from '../core/separation-policy';
import type { Catalog } from '../catalog/catalog';
import type { StickEntry, StickFiles, StickPlace } from '../platform/stick-folder';
import type { InsertedMedium } from './inserted-medium';
import { requireLabelledStick } from './stick-identity';

/**
 * Where on an inserted stick Strongroom's files are, and the checks every read or write of them starts with: the
 * stick is of the right role, labelled and known where it must be, and mounted. Shared by the reading and writing
 * parts of app/stick-artefacts, with medium.json kept listing what the catalog says the stick holds.
 */
export class StickFolders {
  constructor(
    private readonly catalog: Catalog,
    private readonly files: StickFiles,
  ) {}

  /** The stick's folder for reading a role's artefact: refuses a stick labelled for the other role. */
  readable(medium: InsertedMedium, role: MediumRole): { place: StickPlace; mediumId: string } {
    const mediumId = mediumName(medium, 'this stick');
    const labelled = stickRoleOf(medium);
    // An unlabelled stick may still be read (a KeePass file brought in); only a stick of the other role is refused.
    if (roleFit(labelled, role) === 'other-role') {
      throw new StrongroomError(
        ErrorCode.KdbxWrongRole,
        `${mediumId} is a ${labelled} stick; the ${ROLE_FACTS[role].noun} is read from a ${role} stick. Insert a ${role} stick.`,
        { mediumId },
      );
    }
    if (!medium.home) throw new StrongroomError(ErrorCode.MediumNotMounted, `${mediumId} has no mounted partition to read. Reinsert it.`);
    return { place: this.placeOf(medium, mediumId), mediumId };
  }

  /** A labelled stick of the role that this kiosk's catalog knows as this very device. */
  requireKnown(medium: InsertedMedium, role: MediumRole): { place: StickPlace; mediumId: string; manifest: MediumManifest } {
    const manifest = requireLabelledStick(this.catalog, medium, role);
    return { place: this.placeOf(medium, manifest.mediumId), mediumId: manifest.mediumId, manifest };
  }

  writable(medium: InsertedMedium, role: MediumRole): { place: StickPlace; mediumId: string; manifest: MediumManifest } {
    const { mediumId, manifest } = this.requireKnown(medium, role);
    return { place: this.placeOf(medium, mediumId), mediumId, manifest };
  }

  placeOf(medium: InsertedMedium, mediumId: string): StickPlace {
    if (!medium.home) throw new StrongroomError(ErrorCode.MediumNotMounted, `${mediumId} has no mounted partition. Reinsert it.`);
    // Practice drives are plain folders, not mount points.
    return { root: medium.home.mountpoint, mounted: !medium.drive.practice, where: this.placeWords(medium, mediumId) };
  }

  /** The stick's partition for a read, whatever its label says. */
  readPlace(medium: InsertedMedium): StickPlace {
    return this.placeOf(medium, mediumName(medium, 'this stick'));
  }

  /** medium.json listing every artefact file the catalog says the stick holds now. */
  async writeManifest(place: StickPlace, manifest: MediumManifest, mediumId: string): Promise<void> {
    const files: ArtefactRecord[] = this.catalog.generations.filesOf(mediumId).map((f) => ({
      name: f.fileName,
      generation: f.generation,
      sha256: f.sha256,
      size: f.sizeBytes,
      writtenAt: f.writtenAt,
      writtenBy: f.writtenBy,
      state: f.state,
    }));
    await this.files.write(place, MANIFEST_FILE, Buffer.from(serialiseMediumManifest(withArtefactFiles(manifest, files))));
  }

  /** How an event on a stick names it: id, partition and how the device was identified. */
  placeWords(medium: InsertedMedium, mediumId: string): string {
    return `${describePartition(medium.home?.partition.number ?? 0)} of ${mediumId}`;
  }

  /** SHA-256 of the current artefact file as the stick holds it now, or null when there is none. */
  async currentOnDisk(medium: InsertedMedium, role: MediumRole): Promise<{ sha256: string; size: number } | null> {
    if (!medium.home) return null;
    const place = this.readPlace(medium);
    const entry = (await this.files.list(place)).find((e) => e.name === ROLE_ARTEFACT[role]);
    if (!entry) return null;
    const hashed = await this.tryHash(place, entry);
    if (hashed.sha256 === null) throw new StrongroomError(ErrorCode.MediumUnreadable, `${ROLE_ARTEFACT[role]} on this stick cannot be read (${hashed.problem}).`);
    return { sha256: hashed.sha256, size: hashed.size };
  }

  async tryHash(place: StickPlace, entry: StickEntry): Promise<{ sha256: string | null; size: number; problem: string | null }> {
    if (entry.kind !== 'file') return { sha256: null, size: entry.size, problem: `not a regular file (${entry.kind})` };
    try {
      const hashed = await this.files.hash(place, entry.name, 'artefact');
      return { ...hashed, problem: null };
    } catch (error) {
      return { sha256: null, size: entry.size, problem: error instanceof StrongroomError ? error.message : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
}
