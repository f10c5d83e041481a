import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { FONT, LITERAL, loadPrintFonts } from '../../src-main/print/fonts';
import { assembleLiteralRuns } from '../../src-main/print/literal-layout';

const fonts = await loadPrintFonts();

/** The same page of text drawn with pdfkit's own layout, or with literal runs assembled from characters. */
function pdfOf(lines: readonly string[], assembled: boolean): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false, size: 'A4', font: null as unknown as string, info: { CreationDate: new Date('2025-03-14T09:30:00Z') } });
  for (const [name, key] of [[FONT.sans, 'sans'], [FONT.sansBold, 'sansBold'], [FONT.mono, 'mono'], [FONT.monoBold, 'monoBold']] as const) doc.registerFont(name, fonts[key]);
  if (assembled) assembleLiteralRuns(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  lines.forEach((line, i) => {
    const font = [FONT.mono, FONT.monoBold, FONT.sans, FONT.sansBold][i % 4]!;
    doc.font(font).fontSize(9 + (i % 5));
    const width = doc.widthOfString(line, LITERAL);
    doc.text(line, 40, 40 + (i % 60) * 12, { lineBreak: false, ...LITERAL });
    // Plain text and measured widths go through the same fonts and must be untouched too.
    doc.text(`${width.toFixed(4)} ${line}`, 300, 40 + (i % 60) * 12, { lineBreak: false });
  });
  doc.end();
  return done;
}

describe('literal text assembled from characters', () => {
  it('makes byte for byte the PDF pdfkit makes, for any text in any of the four fonts', async () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), minLength: 1, maxLength: 30 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
      // Outside printable ASCII pdfkit's own layout is used: accents, ligature-prone and right-to-left text.
      fc.string({ unit: fc.constantFrom('a', 'f', 'i', '-', '>', 'é', 'ß', 'ﬁ', 'א', '€', '0', 'x', ' '), maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 40 }), async (lines) => {
        const [theirs, ours] = await Promise.all([pdfOf(lines, false), pdfOf(lines, true)]);
        expect(ours.equals(theirs)).toBe(true);
      }),
      { numRuns: 25, seed: 15 },
    );
  });
});
