import { invalidInput } from './typeset';

/** The kiosk's audit chain head when a document was made: paper that witnesses the trail, as a stick copy does. */
export interface PrintedAuditHead {
  readonly seq: number;
  /** The head event's seal, 64 hex characters. */
  readonly hash: string;
}

/**
 * "event 1,284 · 3f9a…c21e": short enough to read aloud and compare with `strongroom audit verify`, long enough
 * that a rewritten chain re-hashed to the same length does not end on the same seal by chance.
 */
export function auditHeadWords(head: PrintedAuditHead | null): string {
  if (head === null) return 'no event recorded yet';
  if (!Number.isSafeInteger(head.seq) || head.seq < 1 || !/^[0-9a-f]{64}$/i.test(head.hash)) {
    throw invalidInput('The audit trail head to print is not an event number with its seal, so nothing was printed. Check the trail with "strongroom audit verify".', { field: 'auditHead' });
  }
  const hash = head.hash.toLowerCase();
  return `event ${head.seq.toLocaleString('en-US')} · ${hash.slice(0, 4)}…${hash.slice(-4)}`;
}
