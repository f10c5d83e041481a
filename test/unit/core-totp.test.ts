import { describe, expect, it } from 'vitest';
import { base32Encode, parseSeed } from '../../src-main/core/seed';
import { secondsRemaining, totpCode, twoConsecutiveCodes } from '../../src-main/core/totp';

// RFC 6238 appendix B: SHA-1 key "12345678901234567890"; the RFC lists 8-digit codes, AWS shows the last 6.
const RFC_SEED = parseSeed(base32Encode(new TextEncoder().encode('12345678901234567890')));
const RFC_VECTORS: readonly [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

const at = (seconds: number): Date => new Date(seconds * 1000);

describe('TOTP codes', () => {
  it('matches the RFC 6238 SHA-1 test vectors', () => {
    for (const [time, eightDigits] of RFC_VECTORS) {
      expect(totpCode(RFC_SEED, at(time)), `t=${time}`).toBe(eightDigits.slice(-6));
    }
  });

  it('keeps the same code for the whole 30-second window and changes at its end', () => {
    const start = 1_767_225_600; // 2026-01-01T00:00:00Z, a window boundary
    const code = totpCode(RFC_SEED, at(start));
    expect(totpCode(RFC_SEED, new Date(start * 1000 + 29_999))).toBe(code);
    expect(totpCode(RFC_SEED, at(start + 30))).not.toBe(code);
  });

  it('counts the seconds left in the current window', () => {
    expect(secondsRemaining(at(1_767_225_600))).toBe(30);
    expect(secondsRemaining(at(1_767_225_601))).toBe(29);
    expect(secondsRemaining(new Date(1_767_225_629_900))).toBe(1);
  });

  it('refuses a time before 1970 or an invalid date', () => {
    expect(() => totpCode(RFC_SEED, new Date(-1000))).toThrow(RangeError);
    expect(() => totpCode(RFC_SEED, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('two consecutive codes for AWS MFA activation', () => {
  it('gives the current code and the one for the next window, with the seconds left', () => {
    const now = new Date(1_111_111_111_000); // 1111111111 s: 19 s into its window
    const codes = twoConsecutiveCodes(RFC_SEED, now);
    expect(codes.current).toEqual({ code: '050471', windowStart: 1111111110, windowEnd: 1111111140 });
    expect(codes.next.code).toBe(totpCode(RFC_SEED, at(1111111140)));
    expect(codes.next.windowStart).toBe(1111111140);
    expect(codes.secondsLeft).toBe(29);
  });

  it('moves both codes along at a window edge', () => {
    const before = twoConsecutiveCodes(RFC_SEED, new Date(1_111_111_139_999));
    const after = twoConsecutiveCodes(RFC_SEED, at(1_111_111_140));
    expect(before.secondsLeft).toBe(1);
    expect(after.secondsLeft).toBe(30);
    expect(after.current).toEqual(before.next);
  });

  it('works for the 80-bit seeds older issuers hand out', () => {
    const short = parseSeed('JBSWY3DPEHPK3PXP');
    const codes = twoConsecutiveCodes(short, at(1_767_225_600));
    expect(codes.current.code).toMatch(/^\d{6}$/);
    expect(codes.current.code).toBe(totpCode(short, at(1_767_225_600)));
  });
});
