/**
 * A QR Code Model 2 encoder (ISO/IEC 18004) written for the paper seed backup, where thousands of symbols are made
 * in one go: the general-purpose `qrcode` package spent most of a 5,000-account backup in its segment graph search
 * and its per-module mask scoring. This one plans segments with a linear dynamic programme over the characters and
 * works on flat byte arrays throughout. Its symbols are module for module those `qrcode` makes from the same
 * segments (the tests hold it to that, and zbarimg reads them back); where the segment plans differ, this one is
 * never longer. Numeric, alphanumeric and byte (UTF-8) modes; no Kanji, which `qrcode` uses only when given a
 * Shift JIS converter.
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

const MODES: readonly QrMode[] = ['numeric', 'alphanumeric', 'byte'];
const MODE_INDICATOR: Record<QrMode, number> = { numeric: 0b0001, alphanumeric: 0b0010, byte: 0b0100 };

/** Character-count field widths per mode for versions 1–9, 10–26 and 27–40. */
const COUNT_BITS: Record<QrMode, readonly [number, number, number]> = {
  numeric: [10, 12, 14],
  alphanumeric: [9, 11, 13],
  byte: [8, 16, 16],
};
const VERSION_GROUPS: readonly (readonly [number, number])[] = [
  [1, 9],
  [10, 26],
  [27, 40],
];

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** ISO/IEC 18004 table 9, per level: error-correction blocks, and codewords per block, for versions 1–40. */
const EC_BLOCKS: Record<QrErrorCorrection, readonly number[]> = {
  L: [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
  M: [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
  Q: [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
  H: [1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
};
const EC_PER_BLOCK: Record<QrErrorCorrection, readonly number[]> = {
  L: [7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  M: [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
  Q: [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  H: [17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
};
/** The two format-information bits that name each level. */
const LEVEL_BITS: Record<QrErrorCorrection, number> = { L: 0b01, M: 0b00, Q: 0b11, H: 0b10 };

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

// --- Galois field GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1 -------------------------------------

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i += 1) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i += 1) EXP[i] = EXP[i - 255]!;
}

const generators = new Map<number, Uint8Array>();

/** Coefficients (highest power first, leading 1 omitted) of the product of (x − α^i) for i below `degree`. */
function generator(degree: number): Uint8Array {
  let poly = generators.get(degree);
  if (poly) return poly;
  let current = Uint8Array.of(1);
  for (let i = 0; i < degree; i += 1) {
    const next = new Uint8Array(current.length + 1);
    for (let j = 0; j < current.length; j += 1) {
      next[j]! ^= current[j]!;
      if (current[j]) next[j + 1]! ^= EXP[LOG[current[j]!]! + i]!;
    }
    current = next;
  }
  poly = current.subarray(1);
  generators.set(degree, poly);
  return poly;
}

function reedSolomon(data: Uint8Array, degree: number): Uint8Array {
  const gen = generator(degree);
  const remainder = new Uint8Array(degree);
  for (const byte of data) {
    const factor = byte ^ remainder[0]!;
    remainder.copyWithin(0, 1);
    remainder[degree - 1] = 0;
    if (factor === 0) continue;
    const logFactor = LOG[factor]!;
    for (let j = 0; j < degree; j += 1) {
      const coefficient = gen[j]!;
      if (coefficient !== 0) remainder[j]! ^= EXP[LOG[coefficient]! + logFactor]!;
    }
  }
  return remainder;
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

function totalCodewords(version: number): number {
  return Math.floor(rawDataModules(version) / 8);
}

export function dataCodewords(version: number, level: QrErrorCorrection): number {
  return totalCodewords(version) - EC_BLOCKS[level][version - 1]! * EC_PER_BLOCK[level][version - 1]!;
}

// --- Segments ---------------------------------------------------------------------------------------------------

interface Character {
  readonly text: string;
  /** 1 numeric, 2 alphanumeric (and numeric), 0 byte only. */
  readonly kind: 0 | 1 | 2;
  readonly utf8Bytes: number;
}

function characters(text: string): Character[] {
  const out: Character[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const kind = code >= 0x30 && code <= 0x39 ? 1 : ALPHANUMERIC.includes(char) ? 2 : 0;
    // A lone surrogate becomes U+FFFD (three bytes) in UTF-8, as TextEncoder writes it.
    const utf8Bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 3 : code < 0x10000 ? 3 : 4;
    out.push({ text: char, kind, utf8Bytes });
  }
  return out;
}

function encodable(mode: number, char: Character): boolean {
  return mode === 2 || (mode === 1 ? char.kind !== 0 : char.kind === 1);
}

/** Cost of one character in sixths of a bit: numeric 10 bits per 3 digits, alphanumeric 11 per 2, byte 8 per byte. */
function characterCost(mode: number, char: Character): number {
  return mode === 0 ? 20 : mode === 1 ? 33 : 48 * char.utf8Bytes;
}

/**
 * The shortest split into segments for one version group. Costs are kept in sixths of a bit so that a segment's
 * partial last group (a digit or an alphanumeric character left over) is rounded up only where the segment ends.
 */
function planSegments(chars: readonly Character[], group: number): { segments: QrSegment[]; bits: number } {
  const n = chars.length;
  const header = MODES.map((mode) => (4 + COUNT_BITS[mode][group]!) * 6);
  // from[i * 3 + m]: the mode whose segment precedes character i when it is encoded in mode m (-1: none), or m itself.
  const from = new Int8Array(n * 3);
  let cost = [0, 0, 0];
  let closed = 0;
  for (let i = 0; i < n; i += 1) {
    const char = chars[i]!;
    const next = [Infinity, Infinity, Infinity];
    let bestClosedMode = -1;
    if (i > 0) {
      let best = Infinity;
      for (let m = 0; m < 3; m += 1) {
        const rounded = Math.ceil(cost[m]! / 6) * 6;
        if (rounded < best) {
          best = rounded;
          bestClosedMode = m;
        }
      }
      closed = best;
    }
    for (let m = 0; m < 3; m += 1) {
      if (!encodable(m, char)) continue;
      const charCost = characterCost(m, char);
      const stay = i > 0 ? cost[m]! + charCost : Infinity;
      const start = closed + header[m]! + charCost;
      if (stay <= start) {
        next[m] = stay;
        from[i * 3 + m] = m;
      } else {
        next[m] = start;
        from[i * 3 + m] = bestClosedMode;
      }
    }
    cost = next;
  }
  let mode = 0;
  for (let m = 1; m < 3; m += 1) if (Math.ceil(cost[m]! / 6) < Math.ceil(cost[mode]! / 6)) mode = m;
  const bits = Math.ceil(cost[mode]! / 6);

  const segments: QrSegment[] = [];
  let end = n;
  let text = '';
  for (let i = n - 1; i >= 0; i -= 1) {
    text = chars[i]!.text + text;
    const previous = from[i * 3 + mode]!;
    if (previous !== mode) {
      segments.push({ mode: MODES[mode]!, text });
      text = '';
      end = i;
      mode = previous;
    }
  }
  if (end !== 0) throw new Error('QR segment plan did not cover the text');
  return { segments: segments.reverse(), bits };
}

/** The smallest version and the segments that fit it at this level, or undefined when nothing fits version 40. */
function chooseVersion(text: string, level: QrErrorCorrection): { version: number; segments: QrSegment[] } | undefined {
  const chars = characters(text);
  for (let group = 0; group < VERSION_GROUPS.length; group += 1) {
    const [first, last] = VERSION_GROUPS[group]!;
    const { segments, bits } = planSegments(chars, group);
    for (let version = first; version <= last; version += 1) {
      if (bits <= dataCodewords(version, level) * 8 && countsFit(segments, group)) return { version, segments };
    }
  }
  return undefined;
}

const encoder = new TextEncoder();

function segmentLength(segment: QrSegment): number {
  return segment.mode === 'byte' ? encoder.encode(segment.text).length : [...segment.text].length;
}

function countsFit(segments: readonly QrSegment[], group: number): boolean {
  return segments.every((segment) => segmentLength(segment) < 2 ** COUNT_BITS[segment.mode][group]!);
}

// --- Bit stream and codewords -------------------------------------------------------------------------------------

class BitWriter {
  readonly bytes: Uint8Array;
  length = 0;

  constructor(capacityBytes: number) {
    this.bytes = new Uint8Array(capacityBytes);
  }

  put(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i -= 1) {
      if ((value >>> i) & 1) this.bytes[this.length >>> 3]! |= 0x80 >>> (this.length & 7);
      this.length += 1;
    }
  }
}

function dataStream(segments: readonly QrSegment[], version: number, level: QrErrorCorrection): Uint8Array {
  const capacity = dataCodewords(version, level);
  const out = new BitWriter(capacity);
  const group = version <= 9 ? 0 : version <= 26 ? 1 : 2;
  for (const segment of segments) {
    out.put(MODE_INDICATOR[segment.mode], 4);
    out.put(segmentLength(segment), COUNT_BITS[segment.mode][group]!);
    if (segment.mode === 'numeric') {
      for (let i = 0; i < segment.text.length; i += 3) {
        const digits = segment.text.slice(i, i + 3);
        out.put(Number(digits), digits.length * 3 + 1);
      }
    } else if (segment.mode === 'alphanumeric') {
      for (let i = 0; i < segment.text.length; i += 2) {
        const a = ALPHANUMERIC.indexOf(segment.text[i]!);
        if (i + 1 < segment.text.length) out.put(a * 45 + ALPHANUMERIC.indexOf(segment.text[i + 1]!), 11);
        else out.put(a, 6);
      }
    } else {
      for (const byte of encoder.encode(segment.text)) out.put(byte, 8);
    }
  }
  const capacityBits = capacity * 8;
  if (out.length > capacityBits) throw new Error('QR data exceeds the chosen version');
  // Terminator (up to four zero bits), then zero bits to the byte boundary: the buffer is already zero there.
  out.length = Math.min(capacityBits, out.length + 4);
  let index = Math.ceil(out.length / 8);
  for (let pad = 0xec; index < capacity; index += 1, pad ^= 0xec ^ 0x11) out.bytes[index] = pad;
  return out.bytes;
}

/** Splits the data into blocks, adds each block's error correction, and interleaves them. */
function codewords(data: Uint8Array, version: number, level: QrErrorCorrection): Uint8Array {
  const blocks = EC_BLOCKS[level][version - 1]!;
  const ecLength = EC_PER_BLOCK[level][version - 1]!;
  const total = totalCodewords(version);
  const longBlocks = total % blocks;
  const shortData = Math.floor(total / blocks) - ecLength;
  const dataBlocks: Uint8Array[] = [];
  const ecBlocks: Uint8Array[] = [];
  let offset = 0;
  for (let b = 0; b < blocks; b += 1) {
    const length = shortData + (b >= blocks - longBlocks ? 1 : 0);
    const block = data.subarray(offset, offset + length);
    dataBlocks.push(block);
    ecBlocks.push(reedSolomon(block, ecLength));
    offset += length;
  }
  const out = new Uint8Array(total);
  let index = 0;
  for (let i = 0; i <= shortData; i += 1) {
    for (const block of dataBlocks) if (i < block.length) out[index++] = block[i]!;
  }
  for (let i = 0; i < ecLength; i += 1) for (const block of ecBlocks) out[index++] = block[i]!;
  return out;
}

// --- Matrix -----------------------------------------------------------------------------------------------------

function bchRemainder(value: number, generatorPolynomial: number, generatorDegree: number): number {
  let remainder = value << generatorDegree;
  for (let bit = 31 - Math.clz32(remainder); bit >= generatorDegree; bit -= 1) {
    if ((remainder >>> bit) & 1) remainder ^= generatorPolynomial << (bit - generatorDegree);
  }
  return remainder;
}

function formatBits(level: QrErrorCorrection, mask: number): number {
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

function skeleton(version: number): Skeleton {
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

function masksFor(version: number, base: Skeleton): MaskSet {
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

function writeFormat(modules: Uint8Array, size: number, places: readonly [number, number, number][], bits: number): void {
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
function bestMask(unmasked: Uint8Array, size: number, masks: MaskSet, level: QrErrorCorrection): number {
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
