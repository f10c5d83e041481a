import { verifyAuditChain, type AuditEvent } from './audit-chain';
import { formatInstant } from './instant-format';

/**
 * The audit chain witnessed outside the kiosk, after Certificate Transparency and Vault's audit devices: every
 * stick an event touches carries a copy of the chain (audit.jsonl), and a copy is only ever extended. Someone
 * with the kiosk's disk can delete its newest events or rewrite the chain and hash it again (the chain is not
 * keyed), but not the copies already in the safe: comparing a copy with the kiosk chain shows the cut (the copy
 * holds events the kiosk lacks) or the rewrite (the two part at one event). Heads seen on sticks and printed on
 * reports are remembered too, so a kiosk chain that no longer reaches one of them fails even with no stick
 * inserted; an attacker who also deletes those memories still meets the sticks' own copies.
 *
 * Pure rules over events and heads; app/audit-witness reads the copies and the catalog.
 */

/** The newest event of a chain, as printed on paper and remembered: its number and its seal. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** A head seen outside the kiosk, with where and when. */
export interface WitnessedHead extends ChainHead {
  /** A medium id, or the report that printed it. */
  readonly source: string;
  readonly seenAt: string;
}

export type TamperKind =
  /** A stick's copy and the kiosk chain part at some event: one of them was rewritten (or forked). */
  | 'copy-diverged'
  /** A stick's copy does not hold together on its own (edited without re-hashing, or damaged). */
  | 'copy-altered'
  /** A stick's copy ends before what this kiosk wrote there: it was cut short or replaced by an older one. */
  | 'copy-rolled-back'
  /** A copy (or a remembered head) holds events the kiosk chain no longer has: truncated, or an old catalog. */
  | 'kiosk-missing-events'
  /** The kiosk chain no longer holds an event as a stick or a report saw it. */
  | 'kiosk-rewritten'
  /** The kiosk chain does not hold together on its own. */
  | 'kiosk-broken';

export function chainHead(events: readonly AuditEvent[]): ChainHead | null {
  const last = events.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : null;
}

/** The kiosk chain by event number (a chain whose own check passed: seq n is at index n - 1). */
export interface KioskChain {
  readonly count: number;
  at(seq: number): AuditEvent | undefined;
}

export function kioskChainOf(events: readonly AuditEvent[]): KioskChain {
  const bySeq = new Map(events.map((e) => [e.seq, e] as const));
  return { count: events.length, at: (seq) => bySeq.get(seq) };
}

export type CopyVerdict =
  /** The kiosk chain equals the copy or extends it: the copy may be replaced by the kiosk chain. */
  | { readonly kind: 'extends'; readonly copy: ChainHead | null; readonly behindBy: number }
  | { readonly kind: 'copy-altered'; readonly firstSeq: number; readonly explanation: string }
  | { readonly kind: 'copy-diverged'; readonly firstSeq: number; readonly onCopy: AuditEvent; readonly inKiosk: AuditEvent }
  | { readonly kind: 'kiosk-missing-events'; readonly firstSeq: number; readonly lastSeq: number; readonly copy: ChainHead };

/** Whether the kiosk chain extends a stick's copy, and if not, the first event where they disagree. */
export function compareCopyWithKiosk(copy: readonly AuditEvent[], kiosk: KioskChain): CopyVerdict {
  const own = verifyAuditChain(copy);
  if (!own.intact) return { kind: 'copy-altered', firstSeq: own.firstBadSeq, explanation: own.explanation };
  const shared = Math.min(copy.length, kiosk.count);
  // Both are hash chains: once they part they never meet again, so the first differing seal is where they part.
  for (let index = 0; index < shared; index += 1) {
    const onCopy = copy[index]!;
    const inKiosk = kiosk.at(onCopy.seq);
    if (!inKiosk || inKiosk.hash !== onCopy.hash) {
      return inKiosk
        ? { kind: 'copy-diverged', firstSeq: onCopy.seq, onCopy, inKiosk }
        : { kind: 'kiosk-missing-events', firstSeq: onCopy.seq, lastSeq: copy.length, copy: chainHead(copy)! };
    }
  }
  if (copy.length > kiosk.count) return { kind: 'kiosk-missing-events', firstSeq: kiosk.count + 1, lastSeq: copy.length, copy: chainHead(copy)! };
  return { kind: 'extends', copy: chainHead(copy), behindBy: kiosk.count - copy.length };
}

