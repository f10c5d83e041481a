import { artefactFileName, generationsToPrune, parseArtefactFileName, ROLE_ARTEFACT, type ArtefactFileState } from '../core/artefact-files';
import type { AuditDetails } from '../core/audit-chain';
import { chainHead } from '../core/audit-witness';
import { identityKey, type DeviceIdentity } from '../core/device-identity';
import { ErrorCode, StrongroomError } from '../core/errors';
import {
  belongsOnMedium,
  buildMediumReadme,
  MANIFEST_FILE,
  MEDIUM_DIR,
  README_FILE,
  serialiseMediumManifest,
  withArtefactFiles,
  type ArtefactRecord,
  type MediumManifest,
  type MediumRole,
} from '../core/medium-manifest';
import { describePartition } from '../core/separation-policy';
import type { Catalog } from '../catalog/catalog';
import type { MediumFileRecord } from '../catalog/generation-store';
import { sha256Hex, temporaryArtefactTarget } from '../platform/atomic-file-writer';
import type { Clock } from '../platform/clock';
import type { StickEntry, StickFiles, StickPlace } from '../platform/stick-folder';
import type { StickWriteLocks } from '../platform/stick-write-lock';
import { AuditWitness } from './audit-witness';
import type { InsertedMedium } from './media-desk';
import { requireLabelledStick } from './stick-identity';

export const AUDIT_COPY_FILE = 'audit.jsonl';

/**
 * How an artefact is read from a stick:
 * - 'strict' (writing, replication, printing, verification): the stick must be a labelled, known stick of the
 *   role, and the file must be exactly the generation the catalog recorded there (SHA-256), or the read fails.
 * - 'lenient' (break-glass, an MFA code in an emergency): any stick of the role, known or not; a current file
 *   that is missing, damaged or unlike the record gives way to the newest older generation on the stick, each
 *   fallback with a warning the custodian sees.
 */
export type ReadPolicy = 'strict' | 'lenient';

export interface ArtefactRead {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly bytes: Uint8Array;
  readonly sha256: string;
  /** From the catalog's record, or (lenient, unknown stick) from the file name; null when neither says. */
  readonly generation: number | null;
  readonly file: string;
  readonly state: ArtefactFileState | 'legacy';
  readonly warnings: readonly string[];
}

/** One artefact file on a stick as it is now, against what the catalog recorded there. */
export interface InventoryEntry {
  readonly name: string;
  readonly state: ArtefactFileState | 'unlisted';
  readonly generation: number | null;
  readonly sha256: string | null;
  readonly size: number;
  readonly recorded: MediumFileRecord | null;
  /** Present and byte-for-byte what was recorded. */
  readonly matches: boolean;
  readonly problem: string | null;
}

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
 * The one module that reads and writes a stick's files: the artefact's generations (current, history, staged),
 * medium.json, README.txt, the audit copy and saved documents. The desks hand it an inserted stick and get bytes
 * or receipts back; they never see a path. It keeps medium.json listing every artefact file on the stick with its
 * generation and SHA-256, so the scanner can tell Strongroom's own files from foreign ones.
 */
export class StickArtefacts {
  readonly witness: AuditWitness;
  private readonly writtenListeners = new Set<() => void>();

  constructor(
    private readonly catalog: Catalog,
    private readonly files: StickFiles,
    private readonly clock: Clock,
    private readonly locks: StickWriteLocks,
  ) {
    this.witness = new AuditWitness(catalog, clock);
  }

