import type { ChainHead, TamperKind } from '../core/audit-witness';
import type { CatalogDb } from './catalog-database';

export type HeadSighting = 'read' | 'written' | 'printed';

export interface SeenHead extends ChainHead {
  /** Where it was seen: a medium id, or the report that printed it ("verification report VR-…"). */
  readonly source: string;
  readonly how: HeadSighting;
  readonly seenAt: string;
}

export interface TamperAlarm {
  readonly alarmId: string;
  readonly raisedAt: string;
  /** The medium whose copy disagrees, or 'kiosk' for the kiosk's own chain. */
  readonly subject: string;
  readonly kind: TamperKind;
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  /** What was found, as a stable string: the same finding raises one alarm, however often it is seen. */
  readonly evidence: string;
  readonly sentence: string;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedReason: string | null;
}

interface HeadRow {
  seq: number;
  hash: string;
  source: string;
  how: HeadSighting;
  seen_at: string;
}

interface AlarmRow {
  alarm_id: string;
  raised_at: string;
  subject: string;
  kind: TamperKind;
  first_seq: number | null;
  last_seq: number | null;
  evidence: string;
  sentence: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  acknowledged_reason: string | null;
}

const toHead = (row: HeadRow): SeenHead => ({ seq: row.seq, hash: row.hash, source: row.source, how: row.how, seenAt: row.seen_at });

const toAlarm = (row: AlarmRow): TamperAlarm => ({
  alarmId: row.alarm_id,
  raisedAt: row.raised_at,
  subject: row.subject,
  kind: row.kind,
  firstSeq: row.first_seq,
  lastSeq: row.last_seq,
  evidence: row.evidence,
  sentence: row.sentence,
  acknowledgedBy: row.acknowledged_by,
  acknowledgedAt: row.acknowledged_at,
  acknowledgedReason: row.acknowledged_reason,
});

/**
 * What the audit chain's witnesses have shown this kiosk: the heads seen on sticks and printed on reports, and the
 * tamper alarms raised when a copy and the kiosk disagree. Hashes and sequence numbers only; no secret.
 */
export class AuditWitnessStore {
  constructor(private readonly db: CatalogDb) {}

  rememberHead(head: SeenHead): void {
    this.db
      .prepare('INSERT INTO audit_heads_seen (seq, hash, source, how, seen_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, how, seq, hash) DO NOTHING')
      .run(head.seq, head.hash, head.source, head.how, head.seenAt);
  }

  /** Every head seen, newest sequence first. */
  heads(): SeenHead[] {
    return (this.db.prepare('SELECT seq, hash, source, how, seen_at FROM audit_heads_seen ORDER BY seq DESC, id DESC').all() as HeadRow[]).map(toHead);
  }

  /** The newest head this kiosk wrote on a stick: a copy there that ends before it was cut or replaced. */
  lastWrittenOn(source: string): SeenHead | undefined {
    const row = this.db.prepare("SELECT seq, hash, source, how, seen_at FROM audit_heads_seen WHERE source = ? AND how = 'written' ORDER BY seq DESC LIMIT 1").get(source) as HeadRow | undefined;
    return row ? toHead(row) : undefined;
  }

  /** Records an alarm unless the same finding was raised before; returns it and whether it is new. */
  raise(alarm: Omit<TamperAlarm, 'acknowledgedBy' | 'acknowledgedAt' | 'acknowledgedReason'>): { alarm: TamperAlarm; raised: boolean } {
    const existing = this.db.prepare('SELECT * FROM tamper_alarms WHERE subject = ? AND kind = ? AND evidence = ?').get(alarm.subject, alarm.kind, alarm.evidence) as AlarmRow | undefined;
    if (existing) return { alarm: toAlarm(existing), raised: false };
    this.db
      .prepare('INSERT INTO tamper_alarms (alarm_id, raised_at, subject, kind, first_seq, last_seq, evidence, sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(alarm.alarmId, alarm.raisedAt, alarm.subject, alarm.kind, alarm.firstSeq, alarm.lastSeq, alarm.evidence, alarm.sentence);
    return { alarm: { ...alarm, acknowledgedBy: null, acknowledgedAt: null, acknowledgedReason: null }, raised: true };
  }

  get(alarmId: string): TamperAlarm | undefined {
    const row = this.db.prepare('SELECT * FROM tamper_alarms WHERE alarm_id = ?').get(alarmId) as AlarmRow | undefined;
    return row ? toAlarm(row) : undefined;
  }

  /** Alarms nobody has acknowledged yet, oldest first. */
  open(): TamperAlarm[] {
    return (this.db.prepare('SELECT * FROM tamper_alarms WHERE acknowledged_at IS NULL ORDER BY raised_at, alarm_id').all() as AlarmRow[]).map(toAlarm);
  }

  all(): TamperAlarm[] {
    return (this.db.prepare('SELECT * FROM tamper_alarms ORDER BY raised_at, alarm_id').all() as AlarmRow[]).map(toAlarm);
  }

  acknowledge(alarmId: string, by: string, at: string, reason: string): void {
    this.db.prepare('UPDATE tamper_alarms SET acknowledged_by = ?, acknowledged_at = ?, acknowledged_reason = ? WHERE alarm_id = ? AND acknowledged_at IS NULL').run(by, at, reason, alarmId);
  }
}
