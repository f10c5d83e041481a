import { labelGrid, labelSlot, mm } from '../core/paper-layout';
import type { Rect } from '../core/paper-layout';
import type { MediumLabel, MediumLabelsInput, MediumRole, PrintOptions, PrintedDocument } from './document-inputs';
import { FONT, loadPrintFonts } from './fonts';
import { drawPracticeMark, PRACTICE_MARK_CLEARANCE } from './practice-mark';
import { INK, collectPdf, fitFontSize, openPdf } from './page-frame';
import { drawQr, encodeQr } from './qr-vector';
import { formatUtcDate, instant, invalidInput, limitedText, requireText } from './typeset';

/**
 * Sticker labels for the USB media, 63.5 × 38.1 mm on 21-up sheets. A label says what the stick is and where
 * it lives, in words a person reads across a safe and as a QR code of the medium id for the kiosk's scanner.
 * It holds no secret. Vault and seed labels differ at a glance even in black and white: the vault band is
 * solid black, the seed band is an outline.
 */

export const ROLE_WORDS: Readonly<Record<MediumRole, string>> = {
  vault: 'VAULT — passwords',
  seed: 'SEEDS — MFA',
};

const MEDIUM_ID_MAX = 32;
const NOTE_MAX = 120;
// Content stays this far inside the label: sheets feed with a millimetre or two of play.
const INSET = mm(2.5);
const BAND_HEIGHT = mm(8);
const QR_SYMBOL = mm(17);
const QR_QUIET = mm(3.3);

export async function buildMediumLabels(input: MediumLabelsInput, options: PrintOptions = {}): Promise<PrintedDocument> {
  const copies = input.copiesPerMedium ?? 2;
  const skip = input.skipPositions ?? 0;
  const grid = labelGrid(input.paper);
  const perSheet = grid.columns * grid.rows;
  if (input.media.length === 0) throw invalidInput('No medium was chosen, so there are no labels to print.');
  if (!Number.isInteger(copies) || copies < 1 || copies > perSheet) {
    throw invalidInput(`Choose between 1 and ${perSheet} labels per medium.`, { field: 'copiesPerMedium' });
  }
  if (!Number.isInteger(skip) || skip < 0 || skip >= perSheet) {
    throw invalidInput(`Labels already used on the sheet must be between 0 and ${perSheet - 1}.`, { field: 'skipPositions' });
  }
  const printedOn = formatUtcDate(input.printedAt, 'print date');
  const labels = input.media.map((m) => prepare(m));
  const fonts = options.fonts ?? (await loadPrintFonts());

  const doc = openPdf(input.paper, fonts, {
    title: 'Strongroom medium labels',
    subject: 'Labels for vault and seed media; no secrets',
    author: 'Strongroom',
    createdAt: instant(input.printedAt, 'print date'),
    practice: options.practice === true,
  });
  const practice = options.practice === true;
  let page = -1;
  let position = skip;
  for (const label of labels) {
    for (let copy = 0; copy < copies; copy += 1, position += 1) {
      const slot = labelSlot(grid, position);
      while (page < slot.page) {
        doc.addPage();
        page += 1;
        // US Letter leaves too little margin for the bands; each label says PRACTICE itself all the same.
        if (practice && grid.originY >= PRACTICE_MARK_CLEARANCE) drawPracticeMark(doc, doc.page.width, doc.page.height);
      }
      drawLabel(doc, label, slot.rect, printedOn, practice);
    }
  }
  return collectPdf(doc);
}

interface PreparedLabel {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly site: string;
  readonly note: string;
  readonly qr: ReturnType<typeof encodeQr>;
}

function prepare(medium: MediumLabel): PreparedLabel {
  const mediumId = requireText(medium.mediumId, 'medium id');
  if (mediumId.length > MEDIUM_ID_MAX) {
    throw invalidInput(`The medium id "${mediumId}" is longer than ${MEDIUM_ID_MAX} characters and would not fit on its label.`, {
      mediumId,
    });
  }
  return {
    mediumId,
    role: medium.role,
    site: medium.locationKind === 'onsite' ? 'ONSITE' : 'OFFSITE',
    note: limitedText(medium.locationNote, `location note of ${mediumId}`, NOTE_MAX),
    qr: encodeQr(mediumId),
  };
}

