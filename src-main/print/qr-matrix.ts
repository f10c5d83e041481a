/**
 * The QR symbol's modules: function patterns (finders, timing, alignment, version and format areas), the data
 * placement order, the eight mask patterns and the penalty score that picks one. Skeletons and masks are cached
 * per version, since a backup draws thousands of symbols of the same few versions.
 */

import type { QrErrorCorrection } from './qr-symbol-tables';
import { alignmentPositions, LEVEL_BITS, symbolSize } from './qr-symbol-tables';

// --- Matrix -----------------------------------------------------------------------------------------------------

function bchRemainder(value: number, generatorPolynomial: number, generatorDegree: number): number {
  let remainder = value << generatorDegree;
  for (let bit = 31 - Math.clz32(remainder); bit >= generatorDegree; bit -= 1) {
    if ((remainder >>> bit) & 1) remainder ^= generatorPolynomial << (bit - generatorDegree);
  }
  return remainder;
}

export function formatBits(level: QrErrorCorrection, mask: number): number {
  const data = (LEVEL_BITS[level] << 3) | mask;
  return ((data << 10) | bchRemainder(data, 0b10100110111, 10)) ^ 0b101010000010010;
}

function versionBits(version: number): number {
  return (version << 12) | bchRemainder(version, 0b1111100100101, 12);
}

/** The function patterns of a version: which modules they take (reserved) and which of those are dark. */
interface Skeleton {
  readonly size: number;
  readonly dark: Uint8Array;
  readonly reserved: Uint8Array;
  /** Module indices of the data area in placement order (up and down the column pairs, right to left). */
  readonly dataOrder: Uint32Array;
}

const skeletons = new Map<number, Skeleton>();

export function skeleton(version: number): Skeleton {
  const cached = skeletons.get(version);
  if (cached) return cached;
  const size = symbolSize(version);
  const dark = new Uint8Array(size * size);
  const reserved = new Uint8Array(size * size);
  const set = (row: number, column: number, value: boolean) => {
    dark[row * size + column] = value ? 1 : 0;
    reserved[row * size + column] = 1;
  };

  // Finder patterns with their light separators.
  for (const [top, left] of [[0, 0], [0, size - 7], [size - 7, 0]] as const) {
    for (let r = -1; r <= 7; r += 1) {
      for (let c = -1; c <= 7; c += 1) {
        const row = top + r;
        const column = left + c;
        if (row < 0 || row >= size || column < 0 || column >= size) continue;
        const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
        set(row, column, ring !== 2 && ring !== 4);
      }
    }
  }
  for (let i = 8; i < size - 8; i += 1) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  const centres = alignmentPositions(version);
  const last = centres.length - 1;
  for (let i = 0; i <= last; i += 1) {
    for (let j = 0; j <= last; j += 1) {
      // The three corners are taken by finder patterns; those on row or column 6 sit across the timing patterns.
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue;
      const row = centres[i]!;
      const column = centres[j]!;
      for (let r = -2; r <= 2; r += 1) {
        for (let c = -2; c <= 2; c += 1) set(row + r, column + c, Math.max(Math.abs(r), Math.abs(c)) !== 1);
      }
    }
  }
  // Format areas (written per mask later), the always-dark module, and the version blocks.
  for (let i = 0; i < 9; i += 1) {
    if (i !== 6) {
      set(8, i, false);
      set(i, 8, false);
    }
  }
  for (let i = 0; i < 8; i += 1) {
    set(8, size - 1 - i, false);
    set(size - 1 - i, 8, false);
  }
  set(size - 8, 8, true);
  if (version >= 7) {
    const bits = versionBits(version);
    for (let i = 0; i < 18; i += 1) {
      const on = ((bits >>> i) & 1) === 1;
      set(Math.floor(i / 3), size - 11 + (i % 3), on);
      set(size - 11 + (i % 3), Math.floor(i / 3), on);
    }
  }

  const order: number[] = [];
  let upward = true;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5; // the vertical timing pattern is skipped as a whole column
    for (let step = 0; step < size; step += 1) {
      const row = upward ? size - 1 - step : step;
      for (const column of [right, right - 1]) {
        const index = row * size + column;
        if (!reserved[index]) order.push(index);
      }
    }
    upward = !upward;
  }
  const built = { size, dark, reserved, dataOrder: Uint32Array.from(order) };
  skeletons.set(version, built);
  return built;
}