export type HeadProblem =
  | { readonly kind: 'kiosk-missing-events'; readonly firstSeq: number; readonly lastSeq: number; readonly head: WitnessedHead }
  | { readonly kind: 'kiosk-rewritten'; readonly firstSeq: number; readonly lastSeq: number; readonly head: WitnessedHead };

/**
 * Whether the kiosk chain still reaches every head seen outside it. A head beyond its end names the missing
 * events; a head it holds with another seal was rewritten, somewhere after the newest head that still agrees.
 */
export function checkKioskAgainstHeads(kiosk: KioskChain, heads: readonly WitnessedHead[]): HeadProblem[] {
  const problems: HeadProblem[] = [];
  const beyond = heads.filter((h) => h.seq > kiosk.count).sort((a, b) => b.seq - a.seq)[0];
  if (beyond) problems.push({ kind: 'kiosk-missing-events', firstSeq: kiosk.count + 1, lastSeq: beyond.seq, head: beyond });
  const within = heads.filter((h) => h.seq <= kiosk.count);
  const mismatched = within.filter((h) => kiosk.at(h.seq)?.hash !== h.hash).sort((a, b) => a.seq - b.seq)[0];
  if (mismatched) {
    const agreeing = within.filter((h) => h.seq < mismatched.seq && kiosk.at(h.seq)?.hash === h.hash).reduce((max, h) => Math.max(max, h.seq), 0);
    problems.push({ kind: 'kiosk-rewritten', firstSeq: agreeing + 1, lastSeq: mismatched.seq, head: mismatched });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// In words: each sentence names the events concerned and what to do.

export function shortSeal(hash: string): string {
  return hash.slice(0, 12);
}

export function headWords(head: ChainHead | null): string {
  return head ? `event ${head.seq} · ${shortSeal(head.hash)}` : 'no event yet';
}

function eventWords(event: AuditEvent): string {
  return `“${event.action} ${event.subject}” by ${event.custodian} at ${formatInstant(event.at, 'second') ?? event.at} (seal ${shortSeal(event.hash)})`;
}

function day(at: string): string {
  return formatInstant(at, 'minute') ?? at;
}

const CALL = 'Call your security lead before writing to any stick.';

export function copyVerdictSentence(mediumId: string, verdict: Exclude<CopyVerdict, { kind: 'extends' }>, kioskCount: number): string {
  switch (verdict.kind) {
    case 'copy-altered':
      return `The audit copy on ${mediumId} was altered or damaged at event ${verdict.firstSeq}: ${verdict.explanation} ${CALL}`;
    case 'copy-diverged':
      return `The audit copy on ${mediumId} and the kiosk's audit trail part at event ${verdict.firstSeq}: on the stick it is ${eventWords(verdict.onCopy)}, in the kiosk ${eventWords(verdict.inKiosk)}. One of them was rewritten. ${CALL}`;
    case 'kiosk-missing-events':
      return `The audit copy on ${mediumId} holds events ${verdict.firstSeq} to ${verdict.lastSeq} (head ${headWords(verdict.copy)}), which the kiosk's audit trail no longer has: it ends at event ${kioskCount}. The trail was cut short, or an older catalog was put back. ${CALL}`;
  }
}

export function headProblemSentence(problem: HeadProblem, kioskCount: number): string {
  const seen = `${problem.head.source} showed event ${problem.head.seq} (seal ${shortSeal(problem.head.hash)}) on ${day(problem.head.seenAt)}`;
  return problem.kind === 'kiosk-missing-events'
    ? `The kiosk's audit trail ends at event ${kioskCount}, but ${seen}: events ${problem.firstSeq} to ${problem.lastSeq} are missing. The trail was cut short, or an older catalog was put back. ${CALL}`
    : `The kiosk's audit trail no longer holds event ${problem.head.seq} as ${seen}: it was rewritten between events ${problem.firstSeq} and ${problem.lastSeq}. ${CALL}`;
}

export function rolledBackSentence(mediumId: string, copy: ChainHead | null, written: WitnessedHead): string {
  return `The audit copy on ${mediumId} ends at ${headWords(copy)}, but this kiosk wrote events up to ${written.seq} there on ${day(written.seenAt)}: the copy on the stick was cut short or replaced by an older one. ${CALL}`;
}
