import { randomUUID } from 'node:crypto';
import { verifyAuditChain, type AuditEvent } from '../core/audit-chain';
import { parseAuditCopy } from '../core/audit-copy';
import {
  chainHead,
  checkKioskAgainstHeads,
  compareCopyWithKiosk,
  copyVerdictSentence,
  headProblemSentence,
  kioskChainOf,
  rolledBackSentence,
  type ChainHead,
  type TamperKind,
} from '../core/audit-witness';
import { ErrorCode, StrongroomError, type ErrorCode as Code } from '../core/errors';
import type { TamperAlarm } from '../catalog/audit-witness-store';
import type { Catalog } from '../catalog/catalog';
import type { Clock } from '../platform/clock';

/** The actor named on an alarm: the kiosk found it, whoever was at the keyboard. */
const KIOSK_ACTOR = 'Strongroom';

export type CopyJudgement =
  | { readonly ok: true; readonly copy: ChainHead | null; readonly behindBy: number }
  | { readonly ok: false; readonly code: Code; readonly sentence: string; readonly alarm: TamperAlarm };

export interface KioskJudgement {
  readonly ok: boolean;
  readonly count: number;
  readonly head: ChainHead | null;
  /** One sentence per problem, each naming the events concerned. */
  readonly problems: readonly string[];
}

/**
 * The kiosk side of the witnessed audit chain (core/audit-witness holds the rules): judges a stick's audit.jsonl
 * against the kiosk chain before it is replaced and when a stick is verified, remembers every head seen outside
 * the kiosk, and raises a tamper alarm (an audit event and a notice on every screen until acknowledged) when a
 * copy or a remembered head and the kiosk disagree. Sequence numbers and seals only: no secret passes here.
 */
export class AuditWitness {
  constructor(
    private readonly catalog: Catalog,
    private readonly clock: Clock,
  ) {}

  /** Whether the kiosk chain extends the stick's copy (text as read from the stick; null when it has none). */
  judgeCopy(mediumId: string, text: string | null): CopyJudgement {
    const events = [...this.catalog.audit.all()];
    const kiosk = kioskChainOf(events);
    if (text !== null) {
      const parsed = parseAuditCopy(text);
      if (!parsed.ok) {
        const sentence = `The audit copy on ${mediumId} was altered or damaged: line ${parsed.line} ${parsed.problem}. Call your security lead before writing to any stick.`;
        return this.alarmed(mediumId, 'copy-altered', { firstSeq: null, lastSeq: null, evidence: `line ${parsed.line}: ${parsed.problem}`, sentence }, ErrorCode.AuditCopyDiverged);
      }
      const verdict = compareCopyWithKiosk(parsed.events, kiosk);
      if (verdict.kind !== 'extends') {
        const sentence = copyVerdictSentence(mediumId, verdict, kiosk.count);
        const evidence = verdict.kind === 'copy-diverged' ? `${verdict.firstSeq}:${verdict.onCopy.hash}:${verdict.inKiosk.hash}` : verdict.kind === 'kiosk-missing-events' ? `${verdict.firstSeq}-${verdict.lastSeq}:${verdict.copy.hash}` : `${verdict.firstSeq}`;
        const lastSeq = verdict.kind === 'kiosk-missing-events' ? verdict.lastSeq : verdict.firstSeq;
        const code = verdict.kind === 'kiosk-missing-events' ? ErrorCode.AuditTrailIncomplete : ErrorCode.AuditCopyDiverged;
        // A copy that holds together and reaches past the kiosk is the witness itself: remember its head, so the
        // cut keeps failing once the stick is back in the safe.
        if (verdict.kind === 'kiosk-missing-events') this.catalog.witness.rememberHead({ ...verdict.copy, source: mediumId, how: 'read', seenAt: this.now() });
        return this.alarmed(mediumId, verdict.kind, { firstSeq: verdict.firstSeq, lastSeq, evidence, sentence }, code);
      }
      const copy = verdict.copy;
      const written = this.catalog.witness.lastWrittenOn(mediumId);
      if (written && (copy === null || copy.seq < written.seq)) {
        const sentence = rolledBackSentence(mediumId, copy, written);
        return this.alarmed(mediumId, 'copy-rolled-back', { firstSeq: (copy?.seq ?? 0) + 1, lastSeq: written.seq, evidence: `${copy?.seq ?? 0}<${written.seq}:${written.hash}`, sentence }, ErrorCode.AuditCopyDiverged);
      }
      if (copy) this.catalog.witness.rememberHead({ ...copy, source: mediumId, how: 'read', seenAt: this.now() });
      return { ok: true, copy, behindBy: verdict.behindBy };
    }
    const written = this.catalog.witness.lastWrittenOn(mediumId);
    if (written) {
      const sentence = rolledBackSentence(mediumId, null, written);
      return this.alarmed(mediumId, 'copy-rolled-back', { firstSeq: 1, lastSeq: written.seq, evidence: `none<${written.seq}:${written.hash}`, sentence }, ErrorCode.AuditCopyDiverged);
    }
    return { ok: true, copy: null, behindBy: kiosk.count };
  }

