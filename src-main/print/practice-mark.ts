import { mm } from '../core/paper-layout';
import { FONT } from './fonts';

/**
 * The mark on every page printed in practice mode, so a drill sheet can never be filed, photocopied or stuck
 * on a stick as real custody. It is drawn only in the page's top and bottom margins, never over the body:
 * the QR codes there must stay readable.
 */
export const PRACTICE_MARK = 'PRACTICE — NOT A REAL CUSTODY DOCUMENT';

const HATCH_PITCH = 7;

/** How far from the top and bottom edges the bands reach: a page needs margins this deep to carry them. */
export const PRACTICE_MARK_CLEARANCE = mm(11);

/** A hatched band across the top margin and another across the bottom one, each naming the document a drill. */
export function drawPracticeMark(doc: PDFKit.PDFDocument, pageWidth: number, pageHeight: number): void {
  // Drawing in the margins must never make pdfkit start a page of its own.
  const saved = { ...doc.page.margins };
  doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
  const x = mm(8);
  const width = pageWidth - 2 * x;
  // Most printers cannot reach the last 4 mm of the sheet; both bands stay inside what they print.
  drawBand(doc, x, mm(4.2), width, mm(6.8), 13);
  drawBand(doc, x, pageHeight - mm(4.2) - mm(4.6), width, mm(4.6), 9);
  doc.page.margins = saved;
}

function drawBand(doc: PDFKit.PDFDocument, x: number, y: number, width: number, height: number, size: number): void {
  doc.save();
  doc.rect(x, y, width, height).clip();
  // Diagonal hatching reads as "not the real thing" even on a photocopy that loses the words' contrast.
  for (let offset = -height; offset < width; offset += HATCH_PITCH) {
    doc.moveTo(x + offset, y + height).lineTo(x + offset + height, y).lineWidth(2.2).strokeColor('#000000').stroke();
  }
  doc.restore();
  doc.rect(x, y, width, height).lineWidth(1.2).strokeColor('#000000').stroke();
  doc.font(FONT.sansBold).fontSize(size);
  const textWidth = doc.widthOfString(PRACTICE_MARK, { characterSpacing: 1 });
  const padX = 6;
  const boxWidth = textWidth + 2 * padX;
  const boxX = x + (width - boxWidth) / 2;
  doc.rect(boxX, y + 1, boxWidth, height - 2).fill('#ffffff');
  doc
    .fillColor('#000000')
    .text(PRACTICE_MARK, boxX + padX, y + (height - size) / 2 + 0.6, { lineBreak: false, characterSpacing: 1 });
}
