import type { CatalogDb } from './catalog-database';

export type RotationWhat = 'password' | 'seed' | 'both';
/** 'starting': the pending credential is being written; 'pending': it is on the sticks, waiting for AWS. */
export type RotationStatus = 'starting' | 'pending' | 'confirmed' | 'cancelled';

export interface RotationRecord {
  readonly rotationId: string;
  readonly accountId: string;
  readonly what: RotationWhat;
  readonly reason: string;
  readonly status: RotationStatus;
  readonly startedBy: string;
  readonly startedAt: string;
  readonly finishedBy: string | null;
  readonly finishedAt: string | null;
}

interface Row {
  rotation_id: string;
  account_id: string;
  what: RotationWhat;
  reason: string;
  status: RotationStatus;
  started_by: string;
  started_at: string;
  finished_by: string | null;
  finished_at: string | null;
}

const toRecord = (r: Row): RotationRecord => ({
  rotationId: r.rotation_id,
  accountId: r.account_id,
  what: r.what,
  reason: r.reason,
  status: r.status,
  startedBy: r.started_by,
  startedAt: r.started_at,
  finishedBy: r.finished_by,
  finishedAt: r.finished_at,
});

/** Credential rotations: which account, what, why, and where each stands. The credentials live only in the KDBX files. */
export class RotationStore {
  constructor(private readonly db: CatalogDb) {}

  insert(record: Omit<RotationRecord, 'finishedBy' | 'finishedAt'>): void {
    this.db
      .prepare('INSERT INTO rotations (rotation_id, account_id, what, reason, status, started_by, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(record.rotationId, record.accountId, record.what, record.reason, record.status, record.startedBy, record.startedAt);
  }

  /** The rotation still open (starting or pending) for an account. */
  open(accountId: string): RotationRecord | undefined {
    const row = this.db.prepare("SELECT * FROM rotations WHERE account_id = ? AND status IN ('starting', 'pending')").get(accountId) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  allOpen(): RotationRecord[] {
    return (this.db.prepare("SELECT * FROM rotations WHERE status IN ('starting', 'pending') ORDER BY started_at").all() as Row[]).map(toRecord);
  }

  setStatus(rotationId: string, status: RotationStatus, by: string | null, at: string | null): void {
    this.db.prepare('UPDATE rotations SET status = ?, finished_by = ?, finished_at = ? WHERE rotation_id = ?').run(status, by, at, rotationId);
  }

  /** A rotation whose pending write never reached a stick leaves no trace but this record. */
  remove(rotationId: string): void {
    this.db.prepare("DELETE FROM rotations WHERE rotation_id = ? AND status = 'starting'").run(rotationId);
  }
}
