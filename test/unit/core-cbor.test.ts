import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCbor, type CborValue } from '../../src-main/core/cbor';
import { isStrongroomError } from '../../src-main/core/errors';
import { encodeCbor, type CborInput } from '../support/cbor-encode';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));

function refusedAsUnreadable(bytes: Uint8Array): boolean {
  try {
    decodeCbor(bytes);
    return false;
  } catch (error) {
    if (isStrongroomError(error) && error.code === 'HID_DEVICE_UNREADABLE') return true;
    throw error;
  }
}

describe('CBOR from a FIDO key', () => {
  it('reads the examples of RFC 8949 appendix A that CTAP2 can carry', () => {
    expect(decodeCbor(hex('00'))).toBe(0);
    expect(decodeCbor(hex('17'))).toBe(23);
    expect(decodeCbor(hex('1818'))).toBe(24);
    expect(decodeCbor(hex('1903e8'))).toBe(1000);
    expect(decodeCbor(hex('1a000f4240'))).toBe(1_000_000);
    expect(decodeCbor(hex('1b000000e8d4a51000'))).toBe(1_000_000_000_000);
    expect(decodeCbor(hex('1bffffffffffffffff'))).toBe(18446744073709551615n);
    expect(decodeCbor(hex('20'))).toBe(-1);
    expect(decodeCbor(hex('3903e7'))).toBe(-1000);
    expect(decodeCbor(hex('f90000'))).toBe(0);
    expect(decodeCbor(hex('f93c00'))).toBe(1);
    expect(decodeCbor(hex('fa47c35000'))).toBe(100000);
    expect(decodeCbor(hex('fb3ff199999999999a'))).toBe(1.1);
    expect(decodeCbor(hex('f4'))).toBe(false);
    expect(decodeCbor(hex('f5'))).toBe(true);
    expect(decodeCbor(hex('f6'))).toBe(null);
    expect(decodeCbor(hex('4401020304'))).toEqual(Uint8Array.of(1, 2, 3, 4));
    expect(decodeCbor(hex('6449455446'))).toBe('IETF');
    expect(decodeCbor(hex('62c3bc'))).toBe('ü');
    expect(decodeCbor(hex('8301820203820405'))).toEqual([1, [2, 3], [4, 5]]);
    expect(decodeCbor(hex('a201020304'))).toEqual(new Map([[1, 2], [3, 4]]));
    expect(decodeCbor(hex('a26161016162820203'))).toEqual(new Map<string, CborValue>([['a', 1], ['b', [2, 3]]]));
  });

  it('refuses what CTAP2 never sends instead of guessing', () => {
    for (const bad of [
      '5f42010243030405ff', // indefinite byte string
      '9fff', // indefinite array
      'c11a514b67b0', // a tag
      '1c', // reserved additional information
      'ff', // a stray break
      'f820', // an unassigned simple value
      'a201020103', // the same map key twice
      'a1f5f5', // a map key that is neither number nor text
      '0000', // trailing bytes
      '62c328', // text that is not UTF-8
      '5a7fffffff00', // a length far beyond the bytes present
      '9b0000000100000000', // an array count beyond the bytes present
      '1a0001', // cut short
    ]) {
      expect(refusedAsUnreadable(hex(bad)), bad).toBe(true);
    }
  });

  it('stops at the nesting and item limits a hostile device might test', () => {
    expect(refusedAsUnreadable(new Uint8Array(64).fill(0x81))).toBe(true);
    const manyItems = Uint8Array.from([0x99, 0x13, 0x88, ...new Uint8Array(5000)]);
    expect(refusedAsUnreadable(manyItems)).toBe(true);
  });

  it('never crashes, hangs or throws anything but a clear refusal on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeCbor(bytes);
        } catch (error) {
          return isStrongroomError(error) && error.code === 'HID_DEVICE_UNREADABLE';
        }
        return true;
      }),
      { numRuns: 5000 },
    );
  });

  it('reads back whatever a canonical encoder writes', () => {
    const leaf = fc.oneof(
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
      fc.string({ maxLength: 20 }),
      fc.uint8Array({ maxLength: 20 }),
      fc.boolean(),
      fc.constant(null),
    );
    const value: fc.Arbitrary<CborInput> = fc.letrec<{ v: CborInput }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('v'), { maxLength: 5 }),
        fc.uniqueArray(fc.tuple(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.string({ maxLength: 6 })), tie('v')), { maxLength: 5, selector: ([k]) => k }).map((entries) => new Map(entries)),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        expect(decodeCbor(encodeCbor(v))).toEqual(v);
      }),
      { numRuns: 500 },
    );
  });
});
