/**
 * From text to interleaved codewords: the segment plan (which run of characters goes in which mode), the smallest
 * version that holds it, the data bit stream with its padding, and the error-correction blocks interleaved.
 */

import type { QrErrorCorrection, QrSegment } from './qr-symbol-tables';
import { ALPHANUMERIC, COUNT_BITS, dataCodewords, EC_BLOCKS, EC_PER_BLOCK, MODE_INDICATOR, MODES, totalCodewords, VERSION_GROUPS } from './qr-symbol-tables';
import { reedSolomon } from './qr-reed-solomon';

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
export function chooseVersion(text: string, level: QrErrorCorrection): { version: number; segments: QrSegment[] } | undefined {
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

export function dataStream(segments: readonly QrSegment[], version: number, level: QrErrorCorrection): Uint8Array {
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
export function codewords(data: Uint8Array, version: number, level: QrErrorCorrection): Uint8Array {
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

