import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { drawQr, encodeQr } from '../../src-main/print/qr-vector';

/** The page's content stream, uncompressed, as pdfkit writes it. */
function contentOf(draw: (doc: PDFKit.PDFDocument) => void): Promise<string> {
  const doc = new PDFDocument({ compress: false, size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<string>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks).toString('latin1'))));
  draw(doc);
  doc.end();
  return done;
}

/** Paints the path back onto a module grid, through the path's own transformation, as a printer would. */
function paint(content: string, size: number, x: number, y: number, side: number): { grid: Uint8Array; overlap: number } {
  const cm = /([\d.-]+) 0 0 ([\d.-]+) ([\d.-]+) ([\d.-]+) cm\n((?:[\d.]+ [\d.]+ [\d.]+ [\d.]+ re\n)+)(?:[^\n]* (?:cs|scn)\n)*f\n/.exec(content);
  expect(cm, 'one transformed path of rectangles, filled').not.toBeNull();
  const [, a, d, e, f, body] = cm!;
  const module = side / size;
  expect(Number(a)).toBeCloseTo(module, 6);
  expect(Number(d)).toBeCloseTo(module, 6);
  expect(Number(e)).toBeCloseTo(x, 6);
  expect(Number(f)).toBeCloseTo(y, 6);
  const grid = new Uint8Array(size * size);
  let overlap = 0;
  for (const line of body!.trim().split('\n')) {
    const [left, top, width, height] = line.split(' ').slice(0, 4).map(Number) as [number, number, number, number];
    expect(Number.isInteger(left) && Number.isInteger(top) && Number.isInteger(width)).toBe(true);
    overlap = (height - 1) * module;
    for (let column = left; column < left + width; column += 1) grid[top * size + column]! += 1;
  }
  return { grid, overlap };
}

describe('QR codes on the page', () => {
  it('cover exactly the dark modules, once each, wherever and however large they are drawn', async () => {
    const symbol = encodeQr('otpauth://totp/Example:root%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example');
    for (const [x, y, side] of [[400.123456789, 71.3, 113.38582677165356], [10, 10, 57], [0.1, 0.7, 3.3333333]] as const) {
      const { grid, overlap } = paint(await contentOf((doc) => drawQr(doc, symbol, x, y, side)), symbol.size, x, y, side);
      expect(Buffer.from(grid).equals(Buffer.from(symbol.modules))).toBe(true);
      // Each row reaches 0.05 pt into the next, so no renderer leaves a light seam between rows.
      expect(overlap).toBeCloseTo(0.05, 5);
    }
  });
});
