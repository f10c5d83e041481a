import { sealAuditEvent, verifyAuditChain, type AuditChainVerdict, type AuditDetails, type AuditEvent } from '../core/audit-chain';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { CatalogDb } from './catalog-database';

export interface AuditRow {
  seq: number;
  at: string;
  custodian: string;
  action: string;
  subject: string;
  details_json: string;
  prev_hash: string;
  hash: string;
}

export function rowToEvent(row: AuditRow): AuditEvent {
  let details: AuditDetails;
  try {
    details = JSON.parse(row.details_json) as AuditDetails;
  } catch {
    // A damaged details column must still surface as a chain break, not as a crash of the audit screen.
    details = { unreadable: row.details_json };
  }
  return {
    seq: row.seq,
    at: row.at,
    custodian: row.custodian,
    action: row.action,
    subject: row.subject,
    details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface AuditLog {
  append(event: Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>): AuditEvent;
  /** Throws AUDIT_UNAVAILABLE unless an event could be appended right now (nothing is appended). */
  requireAppendable(): void;
  list(options?: { limit?: number; beforeSeq?: number }): AuditEvent[];
  all(): Iterable<AuditEvent>;
  verify(): AuditChainVerdict;
  head(): AuditEvent | undefined;
}

export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: CatalogDb) {}

  append(event: Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>): AuditEvent {
    try {
      return this.insert(event);
    } catch (error) {
      throw unrecordable(error, event.action);
    }
  }

  /**
   * Proves that the catalog takes an event now, by inserting one inside a savepoint and rolling it back: an action
   * whose event is only recorded once it is done (a write to a stick, a page to the printer) asks here first, so a
   * read-only or full catalog stops it before it happens.
   */
  requireAppendable(): void {
    try {
      this.db.exec('SAVEPOINT audit_probe');
      try {
        this.db
          .prepare("INSERT INTO audit_events (seq, at, custodian, action, subject, details_json, prev_hash, hash) VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_events), '', '', 'probe', '', '{}', '', '')")
          .run();
      } finally {
        this.db.exec('ROLLBACK TO audit_probe; RELEASE audit_probe');
      }
    } catch (error) {
      throw unrecordable(error, 'the next action');
    }
  }

  private insert(event: Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>): AuditEvent {
    // The read of the head and the insert are one transaction so two writers cannot fork the chain.
    return this.db
      .transaction(() => {
        const sealed = sealAuditEvent(this.head(), event);
        this.db
          .prepare(
            `INSERT INTO audit_events (seq, at, custodian, action, subject, details_json, prev_hash, hash)
             VALUES (@seq, @at, @custodian, @action, @subject, @details_json, @prev_hash, @hash)`,
          )
          .run({
            seq: sealed.seq,
            at: sealed.at,
            custodian: sealed.custodian,
            action: sealed.action,
            subject: sealed.subject,
            details_json: JSON.stringify(sealed.details),
            prev_hash: sealed.prevHash,
            hash: sealed.hash,
          });
        return sealed;
      })
      .immediate();
  }

  head(): AuditEvent | undefined {
    const row = this.db.prepare('SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1').get() as AuditRow | undefined;
    return row ? rowToEvent(row) : undefined;
  }

  list(options: { limit?: number; beforeSeq?: number } = {}): AuditEvent[] {
    const limit = options.limit ?? 200;
    const rows = this.db
      .prepare('SELECT * FROM audit_events WHERE seq < ? ORDER BY seq DESC LIMIT ?')
      .all(options.beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as AuditRow[];
    return rows.map(rowToEvent);
  }

  *all(): Iterable<AuditEvent> {
    // seq is the rowid, so a gap left by a deleted row shows; rows whose contents were swapped fail their hash.
    for (const row of this.db.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
      yield rowToEvent(row);
    }
  }

  verify(): AuditChainVerdict {
    return verifyAuditChain(this.all());
  }
}

/** A catalog that refuses an audit event (read-only, full, locked, gone) in words: the action does not happen. */
function unrecordable(error: unknown, action: string): StrongroomError {
  if (error instanceof StrongroomError) return error;
  const detail = (error as { code?: string; message?: string } | undefined)?.code ?? (error as Error | undefined)?.message ?? 'unknown error';
  return new StrongroomError(
    ErrorCode.AuditUnavailable,
    `The audit trail cannot be written (${detail}), so ${action === 'the next action' ? 'nothing was done' : `"${action}" did not happen`}: every custody action is recorded first. Check that the kiosk's disk is not full or read-only, then try again.`,
    { action },
  );
}
