import type { ArtefactFileState } from '../core/artefact-files';
import type { CatalogDb } from './catalog-database';

export type GenerationStatus = 'prepared' | 'published' | 'abandoned';

export interface GenerationRecord {
  readonly artefact: string;
  readonly generation: number;
  readonly sha256: string;
  readonly sizeBytes: number;
  /** Ids of the accounts in the generation's live entries; null when not known (written before it was recorded). */
  readonly accountIds: readonly string[] | null;
  readonly status: GenerationStatus;
  readonly jobId: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface MediumFileRecord {
  readonly mediumId: string;
  readonly artefact: string;
  readonly generation: number;
  readonly state: ArtefactFileState;
  readonly fileName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly writtenBy: string;
  readonly writtenAt: string;
  /** When the file was last read back or verified on the stick and matched. */
  readonly verifiedAt: string | null;
}

interface GenerationRow {
  artefact: string;
  generation: number;
  sha256: string;
  size_bytes: number;
  accounts_json: string | null;
  status: GenerationStatus;
  job_id: string | null;
  created_by: string;
  created_at: string;
}

interface MediumFileRow {
  medium_id: string;
  artefact: string;
  generation: number;
  state: ArtefactFileState;
  file_name: string;
  sha256: string;
  size_bytes: number;
  written_by: string;
  written_at: string;
  verified_at: string | null;
}

const toGeneration = (row: GenerationRow): GenerationRecord => ({
  artefact: row.artefact,
  generation: row.generation,
  sha256: row.sha256,
  sizeBytes: row.size_bytes,
  accountIds: row.accounts_json === null ? null : (JSON.parse(row.accounts_json) as string[]),
  status: row.status,
  jobId: row.job_id,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

const toFile = (row: MediumFileRow): MediumFileRecord => ({
  mediumId: row.medium_id,
  artefact: row.artefact,
  generation: row.generation,
  state: row.state,
  fileName: row.file_name,
  sha256: row.sha256,
  sizeBytes: row.size_bytes,
  writtenBy: row.written_by,
  writtenAt: row.written_at,
  verifiedAt: row.verified_at,
});

/**
 * Which generations of each artefact exist (by SHA-256, never their content) and which stick holds which of
 * them, as current, history or staged file. No secrets: hashes, sizes, account ids.
 */
export class GenerationStore {
  constructor(private readonly db: CatalogDb) {}

  /** The live (not abandoned) record of a generation. */
  get(artefact: string, generation: number): GenerationRecord | undefined {
    const row = this.db.prepare("SELECT * FROM artefact_generations WHERE artefact = ? AND generation = ? AND status <> 'abandoned'").get(artefact, generation) as GenerationRow | undefined;
    return row ? toGeneration(row) : undefined;
  }

  bySha(artefact: string, sha256: string): GenerationRecord | undefined {
    const row = this.db.prepare("SELECT * FROM artefact_generations WHERE artefact = ? AND sha256 = ? AND status <> 'abandoned'").get(artefact, sha256) as GenerationRow | undefined;
    return row ? toGeneration(row) : undefined;
  }

  /** The newest generation committed on at least one stick, or 0. */
  newestPublished(artefact: string): number {
    const row = this.db.prepare("SELECT MAX(generation) AS g FROM artefact_generations WHERE artefact = ? AND status = 'published'").get(artefact) as { g: number | null };
    return row.g ?? 0;
  }

  published(artefact: string): GenerationRecord[] {
    return (this.db.prepare("SELECT * FROM artefact_generations WHERE artefact = ? AND status = 'published' ORDER BY generation").all(artefact) as GenerationRow[]).map(toGeneration);
  }

  /** Every generation ever prepared, abandoned ones too, by artefact and SHA-256: what this kiosk wrote, by content. */
  allWritten(): { artefact: string; generation: number; sha256: string }[] {
    return this.db.prepare('SELECT artefact, generation, sha256 FROM artefact_generations ORDER BY artefact, generation').all() as { artefact: string; generation: number; sha256: string }[];
  }

  /** Registers a prepared generation; the unique index refuses a second live record of the same number. */
  prepare(record: Omit<GenerationRecord, 'status'>): void {
    this.db
      .prepare(
        `INSERT INTO artefact_generations (artefact, generation, sha256, size_bytes, accounts_json, status, job_id, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, 'prepared', ?, ?, ?)`,
      )
      .run(record.artefact, record.generation, record.sha256, record.sizeBytes, record.accountIds ? JSON.stringify(record.accountIds) : null, record.jobId, record.createdBy, record.createdAt);
  }

  setStatus(artefact: string, generation: number, status: GenerationStatus): void {
    this.db.prepare("UPDATE artefact_generations SET status = ? WHERE artefact = ? AND generation = ? AND status <> 'abandoned'").run(status, artefact, generation);
  }

  // -- per stick ------------------------------------------------------------------------------------------------

  filesOf(mediumId: string, artefact?: string): MediumFileRecord[] {
    const rows = (artefact
      ? this.db.prepare('SELECT * FROM medium_files WHERE medium_id = ? AND artefact = ? ORDER BY generation').all(mediumId, artefact)
      : this.db.prepare('SELECT * FROM medium_files WHERE medium_id = ? ORDER BY artefact, generation').all(mediumId)) as MediumFileRow[];
    return rows.map(toFile);
  }

  currentOf(mediumId: string, artefact: string): MediumFileRecord | undefined {
    const row = this.db.prepare("SELECT * FROM medium_files WHERE medium_id = ? AND artefact = ? AND state = 'current'").get(mediumId, artefact) as MediumFileRow | undefined;
    return row ? toFile(row) : undefined;
  }

  /** Sticks whose current file of the artefact is this generation. */
  holdersOf(artefact: string, generation: number): string[] {
    return (this.db.prepare("SELECT medium_id FROM medium_files WHERE artefact = ? AND generation = ? AND state = 'current' ORDER BY medium_id").all(artefact, generation) as { medium_id: string }[]).map(
      (r) => r.medium_id,
    );
  }

  /** Records (or replaces) what one stick holds of one generation. */
  putFile(record: MediumFileRecord): void {
    this.db
      .prepare(
        `INSERT INTO medium_files (medium_id, artefact, generation, state, file_name, sha256, size_bytes, written_by, written_at, verified_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (medium_id, artefact, generation) DO UPDATE SET state = excluded.state, file_name = excluded.file_name, sha256 = excluded.sha256,
           size_bytes = excluded.size_bytes, written_by = excluded.written_by, written_at = excluded.written_at, verified_at = excluded.verified_at`,
      )
      .run(record.mediumId, record.artefact, record.generation, record.state, record.fileName, record.sha256, record.sizeBytes, record.writtenBy, record.writtenAt, record.verifiedAt);
  }

  removeFile(mediumId: string, artefact: string, generation: number): void {
    this.db.prepare('DELETE FROM medium_files WHERE medium_id = ? AND artefact = ? AND generation = ?').run(mediumId, artefact, generation);
  }

  removeAllFiles(mediumId: string): void {
    this.db.prepare('DELETE FROM medium_files WHERE medium_id = ?').run(mediumId);
  }

  markVerified(mediumId: string, artefact: string, generation: number, at: string): void {
    this.db.prepare('UPDATE medium_files SET verified_at = ? WHERE medium_id = ? AND artefact = ? AND generation = ?').run(at, mediumId, artefact, generation);
  }

  /** Runs several catalog changes as one: a commit's bookkeeping lands whole or not at all. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }
}
