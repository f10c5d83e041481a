import { parseArtefactFileName, ROLE_ARTEFACT, type ArtefactFileState } from '../core/artefact-files';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { MediumRole } from '../core/medium-manifest';
import type { Catalog } from '../catalog/catalog';
import type { MediumFileRecord } from '../catalog/generation-store';
import { sha256Hex } from '../platform/atomic-file-writer';
import type { StickFiles, StickPlace } from '../platform/stick-folder';
import type { InsertedMedium } from './inserted-medium';
import type { StickFolders } from './stick-folders';

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

/**
 * Reading a role's artefact from a stick, for app/stick-artefacts: the current generation under a read policy,
 * every readable older one for a reader that may fall back, one recorded generation, and the whole inventory.
 */
export class StickArtefactReads {
  constructor(
    private readonly catalog: Catalog,
    private readonly files: StickFiles,
    private readonly folders: StickFolders,
  ) {}

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
    const { place, mediumId } = this.folders.readable(medium, role);
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
    const { place, mediumId } = this.folders.requireKnown(medium, role);
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
    const { place, mediumId } = this.folders.readable(medium, role);
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
      const hashed = await this.folders.tryHash(place, entry);
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
      const hashed = await this.folders.tryHash(place, entry);
      out.push({ name: entry.name, state: 'unlisted', generation: parseArtefactFileName(entry.name)?.generation ?? null, sha256: hashed.sha256, size: hashed.size, recorded: null, matches: false, problem: hashed.problem ?? 'not recorded by this kiosk' });
    }
    return out;
  }

  private async readStrict(medium: InsertedMedium, role: MediumRole): Promise<ArtefactRead> {
    const { place, mediumId } = this.folders.requireKnown(medium, role);
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

  private nothingToRead(medium: InsertedMedium, role: MediumRole): StrongroomError {
    const mediumId = medium.manifest?.mediumId ?? 'this stick';
    return new StrongroomError(ErrorCode.ArtefactNotOnMedium, `There is no usable ${ROLE_ARTEFACT[role]} on ${mediumId}. Insert a ${role} stick that holds one.`, { mediumId });
  }
}