function drawLabel(doc: PDFKit.PDFDocument, label: PreparedLabel, rect: Rect, printedOn: string, practice: boolean): void {
  const x = rect.x + INSET;
  const y = rect.y + INSET;
  const width = rect.width - 2 * INSET;
  const height = rect.height - 2 * INSET;
  const onBaseline = { lineBreak: false, baseline: 'alphabetic' } as const;

  // Role band.
  const solid = label.role === 'vault';
  if (solid) {
    doc.roundedRect(x, y, width, BAND_HEIGHT, 2).fill(INK.text);
  } else {
    doc.roundedRect(x + 0.75, y + 0.75, width - 1.5, BAND_HEIGHT - 1.5, 2).lineWidth(1.5).stroke(INK.text);
  }
  // A practice label is cut from its sheet and stuck on a stick: it must say so on its own, in the band.
  const practiceWord = 'PRACTICE';
  const practiceWidth = practice ? doc.font(FONT.sansBold).fontSize(8.5).widthOfString(practiceWord, { characterSpacing: 0.8 }) : 0;
  // Leaves room for the role words' own letter spacing, which the fitting does not measure.
  const roleWidth = width - 12 - ROLE_WORDS[label.role].length * 0.3 - (practice ? practiceWidth + 6 : 0);
  doc
    .font(FONT.sansBold)
    .fontSize(fitFontSize(doc, ROLE_WORDS[label.role], FONT.sansBold, roleWidth, 11, 7))
    .fillColor(solid ? '#ffffff' : INK.text)
    .text(ROLE_WORDS[label.role], x + 6, y + BAND_HEIGHT / 2 + 3.9, { ...onBaseline, characterSpacing: 0.3 });
  if (practice) {
    doc.font(FONT.sansBold).fontSize(8.5);
    doc.text(practiceWord, x + width - 6 - practiceWidth, y + BAND_HEIGHT / 2 + 3, { ...onBaseline, characterSpacing: 0.8 });
  }

  // QR code of the medium id, bottom right, with its quiet zone inside the label.
  const qrX = rect.x + rect.width - INSET - QR_QUIET - QR_SYMBOL + mm(0.8);
  const qrY = rect.y + rect.height - INSET - QR_QUIET - QR_SYMBOL + mm(0.8);
  drawQr(doc, label.qr, qrX, qrY, QR_SYMBOL);

  // Medium id, site and location note in the column left of the QR code.
  const textX = x + 2;
  const textWidth = qrX - QR_QUIET - textX;
  let baseline = y + BAND_HEIGHT + 17;
  const idSize = fitFontSize(doc, label.mediumId, FONT.monoBold, textWidth, 15, 8);
  doc.font(FONT.monoBold).fontSize(idSize).fillColor(INK.text).text(label.mediumId, textX, baseline, onBaseline);
  baseline += 11;
  doc.font(FONT.sansBold).fontSize(7.5).fillColor(INK.text).text(label.site, textX, baseline, { ...onBaseline, characterSpacing: 0.5 });

  if (label.note) {
    const noteTop = baseline + 3;
    const noteHeight = y + height - 9 - noteTop;
    let size = 7;
    doc.font(FONT.sans);
    while (size > 5.5 && doc.fontSize(size).heightOfString(label.note, { width: textWidth }) > noteHeight) size -= 0.25;
    doc
      .font(FONT.sans)
      .fontSize(size)
      .fillColor(INK.text)
      .text(label.note, textX, noteTop, { width: textWidth, height: noteHeight, ellipsis: true });
  }
  doc.font(FONT.sans).fontSize(5.5).fillColor(INK.muted).text(`Strongroom · labelled ${printedOn}`, textX, y + height - 1.5, { ...onBaseline, width: textWidth });
}
