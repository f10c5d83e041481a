import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json';

/**
 * The audit trail is a hash chain: each event commits to the hash of the one before it, so changing,
 * removing or reordering any row breaks every hash after it. Truncating the tail cannot be seen from the
 * chain alone; the copies written to every medium (audit.jsonl) are what catch that.
 */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditDetails = { [key: string]: JsonValue };

/** What a use case asks to record; seq, time and hashes are filled in by the log. */
export interface AuditEntry {
  readonly action: string;
  readonly subject: string;
  readonly details?: AuditDetails;
}

export interface AuditEvent {
  readonly seq: number;
  readonly at: string;
  readonly custodian: string;
  readonly action: string;
  readonly subject: string;
  readonly details: AuditDetails;
  readonly prevHash: string;
  readonly hash: string;
}

export type UnsealedAuditEvent = Omit<AuditEvent, 'hash' | 'prevHash'>;

export function hashAuditEvent(prevHash: string, event: UnsealedAuditEvent): string {
  const body = canonicalJson({
    seq: event.seq,
    at: event.at,
    custodian: event.custodian,
    action: event.action,
    subject: event.subject,
    details: event.details,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

export function sealAuditEvent(previous: AuditEvent | undefined, event: Omit<UnsealedAuditEvent, 'seq'>): AuditEvent {
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const unsealed = { ...event, seq: (previous?.seq ?? 0) + 1 };
  return { ...unsealed, prevHash, hash: hashAuditEvent(prevHash, unsealed) };
}

export type AuditChainVerdict =
  | { readonly intact: true; readonly count: number; readonly headHash: string }
  | {
      readonly intact: false;
      readonly count: number;
      readonly firstBadSeq: number;
      readonly reason: 'hash-mismatch' | 'broken-link' | 'missing-or-reordered';
      readonly explanation: string;
    };

/** Walks the chain in storage order; the first row that does not follow from the one before is reported. */
export function verifyAuditChain(events: Iterable<AuditEvent>): AuditChainVerdict {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const event of events) {
    count += 1;
    if (event.seq !== expectedSeq) {
      return {
        intact: false,
        count,
        firstBadSeq: Math.min(event.seq, expectedSeq),
        reason: 'missing-or-reordered',
        explanation: `Expected event ${expectedSeq} but found event ${event.seq}: events were removed or reordered.`,
      };
    }
    if (event.prevHash !== prevHash) {
      return {
        intact: false,
        count,
        firstBadSeq: event.seq,
        reason: 'broken-link',
        explanation: `Event ${event.seq} does not point at the event before it.`,
      };
    }
    if (hashAuditEvent(prevHash, event) !== event.hash) {
      return {
        intact: false,
        count,
        firstBadSeq: event.seq,
        reason: 'hash-mismatch',
        explanation: `Event ${event.seq} was changed after it was recorded.`,
      };
    }
    prevHash = event.hash;
    expectedSeq += 1;
  }
  return { intact: true, count, headHash: prevHash };
}
