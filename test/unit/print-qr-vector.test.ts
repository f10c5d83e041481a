import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { drawQr, encodeQr } from '../../src-main/print/qr-vector';
import type { QrSymbol } from '../../src-main/print/qr-vector';

/** A fixed, uncompressed document, so two drawings can be compared byte for byte. */
function pdfOf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false, size: 'A4', info: { CreationDate: new Date('2025-03-14T09:30:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}

/** The drawing as pdfkit's own calls make it: one `rect` per run of dark modules in a row. */
function drawWithRect(doc: PDFKit.PDFDocument, symbol: QrSymbol, x: number, y: number, side: number): void {
  const module = side / symbol.size;
  doc.save();
  for (let row = 0; row < symbol.size; row += 1) {
    let column = 0;
    while (column < symbol.size) {
      if (!symbol.modules[row * symbol.size + column]) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < symbol.size && symbol.modules[row * symbol.size + column]) column += 1;
      doc.rect(x + start * module, y + row * module, (column - start) * module, module + 0.05);
    }
  }
  doc.fill('#000000');
  doc.restore();
}

describe('QR codes on the page', () => {
  it('are the same path pdfkit writes rectangle by rectangle, at awkward positions and sizes too', async () => {
    const symbol = encodeQr('otpauth://totp/Example:root%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example');
    for (const [x, y, side] of [[400.123456789, 71.3, 113.38582677165356], [10, 10, 57], [0.1, 0.7, 3.3333333]] as const) {
      const ours = await pdfOf((doc) => drawQr(doc, symbol, x, y, side));
      const theirs = await pdfOf((doc) => drawWithRect(doc, symbol, x, y, side));
      expect(ours.toString('latin1')).toContain(' re\n');
      expect(ours.equals(theirs)).toBe(true);
    }
  });
});
