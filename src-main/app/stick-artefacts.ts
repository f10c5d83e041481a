import { parseArtefactFileName } from '../core/artefact-files';
import type { AuditDetails } from '../core/audit-chain';
import { chainHead } from '../core/audit-witness';
import { identityKey, type DeviceIdentity } from '../core/device-identity';
import { mediumName } from '../core/custody-vocabulary';
import { ErrorCode, StrongroomError } from '../core/errors';
import { buildMediumReadme, MANIFEST_FILE, MEDIUM_DIR, README_FILE, serialiseMediumManifest, type MediumManifest, type MediumRole } from '../core/medium-manifest';
import type { Catalog } from '../catalog/catalog';
import type { Clock } from '../platform/clock';
import type { StickFiles } from '../platform/stick-folder';
import type { StickWriteLocks } from '../platform/stick-write-lock';
import { AuditWitness } from './audit-witness';
import type { InsertedMedium } from './inserted-medium';
import { StickArtefactReads, type ArtefactRead, type InventoryEntry, type ReadPolicy } from './stick-artefact-reads';
import { StickFolders } from './stick-folders';
import { StickGenerationWrites, type CommitReceipt, type StagedReceipt } from './stick-generation-writes';

export type { ArtefactRead, InventoryEntry, ReadPolicy } from './stick-artefact-reads';
export type { CommitReceipt, StagedReceipt } from './stick-generation-writes';

export const AUDIT_COPY_FILE = 'audit.jsonl';

/**
 * The one module that reads and writes a stick's files: the artefact's generations (current, history, staged),
 * medium.json, README.txt, the audit copy and saved documents. The desks hand it an inserted stick and get bytes
 * or receipts back; they never see a path. It keeps medium.json listing every artefact file on the stick with its
 * generation and SHA-256, so the scanner can tell Strongroom's own files from foreign ones. Its parts live beside
 * it (app/stick-folders, app/stick-artefact-reads, app/stick-generation-writes); callers use this class alone.
 */
export class StickArtefacts {
  readonly witness: AuditWitness;
  private readonly writtenListeners = new Set<() => void>();
  private readonly folders: StickFolders;
  private readonly reads: StickArtefactReads;
  private readonly writes: StickGenerationWrites;

  constructor(
    private readonly catalog: Catalog,
    private readonly files: StickFiles,
    private readonly clock: Clock,
    private readonly locks: StickWriteLocks,
  ) {
    this.witness = new AuditWitness(catalog, clock);
    this.folders = new StickFolders(catalog, files);
    this.reads = new StickArtefactReads(catalog, files, this.folders);
    this.writes = new StickGenerationWrites(catalog, files, clock, this.folders);
  }

  /**
   * Runs `work` as the only writer of these sticks, across every Strongroom process of this kiosk; a stick
   * another window or command is writing is refused at once (STICK_BUSY), before anything is written.
   */
  exclusive<T>(sticks: readonly { readonly medium: InsertedMedium; readonly name?: string }[], work: () => Promise<T>): Promise<T> {
    return this.locks.hold(
      sticks.map(({ medium, name }) => ({ identity: identityKey(medium.drive.identity), name: name ?? mediumName(medium) })),
      () => this.announcing(work),
    );
  }

  /** The same locks, for sticks known only from the catalog (none need be inserted): settling a cut-off job. */
  exclusiveByIdentity<T>(sticks: readonly { readonly identity: DeviceIdentity; readonly name: string }[], work: () => Promise<T>): Promise<T> {
    return this.locks.hold(sticks.map(({ identity, name }) => ({ identity: identityKey(identity), name })), () => this.announcing(work));
  }

  /**
   * Calls `listener` after every write section ends, whether it wrote or failed part-way: whoever asked for the
   * write (the window, a command, a test), an open Media screen must read the sticks afresh.
   */
  onWritten(listener: () => void): () => void {
    this.writtenListeners.add(listener);
    return () => this.writtenListeners.delete(listener);
  }

  private async announcing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      for (const listener of [...this.writtenListeners]) listener();
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reading

  /** The current generation of the stick's artefact, under a read policy. */
  read(medium: InsertedMedium, role: MediumRole, policy: ReadPolicy): Promise<ArtefactRead> {
    return this.reads.read(medium, role, policy);
  }

  /**
   * Every readable generation of the artefact on a stick, newest first, for a reader that may fall back (break-glass
   * tries each until one opens). Staged files are never offered: they were never committed.
   */
  lenientCandidates(medium: InsertedMedium, role: MediumRole): Promise<ArtefactRead[]> {
    return this.reads.lenientCandidates(medium, role);
  }

  /** One recorded generation from a stick (current, history or staged), strictly: its SHA-256 must match. */
  readGeneration(medium: InsertedMedium, role: MediumRole, generation: number): Promise<ArtefactRead> {
    return this.reads.readGeneration(medium, role, generation);
  }

  /** Every file of the stick's artefact, hashed and compared with the catalog (verification reads them all). */
  inventory(medium: InsertedMedium, role: MediumRole): Promise<InventoryEntry[]> {
    return this.reads.inventory(medium, role);
  }

  /** The stick's audit copy as text, or null when it has none; capped, never through a link. */
  async readAuditCopy(medium: InsertedMedium): Promise<string | null> {
    const place = this.folders.readPlace(medium);
    const entry = (await this.files.list(place)).find((e) => e.name === AUDIT_COPY_FILE);
    if (!entry) return null;
    return Buffer.from(await this.files.read(place, AUDIT_COPY_FILE, 'audit')).toString('utf8');
  }