  /**
   * Runs `work` as the only writer of these sticks, across every Strongroom process of this kiosk; a stick
   * another window or command is writing is refused at once (STICK_BUSY), before anything is written.
   */
  exclusive<T>(sticks: readonly { readonly medium: InsertedMedium; readonly name?: string }[], work: () => Promise<T>): Promise<T> {
    return this.locks.hold(
      sticks.map(({ medium, name }) => ({ identity: identityKey(medium.drive.identity), name: name ?? medium.manifest?.mediumId ?? medium.catalogRecord?.mediumId ?? medium.drive.devicePath })),
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
  async read(medium: InsertedMedium, role: MediumRole, policy: ReadPolicy): Promise<ArtefactRead> {
    if (policy === 'strict') return this.readStrict(medium, role);
    const candidates = await this.lenientCandidates(medium, role);
    const first = candidates[0];
    if (!first) throw this.nothingToRead(medium, role);
    return first;
  }

  /**
   * Every readable generation of the artefact on a stick, newest first, for a reader that may fall back (break-glass
   * tries each until one opens). Staged files are never offered: they were never committed.
   */
  async lenientCandidates(medium: InsertedMedium, role: MediumRole): Promise<ArtefactRead[]> {
    const { place, mediumId } = this.readable(medium, role);
    const artefact = ROLE_ARTEFACT[role];
    const known = medium.catalogRecord && medium.manifest && medium.catalogRecord.mediumId === medium.manifest.mediumId ? medium.catalogRecord.mediumId : null;
    const entries = await this.files.list(place);
    const out: ArtefactRead[] = [];
    const warnings: string[] = [];
    if (!known) warnings.push(`${mediumId} is not in this kiosk's catalog: its ${artefact} could not be compared with a recorded write.`);

    const current = entries.find((e) => e.name === artefact);
    const recordedCurrent = known ? this.catalog.generations.currentOf(known, artefact) : undefined;
    if (current && current.kind === 'file') {
      const read = await this.tryRead(place, artefact);
      if (read.ok) {
        const own = [...warnings];
        if (recordedCurrent && recordedCurrent.sha256 !== read.sha256) {
          own.push(`${artefact} on ${mediumId} differs from what this kiosk last wrote there (generation ${recordedCurrent.generation}); verify this stick afterwards.`);
        }
        const generation = recordedCurrent?.sha256 === read.sha256 ? recordedCurrent.generation : this.catalog.generations.bySha(artefact, read.sha256)?.generation ?? null;
        out.push({ mediumId, role, bytes: read.bytes, sha256: read.sha256, generation, file: artefact, state: 'current', warnings: own });
      } else warnings.push(`${artefact} on ${mediumId} cannot be read (${read.problem}).`);
    } else if (current) {
      warnings.push(`${artefact} on ${mediumId} is not a regular file (${current.kind}); it was not read.`);
    } else {
      warnings.push(`There is no ${artefact} on ${mediumId}.`);
    }

    const history = entries
      .map((e) => ({ entry: e, parsed: parseArtefactFileName(e.name) }))
      .filter((x) => x.parsed?.role === role && x.parsed.state === 'history' && x.entry.kind === 'file')
      .sort((a, b) => (b.parsed!.generation ?? 0) - (a.parsed!.generation ?? 0));
    const legacy = entries.find((e) => e.name === `${artefact}.prev` && e.kind === 'file');
    const older = [...history.map((h) => ({ name: h.entry.name, generation: h.parsed!.generation, state: 'history' as const })), ...(legacy ? [{ name: legacy.name, generation: null, state: 'legacy' as const }] : [])];
    for (const file of older) {
      const read = await this.tryRead(place, file.name);
      if (!read.ok) continue;
      const record = this.catalog.generations.bySha(artefact, read.sha256);
      const generation = record?.generation ?? file.generation;
      if (file.generation !== null && record && record.generation !== file.generation) continue;
      out.push({
        mediumId,
        role,
        bytes: read.bytes,
        sha256: read.sha256,
        generation,
        file: file.name,
        state: file.state,
        warnings: [
          ...warnings,
          `The current ${artefact} on ${mediumId} could not be used, so an older generation (${file.name}${generation ? `, generation ${generation}` : ''}) was opened: it lacks any change made since. Rewrite this stick from a good replica afterwards.`,
        ],
      });
    }
    return out;
  }

  /** One recorded generation from a stick (current, history or staged), strictly: its SHA-256 must match. */
  async readGeneration(medium: InsertedMedium, role: MediumRole, generation: number): Promise<ArtefactRead> {
    const { place, mediumId } = this.requireKnown(medium, role);
    const artefact = ROLE_ARTEFACT[role];
    const expected = this.catalog.generations.get(artefact, generation);
    const held = this.catalog.generations.filesOf(mediumId, artefact).find((f) => f.generation === generation);
    if (!expected || !held) {
      throw new StrongroomError(ErrorCode.ArtefactNotOnMedium, `${mediumId} does not hold ${artefact} generation ${generation}. Insert a stick that holds it.`, { mediumId, generation });
    }
    const bytes = await this.readOrExplain(place, held.fileName, mediumId);
    const sha256 = sha256Hex(bytes);
    if (sha256 !== expected.sha256) {
      throw new StrongroomError(
        ErrorCode.WriteNotVerified,
        `${held.fileName} on ${mediumId} has changed since it was written (generation ${generation}). Do not copy from this stick; verify it.`,
        { mediumId, generation },
      );
    }
    return { mediumId, role, bytes, sha256, generation, file: held.fileName, state: held.state, warnings: [] };
  }

  /** Every file of the stick's artefact, hashed and compared with the catalog (verification reads them all). */
  async inventory(medium: InsertedMedium, role: MediumRole): Promise<InventoryEntry[]> {
    const { place, mediumId } = this.readable(medium, role);
    const artefact = ROLE_ARTEFACT[role];
    const recorded = medium.catalogRecord?.mediumId === mediumId ? this.catalog.generations.filesOf(mediumId, artefact) : [];
    const entries = (await this.files.list(place)).filter((e) => parseArtefactFileName(e.name)?.role === role || e.name === `${artefact}.prev`);
    const out: InventoryEntry[] = [];
    for (const record of recorded) {
      const entry = entries.find((e) => e.name === record.fileName);
      if (!entry) {
        out.push({ name: record.fileName, state: record.state, generation: record.generation, sha256: null, size: 0, recorded: record, matches: false, problem: 'missing' });
        continue;
      }
      const hashed = await this.tryHash(place, entry);
      out.push({
        name: record.fileName,
        state: record.state,
        generation: record.generation,
        sha256: hashed.sha256,
        size: hashed.size,
        recorded: record,
        matches: hashed.sha256 === record.sha256,
        problem: hashed.problem ?? (hashed.sha256 === record.sha256 ? null : 'changed since it was written'),
      });
    }
    for (const entry of entries) {
      if (recorded.some((r) => r.fileName === entry.name)) continue;
      const hashed = await this.tryHash(place, entry);
      out.push({ name: entry.name, state: 'unlisted', generation: parseArtefactFileName(entry.name)?.generation ?? null, sha256: hashed.sha256, size: hashed.size, recorded: null, matches: false, problem: hashed.problem ?? 'not recorded by this kiosk' });
    }
    return out;
  }

  /** The stick's audit copy as text, or null when it has none; capped, never through a link. */
  async readAuditCopy(medium: InsertedMedium): Promise<string | null> {
    const place = this.readPlace(medium);
    const entry = (await this.files.list(place)).find((e) => e.name === AUDIT_COPY_FILE);
    if (!entry) return null;
    return Buffer.from(await this.files.read(place, AUDIT_COPY_FILE, 'audit')).toString('utf8');
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

  /** Bytes the artefact's files take on the stick now (for the space check), and what the filesystem has free. */
  async space(medium: InsertedMedium, role: MediumRole): Promise<{ freeBytes: number | null; artefactBytes: number }> {
    if (!medium.home) return { freeBytes: null, artefactBytes: 0 };
    const place = this.readPlace(medium);
    const entries = await this.files.list(place);
    const artefactBytes = entries.filter((e) => e.kind === 'file' && parseArtefactFileName(e.name)?.role === role).reduce((sum, e) => sum + e.size, 0);
    return { freeBytes: await this.files.freeBytes(place), artefactBytes };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Writing a generation: stage, commit, prune

  /**
   * Writes a new generation beside the current one under its staged name, reads it back and lists it in
   * medium.json. Nothing current changes: a stick with a staged generation still opens as before.
   */
  async stage(medium: InsertedMedium, role: MediumRole, generation: number, bytes: Uint8Array, custodian: string): Promise<StagedReceipt> {
    const { place, mediumId, manifest } = this.writable(medium, role);
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
    await this.writeManifest(place, manifest, mediumId);
    return { mediumId, generation, sha256: result.sha256, readBackFromDevice: result.readBackFromDevice };
  }

  /** Whether the stick already holds this generation staged, byte for byte (a retry then need not write it again). */
  async hasStaged(medium: InsertedMedium, role: MediumRole, generation: number, sha256: string): Promise<boolean> {
    if (!medium.home) return false;
    const place = this.readPlace(medium);
    const name = artefactFileName(role, 'staged', generation);
    const entry = (await this.files.list(place)).find((e) => e.name === name);
    if (!entry) return false;
    return (await this.tryHash(place, entry)).sha256 === sha256;
  }

  /**
   * Makes a staged generation current: the current file becomes history, the staged one current, the folder is
   * flushed and the new file read back; only then are generations beyond the kept history pruned. A promotion
   * cut short earlier is finished rather than repeated.
   */
  async commit(medium: InsertedMedium, role: MediumRole, generation: number, sha256: string, custodian: string): Promise<CommitReceipt> {
    const { place, mediumId, manifest } = this.writable(medium, role);
    const artefact = ROLE_ARTEFACT[role];
    const recordedCurrent = this.catalog.generations.currentOf(mediumId, artefact);
    const onDisk = await this.currentOnDisk(medium, role);
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
    await this.writeManifest(place, manifest, mediumId);
    return { mediumId, artefact, generation, sha256, size: readBack.size, readBackFromDevice: readBack.readBackFromDevice, pruned };
  }

  /** Removes a staged generation that will not be committed (its job failed before any commit). */
  async discardStaged(medium: InsertedMedium, role: MediumRole, generation: number): Promise<void> {
    const { place, mediumId, manifest } = this.writable(medium, role);
    const artefact = ROLE_ARTEFACT[role];
    await this.files.remove(place, artefactFileName(role, 'staged', generation));
    const record = this.catalog.generations.filesOf(mediumId, artefact).find((f) => f.generation === generation && f.state === 'staged');
    if (record) this.catalog.generations.removeFile(mediumId, artefact, generation);
    await this.writeManifest(place, manifest, mediumId);
  }

  /**
   * Clears what interrupted writes left in the stick's STRONGROOM folder before it is checked for a new write:
   * writer temp files and staged generations the catalog does not hold, for this stick's own role only; and a
   * `.prev` file from before history was kept is renamed to its history name when the catalog knows its hash.
   * Returns what was done, for the audit trail.
   */
  async recover(medium: InsertedMedium, role: MediumRole): Promise<string[]> {
    const { place, mediumId, manifest } = this.writable(medium, role);
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
        const hashed = await this.tryHash(place, entry);
        if (!record || record.sha256 !== hashed.sha256) {
          await this.files.remove(place, entry.name);
          if (record) this.catalog.generations.removeFile(mediumId, artefact, record.generation);
          done.push(`removed ${entry.name} (a staged copy this kiosk does not hold as pending)`);
        }
        continue;
      }
      if (entry.name === `${artefact}.prev`) {
        const hashed = await this.tryHash(place, entry);
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
    if (done.length > 0) await this.writeManifest(place, manifest, mediumId);
    return done;
  }

  // ---------------------------------------------------------------------------------------------------------
  // The stick's other files

  /** Writes README.txt and medium.json on a stick being labelled. */
  async writeLabel(medium: InsertedMedium, manifest: MediumManifest): Promise<void> {
    if (!medium.home) throw new StrongroomError(ErrorCode.MediumNotMounted, 'The stick has no mounted, formatted partition to write the label on. Format it (exFAT or FAT32) and insert it again.');
    const text = serialiseMediumManifest(manifest);
    const place = this.placeOf(medium, manifest.mediumId);
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
    await this.files.write(this.placeOf(medium, mediumId), AUDIT_COPY_FILE, Buffer.from(`${lines}\n`));
    this.witness.remember(mediumId, 'written', chainHead(events));
  }

  /** Throws (and raises a tamper alarm) unless the kiosk chain extends the stick's audit copy. */
  async requireAuditCopyExtended(medium: InsertedMedium, mediumId: string): Promise<void> {
    const text = medium.home ? await this.readAuditCopy(medium) : null;
    this.witness.requireExtends(mediumId, text);
  }

  async saveDocument(medium: InsertedMedium, mediumId: string, fileName: string, bytes: Uint8Array): Promise<{ path: string; sha256: string }> {
    const result = await this.files.write(this.placeOf(medium, mediumId), fileName, bytes);
    return { path: `${MEDIUM_DIR}/${fileName}`, sha256: result.sha256 };
  }

  /** Removes everything Strongroom wrote on the stick (its STRONGROOM folder) and forgets what it held. */
  async wipe(medium: InsertedMedium, mediumId: string): Promise<void> {
    if (medium.home) await this.files.removeFolder(this.placeOf(medium, mediumId));
    this.catalog.generations.removeAllFiles(mediumId);
  }

  /** How an event on a stick names it: id, partition and how the device was identified. */
  placeWords(medium: InsertedMedium, mediumId: string): string {
    return `${describePartition(medium.home?.partition.number ?? 0)} of ${mediumId}`;
  }

  auditDetails(medium: InsertedMedium): AuditDetails {
    return {
      device: medium.drive.devicePath,
      identitySource: medium.drive.identity.source,
      ...(medium.drive.allowedBy ? { allowance: medium.drive.allowedBy } : {}),
    };
  }

  // ---------------------------------------------------------------------------------------------------------

  private async readStrict(medium: InsertedMedium, role: MediumRole): Promise<ArtefactRead> {
    const { place, mediumId } = this.requireKnown(medium, role);
    const artefact = ROLE_ARTEFACT[role];
    const expected = this.catalog.generations.currentOf(mediumId, artefact);
    if (!expected) {
      throw new StrongroomError(ErrorCode.ArtefactNotOnMedium, `${mediumId} holds no ${artefact} written by this kiosk yet. Choose a ${role} stick that holds it.`, { mediumId });
    }
    const bytes = await this.readOrExplain(place, artefact, mediumId);
    const sha256 = sha256Hex(bytes);
    if (sha256 !== expected.sha256) {
      throw new StrongroomError(
        ErrorCode.WriteNotVerified,
        `${artefact} on ${mediumId} has changed since it was written (generation ${expected.generation}). Do not use this stick for that: use another ${role} stick, and verify this one.`,
        { mediumId, generation: expected.generation },
      );
    }
    return { mediumId, role, bytes, sha256, generation: expected.generation, file: artefact, state: 'current', warnings: [] };
  }

  private async readOrExplain(place: StickPlace, name: string, mediumId: string): Promise<Uint8Array> {
    try {
      return await this.files.read(place, name, 'artefact');
    } catch (error) {
      if (error instanceof StrongroomError && error.code === ErrorCode.MediumFileMissing) {
        throw new StrongroomError(ErrorCode.ArtefactNotOnMedium, `There is no ${name} on ${mediumId}.`, { mediumId });
      }
      throw error;
    }
  }

  private async tryRead(place: StickPlace, name: string): Promise<{ ok: true; bytes: Uint8Array; sha256: string } | { ok: false; problem: string }> {
    try {
      const bytes = await this.files.read(place, name, 'artefact');
      return { ok: true, bytes, sha256: sha256Hex(bytes) };
    } catch (error) {
      return { ok: false, problem: error instanceof StrongroomError ? error.message : (error as NodeJS.ErrnoException).code ?? 'read error' };
    }
  }

  private async tryHash(place: StickPlace, entry: StickEntry): Promise<{ sha256: string | null; size: number; problem: string | null }> {
    if (entry.kind !== 'file') return { sha256: null, size: entry.size, problem: `not a regular file (${entry.kind})` };
    try {
      const hashed = await this.files.hash(place, entry.name, 'artefact');
      return { ...hashed, problem: null };
    } catch (error) {
      return { sha256: null, size: entry.size, problem: error instanceof StrongroomError ? error.message : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }

  /** The stick's folder for reading a role's artefact: refuses a stick labelled for the other role. */
  private readable(medium: InsertedMedium, role: MediumRole): { place: StickPlace; mediumId: string } {
    const mediumId = medium.manifest?.mediumId ?? medium.catalogRecord?.mediumId ?? 'this stick';
    const labelled = medium.manifest?.role ?? medium.catalogRecord?.role ?? null;
    if (labelled !== null && labelled !== role) {
      throw new StrongroomError(
        ErrorCode.KdbxWrongRole,
        `${mediumId} is a ${labelled} stick; ${role === 'vault' ? 'the vault' : 'the seed store'} is read from a ${role} stick. Insert a ${role} stick.`,
        { mediumId },
      );
    }
    if (!medium.home) throw new StrongroomError(ErrorCode.MediumNotMounted, `${mediumId} has no mounted partition to read. Reinsert it.`);
    return { place: this.placeOf(medium, mediumId), mediumId };
  }

  /** A labelled stick of the role that this kiosk's catalog knows as this very device. */
  private requireKnown(medium: InsertedMedium, role: MediumRole): { place: StickPlace; mediumId: string; manifest: MediumManifest } {
    const manifest = requireLabelledStick(this.catalog, medium, role);
    return { place: this.placeOf(medium, manifest.mediumId), mediumId: manifest.mediumId, manifest };
  }

  private writable(medium: InsertedMedium, role: MediumRole): { place: StickPlace; mediumId: string; manifest: MediumManifest } {
    const { mediumId, manifest } = this.requireKnown(medium, role);
    return { place: this.placeOf(medium, mediumId), mediumId, manifest };
  }

  private placeOf(medium: InsertedMedium, mediumId: string): StickPlace {
    if (!medium.home) throw new StrongroomError(ErrorCode.MediumNotMounted, `${mediumId} has no mounted partition. Reinsert it.`);
    // Practice drives are plain folders, not mount points.
    return { root: medium.home.mountpoint, mounted: !medium.drive.practice, where: this.placeWords(medium, mediumId) };
  }

  /** The stick's partition for a read, whatever its label says. */
  private readPlace(medium: InsertedMedium): StickPlace {
    return this.placeOf(medium, medium.manifest?.mediumId ?? medium.catalogRecord?.mediumId ?? 'this stick');
  }

  /** medium.json listing every artefact file the catalog says the stick holds now. */
  private async writeManifest(place: StickPlace, manifest: MediumManifest, mediumId: string): Promise<void> {
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

  private nothingToRead(medium: InsertedMedium, role: MediumRole): StrongroomError {
    const mediumId = medium.manifest?.mediumId ?? 'this stick';
    return new StrongroomError(ErrorCode.ArtefactNotOnMedium, `There is no usable ${ROLE_ARTEFACT[role]} on ${mediumId}. Insert a ${role} stick that holds one.`, { mediumId });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
