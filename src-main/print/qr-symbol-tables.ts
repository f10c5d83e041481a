/**
 * The ISO/IEC 18004 numbers every other part of the QR encoder reads: the public types, mode and count-field
 * widths, the error-correction block table, symbol geometry and data capacity. Pure data and arithmetic, no state.
 */

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
export type QrMode = 'numeric' | 'alphanumeric' | 'byte';

export interface QrSegment {
  readonly mode: QrMode;
  /** The characters this segment encodes (UTF-8 bytes of them, in byte mode). */
  readonly text: string;
}

export interface QrMatrix {
  readonly version: number;
  /** Modules per side, without the quiet zone. */
  readonly size: number;
  readonly errorCorrection: QrErrorCorrection;
  readonly mask: number;
  readonly segments: readonly QrSegment[];
  /** Row-major, `size * size` entries, 1 for a dark module. */
  readonly modules: Uint8Array;
}

export const MODES: readonly QrMode[] = ['numeric', 'alphanumeric', 'byte'];
export const MODE_INDICATOR: Record<QrMode, number> = { numeric: 0b0001, alphanumeric: 0b0010, byte: 0b0100 };

/** Character-count field widths per mode for versions 1–9, 10–26 and 27–40. */
export const COUNT_BITS: Record<QrMode, readonly [number, number, number]> = {
  numeric: [10, 12, 14],
  alphanumeric: [9, 11, 13],
  byte: [8, 16, 16],
};
export const VERSION_GROUPS: readonly (readonly [number, number])[] = [
  [1, 9],
  [10, 26],
  [27, 40],
];

export const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** ISO/IEC 18004 table 9, per level: error-correction blocks, and codewords per block, for versions 1–40. */
export const EC_BLOCKS: Record<QrErrorCorrection, readonly number[]> = {
  L: [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
  M: [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
  Q: [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
  H: [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
};
export const EC_PER_BLOCK: Record<QrErrorCorrection, readonly number[]> = {
  L: [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  M: [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
  Q: [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  H: [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
};
/** The two format-information bits that name each level. */
export const LEVEL_BITS: Record<QrErrorCorrection, number> = { L: 0b01, M: 0b00, Q: 0b11, H: 0b10 };

export function symbolSize(version: number): number {
  return 17 + 4 * version;
}

/** Centres of the alignment patterns along one axis (the same list for rows and columns). */
export function alignmentPositions(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const last = symbolSize(version) - 7;
  // Evenly spaced from the last one back towards 6, with an even step; version 32 is the one exception the
  // standard's table makes.
  const step = version === 32 ? 26 : Math.ceil((last - 6) / (count - 1) / 2) * 2;
  const positions = [6];
  for (let i = count - 2; i >= 0; i -= 1) positions.push(last - i * step);
  return positions;
}

// --- Capacity -------------------------------------------------------------------------------------------------

/** Modules left for data and error correction once every function pattern is placed. */
function rawDataModules(version: number): number {
  const size = symbolSize(version);
  const align = version === 1 ? 0 : Math.floor(version / 7) + 2;
  let modules = size * size - 3 * 64 - 31 - 2 * (size - 16);
  if (align > 0) modules -= (align * align - 3) * 25 - 2 * (align - 2) * 5;
  if (version >= 7) modules -= 36;
  return modules;
}

export function totalCodewords(version: number): number {
  return Math.floor(rawDataModules(version) / 8);
}

export function dataCodewords(version: number, level: QrErrorCorrection): number {
  return totalCodewords(version) - EC_BLOCKS[level][version - 1]! * EC_PER_BLOCK[level][version - 1]!;
}