  /** SHA-256 of the current artefact file as the stick holds it now, or null when there is none. */
  currentOnDisk(medium: InsertedMedium, role: MediumRole): Promise<{ sha256: string; size: number } | null> {
    return this.folders.currentOnDisk(medium, role);
  }

  /** Bytes the artefact's files take on the stick now (for the space check), and what the filesystem has free. */
  async space(medium: InsertedMedium, role: MediumRole): Promise<{ freeBytes: number | null; artefactBytes: number }> {
    if (!medium.home) return { freeBytes: null, artefactBytes: 0 };
    const place = this.folders.readPlace(medium);
    const entries = await this.files.list(place);
    const artefactBytes = entries.filter((e) => e.kind === 'file' && parseArtefactFileName(e.name)?.role === role).reduce((sum, e) => sum + e.size, 0);
    return { freeBytes: await this.files.freeBytes(place), artefactBytes };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Writing a generation: stage, commit, prune (app/stick-generation-writes)

  /**
   * Writes a new generation beside the current one under its staged name, reads it back and lists it in
   * medium.json. Nothing current changes: a stick with a staged generation still opens as before.
   */
  stage(medium: InsertedMedium, role: MediumRole, generation: number, bytes: Uint8Array, custodian: string): Promise<StagedReceipt> {
    return this.writes.stage(medium, role, generation, bytes, custodian);
  }

  /** Whether the stick already holds this generation staged, byte for byte (a retry then need not write it again). */
  hasStaged(medium: InsertedMedium, role: MediumRole, generation: number, sha256: string): Promise<boolean> {
    return this.writes.hasStaged(medium, role, generation, sha256);
  }

  /** Makes a staged generation current, read back, and only then prunes history beyond what is kept. */
  commit(medium: InsertedMedium, role: MediumRole, generation: number, sha256: string, custodian: string): Promise<CommitReceipt> {
    return this.writes.commit(medium, role, generation, sha256, custodian);
  }

  /** Removes a staged generation that will not be committed (its job failed before any commit). */
  discardStaged(medium: InsertedMedium, role: MediumRole, generation: number): Promise<void> {
    return this.writes.discardStaged(medium, role, generation);
  }

  /** Clears what interrupted writes left on the stick before it is checked for a new write; returns what was done. */
  recover(medium: InsertedMedium, role: MediumRole): Promise<string[]> {
    return this.writes.recover(medium, role);
  }

  // ---------------------------------------------------------------------------------------------------------
  // The stick's other files

  /** Writes README.txt and medium.json on a stick being labelled. */
  async writeLabel(medium: InsertedMedium, manifest: MediumManifest): Promise<void> {
    if (!medium.home) throw new StrongroomError(ErrorCode.MediumNotMounted, 'The stick has no mounted, formatted partition to write the label on. Format it (exFAT or FAT32) and insert it again.');
    const text = serialiseMediumManifest(manifest);
    const place = this.folders.placeOf(medium, manifest.mediumId);
    await this.files.ensureFolder(place);
    await this.files.write(place, README_FILE, Buffer.from(buildMediumReadme(manifest, { organisation: 'the security team', contacts: [] })));
    await this.files.write(place, MANIFEST_FILE, Buffer.from(text));
  }

  /**
   * The whole audit chain as JSON lines, so a lost or altered kiosk log can be detected from any medium. The copy
   * on the stick is only ever extended: one the kiosk chain does not extend (rewritten, forked, cut, older than
   * what this kiosk wrote there) is kept as evidence, an alarm is raised, and nothing is written.
   */
  async writeAuditCopy(medium: InsertedMedium, mediumId: string): Promise<void> {
    await this.requireAuditCopyExtended(medium, mediumId);
    const events = [...this.catalog.audit.all()];
    const lines = events.map((event) => JSON.stringify(event)).join('\n');
    await this.files.write(this.folders.placeOf(medium, mediumId), AUDIT_COPY_FILE, Buffer.from(`${lines}\n`));
    this.witness.remember(mediumId, 'written', chainHead(events));
  }

  /** Throws (and raises a tamper alarm) unless the kiosk chain extends the stick's audit copy. */
  async requireAuditCopyExtended(medium: InsertedMedium, mediumId: string): Promise<void> {
    const text = medium.home ? await this.readAuditCopy(medium) : null;
    this.witness.requireExtends(mediumId, text);
  }

  async saveDocument(medium: InsertedMedium, mediumId: string, fileName: string, bytes: Uint8Array): Promise<{ path: string; sha256: string }> {
    const result = await this.files.write(this.folders.placeOf(medium, mediumId), fileName, bytes);
    return { path: `${MEDIUM_DIR}/${fileName}`, sha256: result.sha256 };
  }

  /** Removes everything Strongroom wrote on the stick (its STRONGROOM folder) and forgets what it held. */
  async wipe(medium: InsertedMedium, mediumId: string): Promise<void> {
    if (medium.home) await this.files.removeFolder(this.folders.placeOf(medium, mediumId));
    this.catalog.generations.removeAllFiles(mediumId);
  }

  /** How an event on a stick names it: id, partition and how the device was identified. */
  placeWords(medium: InsertedMedium, mediumId: string): string {
    return this.folders.placeWords(medium, mediumId);
  }

  auditDetails(medium: InsertedMedium): AuditDetails {
    return {
      device: medium.drive.devicePath,
      identitySource: medium.drive.identity.source,
      ...(medium.drive.allowedBy ? { allowance: medium.drive.allowedBy } : {}),
    };
  }
}
