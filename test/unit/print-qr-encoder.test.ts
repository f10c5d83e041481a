import { createRequire } from 'node:module';
import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { alignmentPositions, dataCodewords, encodeQrMatrix, encodeQrSegments } from '../../src-main/print/qr-encoder';
import type { QrErrorCorrection, QrMatrix, QrSegment } from '../../src-main/print/qr-encoder';
import { fakeAccounts } from '../bench/print-fixtures';

/**
 * The paper backup's QR encoder is held to the `qrcode` package, which the project used before and whose symbols
 * zbarimg reads (test/integration/print-documents.test.ts decodes ours). Same segments in, same modules out; and
 * for plain text its own segment plan is never longer than the package's.
 */

const LEVELS: readonly QrErrorCorrection[] = ['L', 'M', 'Q', 'H'];

/** The package's own tables (untyped CommonJS modules inside it). */
function qrcodeInternal<T>(module: string): T {
  return createRequire(import.meta.url)(`qrcode/lib/core/${module}.js`) as T;
}

function reference(input: string | QrSegment[], level: QrErrorCorrection, version?: number) {
  const data = typeof input === 'string' ? input : input.map((s) => ({ data: s.text, mode: s.mode }));
  const symbol = QRCode.create(data as string, { errorCorrectionLevel: level, ...(version ? { version } : {}) });
  return { version: symbol.version, mask: symbol.maskPattern as number, modules: Uint8Array.from(symbol.modules.data), segments: symbol.segments };
}

function sameSymbol(ours: QrMatrix, theirs: ReturnType<typeof reference>): void {
  expect(ours.version).toBe(theirs.version);
  expect(ours.size).toBe(17 + 4 * theirs.version);
  expect(ours.mask).toBe(theirs.mask);
  expect(Buffer.from(ours.modules).equals(Buffer.from(theirs.modules))).toBe(true);
}

/** Bits the package's own segment plan needs, header included, for the version group of `version`. */
function referenceBits(segments: ReturnType<typeof reference>['segments'], version: number): number {
  const group = version <= 9 ? 0 : version <= 26 ? 1 : 2;
  const count: Record<string, readonly number[]> = { Numeric: [10, 12, 14], Alphanumeric: [9, 11, 13], Byte: [8, 16, 16] };
  return segments.reduce((sum, segment) => {
    const mode = segment.mode.id;
    const n = segment.getLength();
    const payload = mode === 'Numeric' ? 10 * Math.floor(n / 3) + [0, 4, 7][n % 3]! : mode === 'Alphanumeric' ? 11 * Math.floor(n / 2) + 6 * (n % 2) : 8 * n;
    return sum + 4 + count[mode]![group]! + payload;
  }, 0);
}

function ourBits(matrix: QrMatrix): number {
  const group = matrix.version <= 9 ? 0 : matrix.version <= 26 ? 1 : 2;
  const count = { numeric: [10, 12, 14], alphanumeric: [9, 11, 13], byte: [8, 16, 16] } as const;
  return matrix.segments.reduce((sum, segment) => {
    const n = segment.mode === 'byte' ? new TextEncoder().encode(segment.text).length : segment.text.length;
    const payload =
      segment.mode === 'numeric' ? 10 * Math.floor(n / 3) + [0, 4, 7][n % 3]! : segment.mode === 'alphanumeric' ? 11 * Math.floor(n / 2) + 6 * (n % 2) : 8 * n;
    return sum + 4 + count[segment.mode][group]! + payload;
  }, 0);
}

describe('QR encoder', () => {
  it('places alignment patterns and sizes every version as the standard does', () => {
    const alignment = qrcodeInternal<{ getRowColCoords(version: number): number[] }>('alignment-pattern');
    const utils = qrcodeInternal<{ getSymbolTotalCodewords(version: number): number }>('utils');
    const ecc = qrcodeInternal<{ getTotalCodewordsCount(version: number, level: unknown): number }>('error-correction-code');
    const levels = qrcodeInternal<Record<QrErrorCorrection, unknown>>('error-correction-level');
    for (let version = 1; version <= 40; version += 1) {
      expect(alignmentPositions(version)).toEqual(alignment.getRowColCoords(version));
      for (const level of LEVELS) {
        const total = utils.getSymbolTotalCodewords(version);
        expect(dataCodewords(version, level)).toBe(total - ecc.getTotalCodewordsCount(version, levels[level]));
      }
    }
  });

  it('draws the same modules and chooses the same mask as qrcode for every version and level, given the same segments', () => {
    for (const level of LEVELS) {
      for (let version = 1; version <= 40; version += 1) {
        // Filled to capacity in byte mode (a 4-bit mode and an 8- or 16-bit count come first), with a two-byte
        // character in it, so every data and error-correction block is full.
        const room = dataCodewords(version, level) - (version <= 9 ? 2 : 3);
        const text = `é${Array.from({ length: room - 2 }, (_, i) => 'aZ9-?'[i % 5]!).join('')}`;
        const segments: QrSegment[] = [{ mode: 'byte', text }];
        const ours = encodeQrSegments(segments, version, level);
        sameSymbol(ours, reference(segments, level, version));
      }
    }
  });

  it('matches qrcode on the paper backup’s own otpauth links, segment plan included', () => {
    for (const account of fakeAccounts(40)) {
      const ours = encodeQrMatrix(account.otpauthUri, 'Q');
      sameSymbol(ours, reference(account.otpauthUri, 'Q'));
    }
  });

  it('plans segments never longer than qrcode’s, and draws what qrcode draws from that plan (any text)', () => {
    const alphabet = fc.constantFrom(...'0123456789', ...'ABCXYZ $%*+-./:', ...'abcxyz?&=@#_', 'é', '€', '😀', '\n');
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 1, maxLength: 1200, size: 'max' }).map((chars) => chars.join('')), fc.constantFrom(...LEVELS), (text, level) => {
        let theirs: ReturnType<typeof reference> | undefined;
        try {
          theirs = reference(text, level);
        } catch {
          theirs = undefined; // too long for qrcode's plan at this level
        }
        let ours: QrMatrix;
        try {
          ours = encodeQrMatrix(text, level);
        } catch (error) {
          // Only ever for text that qrcode cannot fit either.
          expect(error).toBeInstanceOf(RangeError);
          expect(theirs).toBeUndefined();
          return;
        }
        if (theirs) {
          expect(ours.version).toBeLessThanOrEqual(theirs.version);
          if (ours.version === theirs.version) expect(ourBits(ours)).toBeLessThanOrEqual(referenceBits(theirs.segments, theirs.version));
        }
        expect(ours.segments.map((s) => s.text).join('')).toBe(text);
        sameSymbol(ours, reference([...ours.segments], level, ours.version));
      }),
      { numRuns: 200, seed: 15 },
    );
  });

  it('refuses empty text and text no QR code can hold', () => {
    expect(() => encodeQrMatrix('')).toThrow(RangeError);
    expect(() => encodeQrMatrix('x'.repeat(3000), 'Q')).toThrow(/too long/);
  });
});
