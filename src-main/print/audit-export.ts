import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json';
import type { PaperSize, PrintOptions, PrintedDocument } from './document-inputs';
import { factTable, heading, paragraph, table } from './flow';
import type { Column } from './flow';
import { FONT, loadPrintFonts } from './fonts';
import { FramedDocument, INK } from './page-frame';
import { formatUtcDateTime, groupHex, instant, invalidInput, printable, requireText } from './typeset';

/**
 * The audit trail, or the part of it a filter shows, on paper: every entry in the custodian's words, and on every
 * page the chain head (the newest entry's number and seal) and whether the chain verified when it was exported.
 * A filed copy thereby pins the trail as it stood: an entry changed, added or removed later gives another head.
 */

export interface AuditExportEntry {
  readonly seq: number;
  /** ISO 8601. */
  readonly at: string;
  readonly custodian: string;
  readonly title: string;
  readonly subject: string;
  readonly sentence: string;
  /** "label: value" pairs. */
  readonly facts: readonly string[];
  readonly highlightWord: string | null;
  /** The entry's seal, SHA-256 hex; its start is printed and the whole is fingerprinted. */
  readonly hash: string;
}

export type AuditExportChain =
  | { readonly intact: true; readonly count: number }
  | { readonly intact: false; readonly count: number; readonly firstBadSeq: number; readonly explanation: string };

export interface AuditExportInput {
  readonly paper: PaperSize;
  readonly exportedBy: string;
  /** ISO 8601. */
  readonly exportedAt: string;
  /** The filter in words; empty for the whole trail. */
  readonly filter: readonly string[];
  /** Entries in the whole trail when exported. */
  readonly trailEvents: number;
  /** The newest entry of the whole trail, or null for an empty trail. */
  readonly head: { readonly seq: number; readonly hash: string } | null;
  readonly chain: AuditExportChain;
  /** Oldest first, as the chain runs. */
  readonly entries: readonly AuditExportEntry[];
}

export interface AuditExportDocument extends PrintedDocument {
  /** 64 hex characters, printed on every page. */
  readonly fingerprint: string;
}

/** More entries than this make a book, not a report: narrow the filter, or export CSV. */
export const MAX_PDF_ENTRIES = 5000;

export function auditExportFingerprint(input: AuditExportInput): string {
  return createHash('sha256')
    .update('strongroom audit export v1\n')
    .update(
      canonicalJson({
        exportedBy: input.exportedBy,
        exportedAt: input.exportedAt,
        filter: [...input.filter],
        head: input.head ? [input.head.seq, input.head.hash] : null,
        intact: input.chain.intact,
        entries: input.entries.map((e) => [e.seq, e.hash]),
      }),
    )
    .digest('hex')
    .toUpperCase();
}

/** "event 412 · 3F2A 9C1B 77E0 12AB", or "empty". */
function chainHeadWords(head: AuditExportInput['head']): string {
  return head ? `event ${head.seq} · ${groupHex(head.hash.slice(0, 16))}` : 'empty';
}

