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

/** How pdfkit writes a coordinate (rounded to six decimals), so the path below is byte for byte what `rect` makes. */
function pdfNumber(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * Draws the symbol as a single filled path, one rectangle per horizontal run of dark modules, with the top left
 * corner at (x, y) and `side` points across (quiet zone not included: the caller keeps that area white). The
 * path goes to the page in one piece: a 5,000-account backup has millions of rectangles, and pdfkit's `rect`
 * allocates a buffer for each.
 */
export function drawQr(doc: PDFKit.PDFDocument, symbol: QrSymbol, x: number, y: number, side: number): void {
  const { size, modules } = symbol;
  const module = side / size;
  // A hair of overlap between rows closes the seams some renderers leave between adjacent rectangles.
  const height = pdfNumber(module + 0.05);
  const path: string[] = [];
  for (let row = 0; row < size; row += 1) {
    const top = pdfNumber(y + row * module);
    const offset = row * size;
    let column = 0;
    while (column < size) {
      if (modules[offset + column] !== 1) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < size && modules[offset + column] === 1) column += 1;
      path.push(`${pdfNumber(x + start * module)} ${top} ${pdfNumber((column - start) * module)} ${height} re`);
    }
  }
  doc.save();
  // As bytes, with the line end pdfkit adds to a string: its own conversion goes character by character.
  if (path.length > 0) doc.addContent(Buffer.from(`${path.join('\n')}\n`, 'latin1') as unknown as string);
  doc.fill('#000000');
  doc.restore();
}