function maskBit(mask: number, row: number, column: number): boolean {
  switch (mask) {
    case 0: return (row + column) % 2 === 0;
    case 1: return row % 2 === 0;
    case 2: return column % 3 === 0;
    case 3: return (row + column) % 3 === 0;
    case 4: return (Math.floor(row / 2) + Math.floor(column / 3)) % 2 === 0;
    case 5: return ((row * column) % 2) + ((row * column) % 3) === 0;
    case 6: return (((row * column) % 2) + ((row * column) % 3)) % 2 === 0;
    default: return (((row + column) % 2) + ((row * column) % 3)) % 2 === 0;
  }
}

/** The 15 places of each format-information copy, as [bit, row, column]. */
function formatPlaces(size: number): [number, number, number][] {
  const places: [number, number, number][] = [];
  for (let i = 0; i < 15; i += 1) {
    // Around the top-left finder: down column 8, then leftwards along row 8, skipping the timing pattern.
    places.push([i, i < 6 ? i : i < 8 ? i + 1 : 8, i < 8 ? 8 : i === 8 ? 7 : 14 - i]);
    // The second copy, split between the top-right and bottom-left finders.
    places.push(i < 8 ? [i, 8, size - 1 - i] : [i, size - 15 + i, 8]);
  }
  return places;
}

/**
 * A symbol as lines of bits for scoring masks: each row, and each column, in `words` 32-bit words with module i
 * of the line at bit i % 32 of word ⌊i / 32⌋. Whole words are compared at once, so scoring the eight masks of a
 * symbol costs a few thousand word operations rather than a pass per rule over every module.
 */
interface BitLines {
  readonly rows: Int32Array;
  readonly columns: Int32Array;
}

function bitLines(modules: Uint8Array, size: number, words: number): BitLines {
  const rows = new Int32Array(size * words);
  const columns = new Int32Array(size * words);
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      if (modules[row * size + column] !== 1) continue;
      rows[row * words + (column >>> 5)]! |= 1 << (column & 31);
      columns[column * words + (row >>> 5)]! |= 1 << (row & 31);
    }
  }
  return { rows, columns };
}

interface MaskSet {
  readonly words: number;
  /** Per mask, 1 where a data module is inverted, as bytes and as bit lines. */
  readonly patterns: readonly Uint8Array[];
  readonly lines: readonly BitLines[];
  readonly formatPlaces: readonly [number, number, number][];
}

const maskSets = new Map<number, MaskSet>();

export function masksFor(version: number, base: Skeleton): MaskSet {
  let set = maskSets.get(version);
  if (set) return set;
  const { size } = base;
  const words = Math.ceil(size / 32);
  const patterns: Uint8Array[] = [];
  for (let mask = 0; mask < 8; mask += 1) {
    const pattern = new Uint8Array(size * size);
    for (let row = 0; row < size; row += 1) {
      for (let column = 0; column < size; column += 1) {
        const index = row * size + column;
        if (!base.reserved[index] && maskBit(mask, row, column)) pattern[index] = 1;
      }
    }
    patterns.push(pattern);
  }
  set = { words, patterns, lines: patterns.map((p) => bitLines(p, size, words)), formatPlaces: formatPlaces(size) };
  maskSets.set(version, set);
  return set;
}

export function writeFormat(modules: Uint8Array, size: number, places: readonly [number, number, number][], bits: number): void {
  for (const [bit, row, column] of places) modules[row * size + column] = (bits >>> bit) & 1;
}

