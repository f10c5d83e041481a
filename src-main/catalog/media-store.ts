import type { DeviceIdentity, IdentitySource } from '../core/device-identity';
import type { MediumLifecycle } from '../core/medium-lifecycle';
import type { MediumRole } from '../core/medium-manifest';
import type { CheckStatus } from '../core/seal-check';
import type { CatalogDb } from './catalog-database';

export interface MediumRecord {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly identity: DeviceIdentity;
  readonly location: { readonly kind: 'onsite' | 'offsite'; readonly note: string };
  readonly practice: boolean;
  readonly labelledBy: string;
  readonly labelledAt: string;
  /** When the stick left service (lost, retired or replaced); null while it is active. */
  readonly retiredAt: string | null;
  readonly lifecycle: MediumLifecycle;
  readonly lifecycleReason: string | null;
  readonly lifecycleBy: string | null;
  /** The medium that took over from this one, when it was replaced. */
  readonly replacedBy: string | null;
}

export interface ArtefactWriteRecord {
  readonly mediumId: string;
  readonly artefact: string;
  readonly generation: number;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly writtenBy: string;
  readonly writtenAt: string;
}

interface MediumRow {
  medium_id: string;
  role: MediumRole;
  device_identity: string;
  identity_source: IdentitySource;
  location_kind: 'onsite' | 'offsite';
  location_note: string;
  practice: number;
  labelled_by: string;
  labelled_at: string;
  retired_at: string | null;
  lifecycle: MediumLifecycle;
  lifecycle_reason: string | null;
  lifecycle_by: string | null;
  replaced_by: string | null;
}

function toRecord(row: MediumRow): MediumRecord {
  return {
    mediumId: row.medium_id,
    role: row.role,
    identity: { value: row.device_identity, source: row.identity_source },
    location: { kind: row.location_kind, note: row.location_note },
    practice: row.practice === 1,
    labelledBy: row.labelled_by,
    labelledAt: row.labelled_at,
    retiredAt: row.retired_at,
    lifecycle: row.lifecycle,
    lifecycleReason: row.lifecycle_reason,
    lifecycleBy: row.lifecycle_by,
    replacedBy: row.replaced_by,
  };
}

interface WriteRow {
  medium_id: string;
  artefact: string;
  generation: number;
  sha256: string;
  size_bytes: number;
  written_by: string;
  written_at: string;
}

const toWrite = (row: WriteRow): ArtefactWriteRecord => ({
  mediumId: row.medium_id,
  artefact: row.artefact,
  generation: row.generation,
  sha256: row.sha256,
  sizeBytes: row.size_bytes,
  writtenBy: row.written_by,
  writtenAt: row.written_at,
});

/** Media the kiosk has labelled, and every verified artefact write to them. No secrets: ids, roles, hashes. */
export class MediaStore {
  constructor(private readonly db: CatalogDb) {}

