import QRCode from 'qrcode';

/**
 * QR codes drawn as vector rectangles rather than embedded images: they stay sharp at any printer resolution
 * and on a photocopy of a photocopy, and no raster of a seed is ever produced. Error correction is level Q
 * (about 25 % of the symbol may be lost), chosen for paper that will be folded, stamped or photocopied.
 */
export interface QrSymbol {
  /** Modules per side. */
  readonly size: number;
  readonly version: number;
  isDark(row: number, column: number): boolean;
}

export function encodeQr(text: string): QrSymbol {
  const { modules, version } = QRCode.create(text, { errorCorrectionLevel: 'Q' });
  return {
    size: modules.size,
    version,
    isDark: (row, column) => Boolean(modules.get(row, column)),
  };
}

/**
 * Draws the symbol as a single filled path, one rectangle per horizontal run of dark modules, with the top left
 * corner at (x, y) and `side` points across (quiet zone not included: the caller keeps that area white).
 */
export function drawQr(doc: PDFKit.PDFDocument, symbol: QrSymbol, x: number, y: number, side: number): void {
  const module = side / symbol.size;
  doc.save();
  for (let row = 0; row < symbol.size; row += 1) {
    let column = 0;
    while (column < symbol.size) {
      if (!symbol.isDark(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < symbol.size && symbol.isDark(row, column)) column += 1;
      // A hair of overlap between rows closes the seams some renderers leave between adjacent rectangles.
      doc.rect(x + start * module, y + row * module, (column - start) * module, module + 0.05);
    }
  }
  doc.fill('#000000');
  doc.restore();
}
