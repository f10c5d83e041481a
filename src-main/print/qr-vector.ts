import { encodeQrMatrix } from './qr-encoder';

/**
 * QR codes drawn as vector rectangles rather than embedded images: they stay sharp at any printer resolution
 * and on a photocopy of a photocopy, and no raster of a seed is ever produced. Error correction is level Q
 * (about 25 % of the symbol may be lost), chosen for paper that will be folded, stamped or photocopied.
 */
export interface QrSymbol {
  /** Modules per side. */
  readonly size: number;
  readonly version: number;
  /** Row-major, `size * size` entries, 1 for a dark module. */
  readonly modules: Uint8Array;
}

export function encodeQr(text: string): QrSymbol {
  const { modules, size, version } = encodeQrMatrix(text, 'Q');
  return { size, version, modules };
}

/**
 * Draws the symbol as a single filled path, one rectangle per horizontal run of dark modules, with the top left
 * corner at (x, y) and `side` points across (quiet zone not included: the caller keeps that area white). The path
 * is written in module units under one transformation, so each rectangle is a few small whole numbers: a
 * 5,000-account backup draws some four million of them, and their bytes are most of what the PDF compresses.
 */
export function drawQr(doc: PDFKit.PDFDocument, symbol: QrSymbol, x: number, y: number, side: number): void {
  const { size, modules } = symbol;
  const module = side / size;
  // A hair (0.05 pt) of overlap between rows closes the seams some renderers leave between adjacent rectangles.
  const height = ` ${Math.round((1 + 0.05 / module) * 1e6) / 1e6} re`;
  const path: string[] = [];
  for (let row = 0; row < size; row += 1) {
    const offset = row * size;
    let column = 0;
    while (column < size) {
      if (modules[offset + column] !== 1) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < size && modules[offset + column] === 1) column += 1;
      path.push(`${start} ${row} ${column - start}${height}`);
    }
  }
  doc.save();
  doc.transform(module, 0, 0, module, x, y);
  // As bytes, with the line end pdfkit adds to a string: its own conversion goes character by character.
  if (path.length > 0) doc.addContent(Buffer.from(`${path.join('\n')}\n`, 'latin1') as unknown as string);
  doc.fill('#000000');
  doc.restore();
}