  list(options: { includeRetired?: boolean } = {}): MediumRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM media ${options.includeRetired ? '' : 'WHERE retired_at IS NULL'} ORDER BY role, medium_id`)
      .all() as MediumRow[];
    return rows.map(toRecord);
  }

  get(mediumId: string): MediumRecord | undefined {
    const row = this.db.prepare('SELECT * FROM media WHERE medium_id = ?').get(mediumId) as MediumRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** The live (not retired) medium recorded for this physical device, if any. */
  findByIdentity(identity: DeviceIdentity): MediumRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM media WHERE device_identity = ? AND identity_source = ? AND retired_at IS NULL')
      .get(identity.value, identity.source) as MediumRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  insert(record: Omit<MediumRecord, 'retiredAt' | 'lifecycle' | 'lifecycleReason' | 'lifecycleBy' | 'replacedBy'>): void {
    this.db
      .prepare(
        `INSERT INTO media (medium_id, role, device_identity, identity_source, location_kind, location_note, practice, labelled_by, labelled_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.mediumId,
        record.role,
        record.identity.value,
        record.identity.source,
        record.location.kind,
        record.location.note,
        record.practice ? 1 : 0,
        record.labelledBy,
        record.labelledAt,
      );
  }

  retire(mediumId: string, at: string): void {
    this.leaveService(mediumId, { lifecycle: 'retired', reason: 'wiped', by: null, at });
  }

  /** Takes a medium out of service for good: it no longer counts as a replica, and its id is never reused. */
  leaveService(mediumId: string, change: { lifecycle: Exclude<MediumLifecycle, 'active'>; reason: string; by: string | null; at: string; replacedBy?: string }): void {
    this.db
      .prepare('UPDATE media SET retired_at = ?, lifecycle = ?, lifecycle_reason = ?, lifecycle_by = ?, replaced_by = ? WHERE medium_id = ?')
      .run(change.at, change.lifecycle, change.reason, change.by, change.replacedBy ?? null, mediumId);
  }

  /** Media no longer in service, most recent first: the Media screen and `due` say what to do about lost ones. */
  outOfService(): MediumRecord[] {
    return (this.db.prepare("SELECT * FROM media WHERE lifecycle <> 'active' ORDER BY retired_at DESC").all() as MediumRow[]).map(toRecord);
  }

  /** A medium out of service recorded for this device, if any: a lost stick that turns up is named as such. */
  findRetiredByIdentity(identity: DeviceIdentity): MediumRecord | undefined {
    const row = this.db
      .prepare("SELECT * FROM media WHERE device_identity = ? AND identity_source = ? AND lifecycle <> 'active' ORDER BY retired_at DESC LIMIT 1")
      .get(identity.value, identity.source) as MediumRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Next free id for a role: VAULT-01, VAULT-02... (retired ids are never reused: the audit trail names them). */
  nextMediumId(role: MediumRole): string {
    const prefix = role === 'vault' ? 'VAULT' : 'SEEDS';
    const rows = this.db.prepare('SELECT medium_id FROM media WHERE role = ?').all(role) as { medium_id: string }[];
    const used = rows.map((r) => Number.parseInt(r.medium_id.split('-')[1] ?? '0', 10)).filter(Number.isFinite);
    const next = (used.length ? Math.max(...used) : 0) + 1;
    return `${prefix}-${String(next).padStart(2, '0')}`;
  }

  recordWrite(write: ArtefactWriteRecord): void {
    this.db
      .prepare(
        `INSERT INTO artefact_writes (medium_id, artefact, generation, sha256, size_bytes, written_by, written_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(write.mediumId, write.artefact, write.generation, write.sha256, write.sizeBytes, write.writtenBy, write.writtenAt);
  }

  /** The newest verified write of an artefact to one medium. */
  lastWrite(mediumId: string, artefact: string): ArtefactWriteRecord | undefined {
    const row = this.db
      .prepare(
        `SELECT medium_id, artefact, generation, sha256, size_bytes, written_by, written_at FROM artefact_writes
         WHERE medium_id = ? AND artefact = ? ORDER BY generation DESC, id DESC LIMIT 1`,
      )
      .get(mediumId, artefact) as WriteRow | undefined;
    return row ? toWrite(row) : undefined;
  }

  /** The newest generation written of an artefact on any medium: what every replica should hold. */
  newestGeneration(artefact: string): number {
    const row = this.db.prepare('SELECT MAX(generation) AS g FROM artefact_writes WHERE artefact = ?').get(artefact) as { g: number | null };
    return row.g ?? 0;
  }

  /** When this medium last passed a verification, or null. */
  lastVerifiedAt(mediumId: string): string | null {
    const row = this.db
      .prepare("SELECT MAX(verified_at) AS at FROM verifications WHERE medium_id = ? AND outcome = 'passed'")
      .get(mediumId) as { at: string | null };
    return row.at;
  }

  /** The latest verification of this medium, whatever its outcome, or undefined if it was never verified. */
  latestVerification(mediumId: string): VerificationRecord | undefined {
    const row = this.db.prepare('SELECT run_id FROM verifications WHERE medium_id = ? ORDER BY verified_at DESC, id DESC LIMIT 1').get(mediumId) as { run_id: string } | undefined;
    return row ? this.verificationsOfRun(row.run_id).filter((v) => v.mediumId === mediumId).at(-1) : undefined;
  }

  recordVerification(record: VerificationRecord): void {
    this.db
      .prepare(
        `INSERT INTO verifications (medium_id, run_id, outcome, checks_json, verified_by, verified_at, next_due_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(record.mediumId, record.runId, record.outcome, JSON.stringify(record.checks), record.verifiedBy, record.verifiedAt, record.nextDueAt);
  }

  /** Every medium verification recorded under one run, in the order they were done. */
  verificationsOfRun(runId: string): VerificationRecord[] {
    const rows = this.db.prepare('SELECT * FROM verifications WHERE run_id = ? ORDER BY id').all(runId) as {
      medium_id: string;
      run_id: string;
      outcome: VerificationOutcome;
      checks_json: string;
      verified_by: string;
      verified_at: string;
      next_due_at: string | null;
    }[];
    return rows.map((row) => ({
      mediumId: row.medium_id,
      runId: row.run_id,
      outcome: row.outcome,
      checks: (JSON.parse(row.checks_json) as VerificationCheck[]).map((c) => ({ ...c, status: c.status ?? (c.passed ? 'passed' : 'failed') })),
      verifiedBy: row.verified_by,
      verifiedAt: row.verified_at,
      nextDueAt: row.next_due_at,
    }));
  }
}

export interface VerificationCheck {
  readonly name: string;
  /** True only for a check that passed; a check not answered is neither passed nor failed (see status). */
  readonly passed: boolean;
  readonly status: CheckStatus;
  readonly sentence: string;
}

/** 'incomplete': no check failed, but one was not answered (a physical check), so the stick is not yet verified. */
export type VerificationOutcome = 'passed' | 'failed' | 'incomplete';

export interface VerificationRecord {
  readonly mediumId: string;
  readonly runId: string;
  readonly outcome: VerificationOutcome;
  readonly checks: readonly VerificationCheck[];
  readonly verifiedBy: string;
  readonly verifiedAt: string;
  readonly nextDueAt: string | null;
}
