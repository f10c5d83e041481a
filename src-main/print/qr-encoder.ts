/**
 * A QR Code Model 2 encoder (ISO/IEC 18004) written for the paper seed backup, where thousands of symbols are made
 * in one go: the general-purpose `qrcode` package spent most of a 5,000-account backup in its segment graph search
 * and its per-module mask scoring. This one plans segments with a linear dynamic programme over the characters and
 * works on flat byte arrays throughout. Its symbols are module for module those `qrcode` makes from the same
 * segments (the tests hold it to that, and zbarimg reads them back); where the segment plans differ, this one is
 * never longer. Numeric, alphanumeric and byte (UTF-8) modes; no Kanji, which `qrcode` uses only when given a
 * Shift JIS converter.
 */

import type { QrErrorCorrection, QrMatrix, QrSegment } from './qr-symbol-tables';
import { codewords, chooseVersion, dataStream } from './qr-data-stream';
import { bestMask, formatBits, masksFor, skeleton, writeFormat } from './qr-matrix';

export type { QrErrorCorrection, QrMatrix, QrMode, QrSegment } from './qr-symbol-tables';
export { alignmentPositions, dataCodewords, symbolSize } from './qr-symbol-tables';

/** The matrix for text already split into segments (all in one version group's count widths). */
export function encodeQrSegments(segments: readonly QrSegment[], version: number, level: QrErrorCorrection): QrMatrix {
  const base = skeleton(version);
  const { size } = base;
  const stream = codewords(dataStream(segments, version, level), version, level);
  const modules = base.dark.slice();
  const order = base.dataOrder;
  for (let i = 0; i < order.length; i += 1) {
    const byte = i >>> 3;
    if (byte < stream.length && (stream[byte]! >>> (7 - (i & 7))) & 1) modules[order[i]!] = 1;
  }
  const masks = masksFor(version, base);
  const mask = bestMask(modules, size, masks, level);
  const pattern = masks.patterns[mask]!;
  for (let i = 0; i < modules.length; i += 1) modules[i]! ^= pattern[i]!;
  writeFormat(modules, size, masks.formatPlaces, formatBits(level, mask));
  return { version, size, errorCorrection: level, mask, segments, modules };
}

/** Encodes text in the smallest version that holds it at the given level, or throws when even version 40 cannot. */
export function encodeQrMatrix(text: string, level: QrErrorCorrection = 'Q'): QrMatrix {
  if (text === '') throw new RangeError('A QR code needs at least one character.');
  const chosen = chooseVersion(text, level);
  if (!chosen) throw new RangeError('The text is too long for a QR code at this error-correction level.');
  return encodeQrSegments(chosen.segments, chosen.version, level);
}
