import { mm } from '../core/paper-layout';
import type { MasterKeyShare } from '../core/master-key-shares';
import type { PaperSize, PrintOptions, PrintedDocument } from './document-inputs';
import { factTable, heading, list, paragraph, signatureLines } from './flow';
import { FONT, LITERAL, loadPrintFonts } from './fonts';
import { FramedDocument, INK, fitFontSize, textWidth as measure } from './page-frame';
import { drawQr, encodeQr } from './qr-vector';
import { formatUtcDate, formatUtcDateTime, instant, invalidInput, limitedText, requireText } from './typeset';

/**
 * One share card: a single page for a single holder. It looks like the paper seed backup (the same frame,
 * groups of four with a boxed check value per line, a QR code of the same characters) because custodians type
 * both the same way. The card names its holder, its number in the set, how many cards open the role and which
 * generation it belongs to, so a holder can tell at a glance whether a card still counts.
 */

export interface ShareCardInput {
  readonly paper: PaperSize;
  readonly holder: string;
  readonly share: MasterKeyShare;
  readonly printedBy: string;
  /** ISO 8601. */
  readonly printedAt: string;
  readonly organisation?: string;
}

const ROLE_TITLE = { vault: 'vault', seed: 'seed store' } as const;
const QR_SIDE = mm(45);
const QR_QUIET = mm(4);
const LINE_ROW = 19;

export function shareCardBanner(share: MasterKeyShare): string {
  return `SECRET — ${share.role === 'vault' ? 'VAULT' : 'SEED STORE'} KEY SHARE ${share.number} OF ${share.shares} — for its holder only`;
}

export async function buildShareCard(input: ShareCardInput, options: PrintOptions = {}): Promise<PrintedDocument> {
  const holder = limitedText(requireText(input.holder, 'share holder'), 'share holder', 80);
  const printedBy = requireText(input.printedBy, 'custodian who printed the card');
  const organisation = input.organisation === undefined ? undefined : limitedText(input.organisation, 'organisation name', 120);
  const { share } = input;
  const role = ROLE_TITLE[share.role];
  const qr = encodeQr(share.qrText);
  const fonts = options.fonts ?? (await loadPrintFonts());
  const out = new FramedDocument(input.paper, fonts, {
    title: `Share card ${share.number} of ${share.shares} — ${role} generation ${share.generation}`,
    subject: shareCardBanner(share),
    author: printedBy,
    createdAt: instant(input.printedAt, 'print date'),
    practice: options.practice === true,
  });
  const { doc, body } = out;

  doc.font(FONT.sansBold).fontSize(fitFontSize(doc, holder, FONT.sansBold, body.width, 20, 11)).fillColor(INK.text).text(holder, body.x, out.y, { width: body.width, lineBreak: false, ellipsis: true });
  out.y += 28;
  paragraph(
    out,
    `Share ${share.number} of ${share.shares} of the ${role} master key. Any ${share.threshold} of the ${share.shares} holders together open the ${role}; fewer learn nothing about it. Nobody, not even this card's holder, knows the key whole.`,
    { size: 10.5 },
  );

  factTable(out, [
    { label: 'Holder', value: holder },
    { label: 'Opens', value: `the ${role} from generation ${share.generation} until its key is next changed (with ${share.threshold - 1} other card${share.threshold === 2 ? '' : 's'} of this set)` },
    { label: 'Share', value: `${share.number} of ${share.shares}` },
    { label: 'Set', value: share.setId.replace(/(.{4})/g, '$1 ').trim(), mono: true },
    { label: 'Printed', value: `${formatUtcDateTime(input.printedAt, 'print date')} by ${printedBy}${organisation ? ` · ${organisation}` : ''}` },
  ]);

  // The share: numbered lines of four groups with a boxed check value, and beside them the QR code.
  const blockTop = out.y + 8;
  const blockHeight = Math.max(share.lines.length * LINE_ROW + 16, QR_SIDE + 2 * QR_QUIET);
  out.ensureSpace(blockHeight + 16);
  doc.rect(body.x, blockTop, body.width, blockHeight).lineWidth(0.9).strokeColor(INK.text).stroke();
  const left = body.x + 12;
  const size = 14;
  const charWidth = measure(doc, FONT.monoBold, size, 'M');
  const groupsX = left + 18;
  const checkLabelX = groupsX + (4 * 4 + 3 * 2) * charWidth + 14;
  const checkX = checkLabelX + 26;
  const onBaseline = { lineBreak: false, baseline: 'alphabetic', ...LITERAL } as const;
  let rowTop = blockTop + 8;
  for (const line of share.lines) {
    const baseline = rowTop + 14;
    doc.font(FONT.sans).fontSize(8).fillColor(INK.faint).text(`${line.number}`, left, baseline, onBaseline);
    doc.font(FONT.monoBold).fontSize(size).fillColor(INK.text).text(line.groups.join('  '), groupsX, baseline, onBaseline);
    doc.font(FONT.sans).fontSize(6.5).fillColor(INK.muted).text('check', checkLabelX, baseline - 1, onBaseline);
    const checkWidth = measure(doc, FONT.mono, size, 'MM');
    doc.rect(checkX - 3.5, rowTop + 1, checkWidth + 7, LINE_ROW - 2).lineWidth(0.6).strokeColor(INK.muted).stroke();
    doc.font(FONT.mono).fontSize(size).fillColor(INK.text).text(line.check, checkX, baseline, onBaseline);
    rowTop += LINE_ROW;
  }
  const qrX = body.x + body.width - QR_QUIET - QR_SIDE;
  if (qrX < checkX + 40) throw invalidInput('The paper is too narrow for the share card. Print it on A4 or US Letter.');
  drawQr(doc, qr, qrX, blockTop + (blockHeight - QR_SIDE) / 2, QR_SIDE);
  out.y = blockTop + blockHeight + 10;

  heading(out, 'Keeping this card');
  list(out, [
    'Keep it sealed, yourself, apart from the other holders’ cards and from every Strongroom stick. Do not photograph, scan or copy it.',
    `It counts from generation ${share.generation} until the ${role} is re-keyed. Then new cards are printed and this one is shredded (cross-cut) and recorded: replacing any holder means a re-key and a new set for everyone.`,
    'If it is lost or seen by anyone else, tell the security lead at once: the holders re-key the sticks and get new cards.',
  ]);
  heading(out, 'When the holders are called');
  list(
    out,
    [
      `Bring the card to the Strongroom kiosk. When asked, type its ${share.lines.length} lines with their check values, or hold its QR code to the scanner. A mistyped line is named at once.`,
      `When ${share.threshold} cards of this set are given, Strongroom opens the ${role} without showing the key to anyone.`,
    ],
    true,
  );
  signatureLines(out, ['Received by holder', 'Witness']);

  return out.finish({
    banner: shareCardBanner(share),
    tone: 'secret',
    title: `Master key share — ${role}`,
    facts: [`Share ${share.number} of ${share.shares}  ·  ${share.threshold} needed  ·  generation ${share.generation}`, `Printed ${formatUtcDate(input.printedAt, 'print date')}  ·  set ${share.setId}`],
    footer: [`Holder ${holder}  ·  printed by ${printedBy}  ·  Strongroom`],
  });
}