  /** As judgeCopy, but a copy the kiosk chain does not extend stops the write: the copy stays as evidence. */
  requireExtends(mediumId: string, text: string | null): void {
    const judged = this.judgeCopy(mediumId, text);
    if (!judged.ok) throw new StrongroomError(judged.code, `Nothing was written to ${mediumId}. ${judged.sentence}`, { mediumId, alarm: judged.alarm.alarmId });
  }

  /** The kiosk chain's head now, for a document that prints it (remembered with `remember` once it is made). */
  head(): ChainHead | null {
    const last = this.catalog.audit.head();
    return last ? { seq: last.seq, hash: last.hash } : null;
  }

  /** A head that now sits outside the kiosk: on a stick it wrote, or printed on a report. */
  remember(source: string, how: 'written' | 'printed', head: ChainHead | null): void {
    if (head) this.catalog.witness.rememberHead({ ...head, source, how, seenAt: this.now() });
  }

  /** The kiosk chain on its own and against every head remembered; problems raise alarms. */
  judgeKiosk(): KioskJudgement {
    const events = [...this.catalog.audit.all()];
    return this.judgeKioskEvents(events);
  }

  /** The kiosk chain against the copies on the given sticks too (audit verify --against). */
  judgeKioskAgainst(copies: readonly { readonly mediumId: string; readonly text: string | null }[]): KioskJudgement {
    const events = [...this.catalog.audit.all()];
    const own = this.judgeKioskEvents(events);
    const problems = [...own.problems];
    for (const { mediumId, text } of copies) {
      if (text === null) {
        problems.push(`${mediumId} holds no audit copy, so it cannot vouch for the kiosk's trail.`);
        continue;
      }
      const judged = this.judgeCopy(mediumId, text);
      if (!judged.ok) problems.push(judged.sentence);
    }
    const after = [...this.catalog.audit.all()];
    return { ok: problems.length === 0, count: events.length, head: chainHead(after), problems };
  }

  open(): TamperAlarm[] {
    return this.catalog.witness.open();
  }

  acknowledge(alarmId: string, custodian: string, reason: string, record: (details: Record<string, string>) => void): TamperAlarm {
    const alarm = this.catalog.witness.get(alarmId);
    if (!alarm) throw new StrongroomError(ErrorCode.TamperAlarmNotFound, `There is no tamper alarm ${alarmId}. List them with "strongroom audit alarms".`);
    if (reason.trim().length < 5) throw new StrongroomError(ErrorCode.ReasonTooShort, 'Say what was found and done about the alarm (a few words); it goes on the audit trail.');
    if (alarm.acknowledgedAt) return alarm;
    record({ alarm: alarmId, reason: reason.trim() });
    this.catalog.witness.acknowledge(alarmId, custodian, this.now(), reason.trim());
    return this.catalog.witness.get(alarmId)!;
  }

  private judgeKioskEvents(events: readonly AuditEvent[]): KioskJudgement {
    const own = verifyAuditChain(events);
    const head = chainHead(events);
    if (!own.intact) {
      const sentence = `The kiosk's audit trail is broken at event ${own.firstBadSeq}: ${own.explanation}`;
      this.raise('kiosk', 'kiosk-broken', { firstSeq: own.firstBadSeq, lastSeq: own.firstBadSeq, evidence: `${own.firstBadSeq}`, sentence });
      return { ok: false, count: events.length, head, problems: [sentence] };
    }
    const kiosk = kioskChainOf(events);
    const problems = checkKioskAgainstHeads(kiosk, this.catalog.witness.heads()).map((problem) => {
      const sentence = headProblemSentence(problem, kiosk.count);
      this.raise('kiosk', problem.kind, { firstSeq: problem.firstSeq, lastSeq: problem.lastSeq, evidence: `${problem.head.seq}:${problem.head.hash}:${kiosk.count}`, sentence });
      return sentence;
    });
    return { ok: problems.length === 0, count: events.length, head, problems };
  }

  private alarmed(subject: string, kind: TamperKind, found: { firstSeq: number | null; lastSeq: number | null; evidence: string; sentence: string }, code: Code): CopyJudgement {
    return { ok: false, code, sentence: found.sentence, alarm: this.raise(subject, kind, found) };
  }

  /** One alarm per finding; its raising is itself an audit event (seen on the next stick written). */
  private raise(subject: string, kind: TamperKind, found: { firstSeq: number | null; lastSeq: number | null; evidence: string; sentence: string }): TamperAlarm {
    const { alarm, raised } = this.catalog.witness.raise({ alarmId: `TA-${randomUUID().slice(0, 8)}`, raisedAt: this.now(), subject, kind, ...found });
    if (raised) {
      this.catalog.audit.append({
        at: alarm.raisedAt,
        custodian: KIOSK_ACTOR,
        action: 'audit.tamper-alarm',
        subject,
        details: { alarm: alarm.alarmId, kind, ...(found.firstSeq !== null ? { firstSeq: found.firstSeq } : {}), ...(found.lastSeq !== null ? { lastSeq: found.lastSeq } : {}), sentence: found.sentence },
      });
    }
    return alarm;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
