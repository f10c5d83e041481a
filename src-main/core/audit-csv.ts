import type { AuditEvent } from './audit-chain';
import type { DescribedAuditEvent } from './audit-event-words';
import { canonicalJson } from './canonical-json';
import { writeCsv } from './csv';
import { formatInstant } from './instant-format';

export interface DescribedEntry {
  readonly event: AuditEvent;
  readonly words: DescribedAuditEvent;
}

export const AUDIT_CSV_HEADER = [
  'Event',
  'Time (UTC)',
  'Custodian',
  'What',
  'Subject',
  'Details',
  'Facts',
  'Highlight',
  'Action',
  'Recorded at (ISO 8601)',
  'Recorded details (JSON)',
  'Previous seal (SHA-256)',
  'Seal (SHA-256)',
] as const;

/**
 * The entries as a spreadsheet: first the columns a reader reads (the same words as the screen), then every
 * field exactly as it was sealed, so anyone can recompute each seal from the file and check the chain. Every cell
 * goes through writeCsv, which neutralises one a spreadsheet would run as a formula: a custodian's name or a
 * recorded reason is text typed at the kiosk, and "=HYPERLINK(...)" must stay text when the file is opened.
 */
export function buildAuditCsv(entries: Iterable<DescribedEntry>): string {
  const rows: string[][] = [[...AUDIT_CSV_HEADER]];
  for (const { event, words } of entries) {
    rows.push([
      String(event.seq),
      formatInstant(event.at, 'second') ?? event.at,
      event.custodian,
      words.title,
      event.subject,
      words.sentence,
      words.facts.map((f) => `${f.label}: ${f.value}`).join('; '),
      words.highlightWord ?? '',
      event.action,
      event.at,
      canonicalJson(event.details),
      event.prevHash,
      event.hash,
    ]);
  }
  return `\uFEFF${writeCsv(rows)}`;
}