function popcount(value: number): number {
  let x = value - ((value >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Bits of word `w` for line positions 0..`last`. */
function positionsUpTo(w: number, last: number): number {
  const count = last - 32 * w + 1;
  return count >= 32 ? -1 : count <= 0 ? 0 : (1 << count) - 1;
}

/**
 * Rules 1 and 3 along each line: 3 + (n − 5) for every run of n ≥ 5 modules of one colour, and 40 for every
 * dark-light-dark×3-light-dark pattern with four light modules after it, or before it (both count), found inside
 * the symbol. A run of n scores n − 2, which is the number of five-module windows of one colour (n − 4) plus two
 * for the window that starts the run.
 */
function lineScore(lines: Int32Array, size: number, words: number): number {
  let runs = 0;
  let finders = 0;
  for (let line = 0; line < size; line += 1) {
    const offset = line * words;
    for (let w = 0; w < words; w += 1) {
      const a = lines[offset + w]!;
      const b = w + 1 < words ? lines[offset + w + 1]! : 0;
      // sK: module i + K at bit i.
      const s1 = (a >>> 1) | (b << 31);
      const s2 = (a >>> 2) | (b << 30);
      const s3 = (a >>> 3) | (b << 29);
      const s4 = (a >>> 4) | (b << 28);
      const s5 = (a >>> 5) | (b << 27);
      const s6 = (a >>> 6) | (b << 26);
      const s7 = (a >>> 7) | (b << 25);
      const s8 = (a >>> 8) | (b << 24);
      const s9 = (a >>> 9) | (b << 23);
      const s10 = (a >>> 10) | (b << 22);
      const sameFive = ((a & s1 & s2 & s3 & s4) | ~(a | s1 | s2 | s3 | s4)) & positionsUpTo(w, size - 5);
      // Module i − 1 at bit i; the first module of a line always starts a run.
      const before = (a << 1) | (w > 0 ? lines[offset + w - 1]! >>> 31 : 0);
      const runStarts = sameFive & ((a ^ before) | (w === 0 ? 1 : 0));
      runs += popcount(sameFive) + 2 * popcount(runStarts);
      const finderThenLight = a & ~s1 & s2 & s3 & s4 & ~s5 & s6 & ~(s7 | s8 | s9 | s10);
      const lightThenFinder = ~(a | s1 | s2 | s3) & s4 & ~s5 & s6 & s7 & s8 & ~s9 & s10;
      const valid = positionsUpTo(w, size - 11);
      finders += popcount(finderThenLight & valid) + popcount(lightThenFinder & valid);
    }
  }
  return runs + 40 * finders;
}

/** Rules 2 and 4: 3 for every 2×2 block of one colour, and 10 for every 5 % the dark share strays from half. */
function areaScore(rows: Int32Array, size: number, words: number): number {
  let blocks = 0;
  let dark = 0;
  for (let row = 0; row < size; row += 1) {
    const offset = row * words;
    for (let w = 0; w < words; w += 1) {
      const a = rows[offset + w]!;
      dark += popcount(a);
      if (row === size - 1) continue;
      const last = w + 1 === words;
      const c = rows[offset + words + w]!;
      const a1 = (a >>> 1) | (last ? 0 : rows[offset + w + 1]! << 31);
      const c1 = (c >>> 1) | (last ? 0 : rows[offset + words + w + 1]! << 31);
      blocks += popcount(((a & a1 & c & c1) | ~(a | a1 | c | c1)) & positionsUpTo(w, size - 2));
    }
  }
  // ⌈dark % / 5⌉ − 10 in whole numbers, as `qrcode` rounds it.
  return 3 * blocks + 10 * Math.abs(Math.ceil((20 * dark) / (size * size)) - 10);
}

function setBit(lines: Int32Array, index: number, bit: number, on: number): void {
  if (on) lines[index]! |= 1 << bit;
  else lines[index]! &= ~(1 << bit);
}

/**
 * The mask with the lowest penalty score of ISO/IEC 18004 §7.8.3, scored as `qrcode` scores it (finder-like
 * patterns are looked for inside the symbol only, and the dark share in 5 % steps rounded up), so both choose the
 * same mask; the lowest-numbered of equal scores wins.
 */
export function bestMask(unmasked: Uint8Array, size: number, masks: MaskSet, level: QrErrorCorrection): number {
  const { words } = masks;
  const base = bitLines(unmasked, size, words);
  const rows = new Int32Array(base.rows.length);
  const columns = new Int32Array(base.columns.length);
  let best = 0;
  let bestScore = Infinity;
  for (let mask = 0; mask < 8; mask += 1) {
    const pattern = masks.lines[mask]!;
    for (let i = 0; i < rows.length; i += 1) {
      rows[i] = base.rows[i]! ^ pattern.rows[i]!;
      columns[i] = base.columns[i]! ^ pattern.columns[i]!;
    }
    const bits = formatBits(level, mask);
    for (const [bit, row, column] of masks.formatPlaces) {
      const on = (bits >>> bit) & 1;
      setBit(rows, row * words + (column >>> 5), column & 31, on);
      setBit(columns, column * words + (row >>> 5), row & 31, on);
    }
    const score = lineScore(rows, size, words) + lineScore(columns, size, words) + areaScore(rows, size, words);
    if (score < bestScore) {
      bestScore = score;
      best = mask;
    }
  }
  return best;
}

