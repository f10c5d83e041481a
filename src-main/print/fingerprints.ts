import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json';
import { normaliseSeed } from '../core/seed-line-check';
import type { VerificationReportInput } from './document-inputs';

/**
 * Fingerprints printed on paper so a page can be matched to its set and to the audit log without reading any
 * secret aloud. A domain label in front of each hash keeps a fingerprint of one kind from ever equalling one
 * of another kind.
 */

/**
 * 16 hex characters (64 bits) of SHA-256 over the account ids and seeds, sorted by account id, so the same set
 * gives the same fingerprint whatever order it was printed in. Every page of one backup shows it; a page
 * from another set or generation stands out. 64 bits of a hash over 320-bit random seeds reveal nothing usable.
 */
export function seedSetFingerprint(accounts: readonly { readonly accountId: string; readonly seedBase32: string }[]): string {
  const pairs = accounts
    .map((a) => [a.accountId, normaliseSeed(a.seedBase32)] as const)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return createHash('sha256')
    .update('strongroom seed set v1\n')
    .update(canonicalJson(pairs))
    .digest('hex')
    .slice(0, 16)
    .toUpperCase();
}

/** What of a verification report is fingerprinted: its content, not the paper size it was printed on. */
export function verificationReportContent(input: VerificationReportInput): unknown {
  return {
    organisation: input.organisation,
    runId: input.runId,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    custodian: input.custodian,
    media: input.media.map((m) => ({
      mediumId: m.mediumId,
      role: m.role,
      location: m.location,
      outcome: m.outcome,
      checks: m.checks.map((c) => ({ name: c.name, passed: c.passed, sentence: c.sentence })),
      // Only when present, so the fingerprint of a report without such a warning is what it always was.
      ...(m.witnessWarnings?.length ? { witnessWarnings: [...m.witnessWarnings] } : {}),
    })),
    tokens: input.tokens
      ? { outcome: input.tokens.outcome, expected: input.tokens.expected, presented: input.tokens.presented, rows: input.tokens.rows.map((r) => ({ token: r.token, result: r.result, passed: r.passed, sentence: r.sentence })) }
      : undefined,
    nextDueAt: input.nextDueAt,
    physicalChecklist: input.physicalChecklist?.map((p) => ({ item: p.item, confirmed: p.confirmed, note: p.note })),
    auditHead: input.auditHead ? { seq: input.auditHead.seq, hash: input.auditHead.hash } : null,
  };
}

/** Full SHA-256 (64 hex) over the canonical JSON of the report's content; the app records it in the audit log. */
export function verificationReportFingerprint(input: VerificationReportInput): string {
  return createHash('sha256')
    .update('strongroom verification report v1\n')
    .update(canonicalJson(verificationReportContent(input)))
    .digest('hex')
    .toUpperCase();
}