export async function buildAuditExport(input: AuditExportInput, options: PrintOptions = {}): Promise<AuditExportDocument> {
  const exportedBy = requireText(input.exportedBy, 'custodian who exported the trail');
  const when = formatUtcDateTime(input.exportedAt, 'export time');
  if (input.entries.length > MAX_PDF_ENTRIES) {
    throw invalidInput(`${input.entries.length} entries are more than one PDF holds (${MAX_PDF_ENTRIES}). Narrow the filter, or export CSV.`);
  }
  const fingerprint = auditExportFingerprint(input);
  const fonts = options.fonts ?? (await loadPrintFonts());
  const head = chainHeadWords(input.head);
  const verdict = input.chain.intact ? 'verified' : `BROKEN at event ${input.chain.firstBadSeq}`;

  const isPractice = options.practice === true;
  const out = new FramedDocument(input.paper, fonts, {
    title: 'Strongroom audit trail export',
    subject: `Audit trail entries, chain head ${head}, chain ${verdict}`,
    author: exportedBy,
    createdAt: instant(input.exportedAt, 'export time'),
    practice: isPractice,
  });

  drawVerdict(out, input, head);
  factTable(out, [
    { label: 'Exported by', value: `${exportedBy}, ${when}` },
    { label: 'Entries shown', value: `${input.entries.length} of the ${input.trailEvents} in the trail` },
    { label: 'Filter', value: input.filter.length > 0 ? input.filter.map(printable).join('; ') : 'none: the whole trail' },
    { label: 'Audit chain head', value: `${head} — chain ${verdict}`, mono: true },
    ...(isPractice ? [{ label: 'Practice', value: 'PRACTICE MEDIA — not real custody' }] : []),
  ]);

  const columns: Column[] = [
    { title: '#', share: 0.5, mono: true },
    { title: 'When (UTC)', share: 1.05, mono: true },
    { title: 'Who', share: 1 },
    { title: 'What', share: 1.15, bold: true },
    { title: 'Subject', share: 1, mono: true },
    { title: 'Details', share: 3.6 },
  ];
  const rows = input.entries.map((e) => [
    String(e.seq),
    formatUtcDateTime(e.at, `time of event ${e.seq}`),
    printable(e.custodian),
    e.highlightWord ? `${printable(e.highlightWord).toUpperCase()}: ${printable(e.title)}` : printable(e.title),
    printable(e.subject) || '—',
    // Each part is one clean line; the break between sentence and facts is ours, never the recorded text's.
    [printable(e.sentence), ...(e.facts.length > 0 ? [e.facts.map(printable).join(' · ')] : [])].join('\n'),
  ]);
  if (rows.length === 0) {
    heading(out, 'Entries', { keepWith: 20 });
    paragraph(out, 'No entry matches this filter.', { muted: true });
  } else {
    heading(out, 'Entries, oldest first', { keepWith: 60 });
    table(out, columns, rows);
  }

  const practice = isPractice ? 'PRACTICE — NOT REAL CUSTODY — ' : '';
  const printed = await out.finish({
    banner: `${practice}AUDIT TRAIL EXPORT — no secrets`,
    tone: input.chain.intact ? 'plain' : 'restricted',
    title: `Audit trail${input.filter.length > 0 ? ' (filtered)' : ''}`,
    facts: [`Chain head ${head}`, `Chain ${verdict}  ·  ${when}  ·  by ${exportedBy}`],
    footer: [`${isPractice ? 'PRACTICE  ·  ' : ''}Strongroom audit export  ·  fingerprint (SHA-256 of its content):`, groupHex(fingerprint)],
  });
  return { ...printed, fingerprint };
}

function drawVerdict(out: FramedDocument, input: AuditExportInput, head: string): void {
  const { doc, body } = out;
  const { chain } = input;
  const title = chain.intact ? `Audit chain verified: ${chain.count} entries` : `AUDIT CHAIN BROKEN at entry ${chain.firstBadSeq}`;
  const detail = chain.intact
    ? `Every entry follows the one before it unchanged, up to the head, ${head}. Compare the head with the audit copies on the sticks: a trail cut short on this kiosk shows there as a later head.`
    : `${printable(chain.explanation)} Nothing after that entry can be trusted from this kiosk alone: stop, call the security lead, and compare with the audit copies on the sticks.`;
  doc.font(FONT.sans).fontSize(9.5);
  const detailHeight = doc.heightOfString(detail, { width: body.width - 28 });
  const boxHeight = 18 + 20 + detailHeight + 12;
  out.ensureSpace(boxHeight + 10);
  doc.rect(body.x, out.y, body.width, boxHeight).lineWidth(chain.intact ? 0.8 : 2.2).strokeColor(INK.text).stroke();
  doc.font(FONT.sansBold).fontSize(16).fillColor(INK.text).text(title, body.x + 14, out.y + 13, { width: body.width - 28, lineBreak: false });
  doc.font(FONT.sans).fontSize(9.5).fillColor(INK.text).text(detail, body.x + 14, out.y + 38, { width: body.width - 28 });
  out.y += boxHeight + 12;
}
