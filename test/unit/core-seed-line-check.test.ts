import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';
import {
  SEED_ALPHABET,
  SEED_LINE_LENGTH,
  checkTypedLine,
  formatSeedLineForPaper,
  lineCheckValue,
  normaliseSeed,
  reassembleSeed,
  splitSeedIntoLines,
} from '../../src-main/core/seed-line-check';

const base32Char = fc.constantFrom(...SEED_ALPHABET.split(''));
const seedArb = fc.array(base32Char, { minLength: 1, maxLength: 120 }).map((chars) => chars.join(''));
/** AWS hands out 64-character virtual-MFA seeds: four full lines. */
const awsSeedArb = fc.array(base32Char, { minLength: 64, maxLength: 64 }).map((chars) => chars.join(''));

function replaceAt(text: string, index: number, character: string): string {
  return text.slice(0, index) + character + text.slice(index + 1);
}

/**
 * A second, deliberately different implementation of the check (bitwise carry-less multiplication instead of
 * log tables), so the production code is compared with the definition rather than with itself.
 */
function referenceCheck(lineNumber: number, text: string, isLast: boolean): string {
  const mul = (a: number, b: number): number => {
    let product = 0;
    for (let bit = 0; bit < 5; bit += 1) if (b & (1 << bit)) product ^= a << bit;
    for (let bit = 8; bit >= 5; bit -= 1) if (product & (1 << bit)) product ^= 0b100101 << (bit - 5);
    return product;
  };
  const power = (exponent: number): number => {
    let value = 1;
    for (let i = 0; i < exponent; i += 1) value = mul(value, 2);
    return value;
  };
  const word = [lineNumber % 32, Math.floor(lineNumber / 32), text.length - 1 + (isLast ? 16 : 0)];
  for (const c of text) word.push(SEED_ALPHABET.indexOf(c));
  let s1 = 0;
  let s2 = 0;
  word.forEach((symbol, j) => {
    s1 ^= mul(symbol, power(j));
    s2 ^= mul(symbol, power(2 * j));
  });
  return SEED_ALPHABET[s1]! + SEED_ALPHABET[s2]!;
}

describe('seed lines on paper', () => {
  it('splits a seed into lines of four groups of four, the last line possibly shorter', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const lines = splitSeedIntoLines(seed);
        expect(lines.map((l) => l.text).join('')).toBe(seed);
        lines.forEach((line, i) => {
          expect(line.number).toBe(i + 1);
          expect(line.isLast).toBe(i === lines.length - 1);
          if (!line.isLast) expect(line.text).toHaveLength(SEED_LINE_LENGTH);
          expect(line.groups.join('')).toBe(line.text);
          expect(line.groups.every((g) => g.length >= 1 && g.length <= 4)).toBe(true);
          expect(line.check).toMatch(/^[A-Z2-7]{2}$/);
        });
      }),
    );
  });

  it('computes the check value as its definition says (independent reference implementation)', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        for (const line of splitSeedIntoLines(seed)) {
          expect(line.check).toBe(referenceCheck(line.number, line.text, line.isLast));
        }
      }),
    );
  });

  it('keeps the check values of paper already printed (the algorithm must never drift)', () => {
    // Pinned once: paper printed with these values sits in envelopes for years and must still verify.
    const lines = splitSeedIntoLines('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(lines.map(formatSeedLineForPaper)).toEqual([
      `1  JBSW Y3DP EHPK 3PXP  check ${referenceCheck(1, 'JBSWY3DPEHPK3PXP', false)}`,
      `2  JBSW Y3DP EHPK 3PXP  check ${referenceCheck(2, 'JBSWY3DPEHPK3PXP', true)}`,
    ]);
    expect(lines.map((l) => l.check)).toEqual(['4V', 'V3']);
  });

  it('accepts a seed in any case, with spaces and padding, and refuses anything that is not base32', () => {
    expect(normaliseSeed(' jbsw y3dp ehpk 3pxp== ')).toBe('JBSWY3DPEHPK3PXP');
    for (const bad of ['', '   ', 'JBSW0DPE', 'JBSW-Y3DP', 'A'.repeat(513)]) {
      const error = (() => {
        try {
          normaliseSeed(bad);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(StrongroomError);
      expect((error as StrongroomError).code).toBe(ErrorCode.InvalidSeed);
      if (bad.length > 3) expect((error as StrongroomError).message).not.toContain(bad.trim());
    }
  });
});

describe('checking a typed line', () => {
  it('accepts every printed line typed back, ignoring case and spaces', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const lines = splitSeedIntoLines(seed);
        for (const line of lines) {
          const typed = line.groups.join('  ').toLowerCase();
          const verdict = checkTypedLine(line.number, lines.length, ` ${typed} `, line.check.toLowerCase());
          expect(verdict).toEqual({ ok: true, lineNumber: line.number, text: line.text });
        }
      }),
    );
  });

  it('catches any one mistyped character in a line', () => {
    fc.assert(
      fc.property(seedArb, fc.nat(), fc.nat(), base32Char, (seed, lineSeed, posSeed, replacement) => {
        const lines = splitSeedIntoLines(seed);
        const line = lines[lineSeed % lines.length]!;
        const index = posSeed % line.text.length;
        fc.pre(line.text[index] !== replacement);
        const verdict = checkTypedLine(line.number, lines.length, replaceAt(line.text, index, replacement), line.check);
        expect(verdict.ok).toBe(false);
        expect(verdict.lineNumber).toBe(line.number);
      }),
      { numRuns: 2000 },
    );
  });

  it('catches a mistyped check value', () => {
    fc.assert(
      fc.property(seedArb, fc.nat(), fc.nat({ max: 1 }), base32Char, (seed, lineSeed, index, replacement) => {
        const lines = splitSeedIntoLines(seed);
        const line = lines[lineSeed % lines.length]!;
        fc.pre(line.check[index] !== replacement);
        expect(checkTypedLine(line.number, lines.length, line.text, replaceAt(line.check, index, replacement)).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('catches two adjacent characters typed the wrong way round', () => {
    fc.assert(
      fc.property(seedArb, fc.nat(), fc.nat(), (seed, lineSeed, posSeed) => {
        const lines = splitSeedIntoLines(seed);
        const line = lines[lineSeed % lines.length]!;
        fc.pre(line.text.length >= 2);
        const i = posSeed % (line.text.length - 1);
        const a = line.text[i]!;
        const b = line.text[i + 1]!;
        fc.pre(a !== b);
        const swapped = line.text.slice(0, i) + b + a + line.text.slice(i + 2);
        expect(checkTypedLine(line.number, lines.length, swapped, line.check).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('catches any two wrong characters anywhere in the line or its check value', () => {
    fc.assert(
      fc.property(awsSeedArb, fc.nat(), fc.nat(), fc.nat(), base32Char, base32Char, (seed, l, p, q, x, y) => {
        const line = splitSeedIntoLines(seed)[l % 4]!;
        const typed = line.text + line.check;
        const i = p % typed.length;
        const j = q % typed.length;
        fc.pre(i !== j && typed[i] !== x && typed[j] !== y);
        const changed = replaceAt(replaceAt(typed, i, x), j, y);
        expect(checkTypedLine(line.number, 4, changed.slice(0, 16), changed.slice(16)).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('catches every possible pattern of one or two wrong characters (exhaustive, full and short lines)', () => {
    // The check is linear, so whether an error is caught depends only on where it is and how it changes the
    // symbol, not on the seed: enumerating every pattern on a few lines covers every seed.
    const seed = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' + 'ORSXG5A';
    const lines = splitSeedIntoLines(seed);
    let tried = 0;
    for (const line of lines) {
      const typed = line.text + line.check;
      const flip = (word: string, i: number, e: number) =>
        replaceAt(word, i, SEED_ALPHABET[SEED_ALPHABET.indexOf(word[i]!) ^ e]!);
      const refused = (word: string) =>
        !checkTypedLine(line.number, lines.length, word.slice(0, line.text.length), word.slice(line.text.length)).ok;
      for (let i = 0; i < typed.length; i += 1) {
        for (let e = 1; e < 32; e += 1) {
          expect(refused(flip(typed, i, e))).toBe(true);
          for (let j = i + 1; j < typed.length; j += 1) {
            for (let f = 1; f < 32; f += 1) {
              tried += 1;
              if (!refused(flip(flip(typed, i, e), j, f))) throw new Error(`missed error at ${i},${j} on line ${line.number}`);
            }
          }
        }
      }
    }
    expect(tried).toBe(2 * ((18 * 17) / 2) * 31 * 31 + ((9 * 8) / 2) * 31 * 31);
  });

  it('says which line it is when two lines are typed in each other\'s place', () => {
    fc.assert(
      fc.property(awsSeedArb, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), (seed, a, b) => {
        fc.pre(a !== b);
        const lines = splitSeedIntoLines(seed);
        const shown = lines[b]!;
        const verdict = checkTypedLine(a + 1, 4, shown.text, shown.check);
        expect(verdict.ok).toBe(false);
        if (!verdict.ok) {
          expect(verdict.problem).toBe('line-out-of-order');
          expect(verdict.matchesLine).toBe(b + 1);
          expect(verdict.message).toContain(`line ${a + 1}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('names a look-alike digit and where it is, and does not turn it into a letter', () => {
    const [line] = splitSeedIntoLines('JBSWY3DPEHPK3PXPJBSW');
    const typed = 'JBSW Y3DP EHPK 3PX0';
    const verdict = checkTypedLine(1, 2, typed, line!.check);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.problem).toBe('bad-character');
    expect(verdict.group).toBe(4);
    expect(verdict.characterInGroup).toBe(4);
    expect(verdict.message).toContain('Line 1, group 4, character 4');
    expect(verdict.message).toContain('letter O');
    // Typing the letter the hint suggests is then the custodian's decision, and the check confirms it.
    expect(checkTypedLine(1, 2, typed.replace('0', 'O'), line!.check).ok).toBe(false);
    expect(checkTypedLine(1, 2, typed.replace('X0', 'XP'), line!.check).ok).toBe(true);
  });

  it('explains a check value of the wrong length and a line that is too long', () => {
    const [line] = splitSeedIntoLines('JBSWY3DPEHPK3PXP');
    const short = checkTypedLine(1, 1, line!.text, line!.check.slice(0, 1));
    expect(short.ok === false && short.problem).toBe('check-length');
    const long = checkTypedLine(1, 1, `${line!.text}A`, line!.check);
    expect(long.ok === false && long.problem).toBe('too-long');
    const empty = checkTypedLine(1, 1, '   ', line!.check);
    expect(empty.ok === false && empty.problem).toBe('empty');
    const [first] = splitSeedIntoLines('JBSWY3DPEHPK3PXPJBSW');
    const skipped = checkTypedLine(1, 2, first!.text.slice(0, 7) + first!.text.slice(8), first!.check);
    expect(skipped.ok === false && skipped.problem).toBe('too-short');
    expect(skipped.ok === false && skipped.message).toContain('Line 1 has 15 characters');
  });
});

describe('reassembling a seed from typed lines', () => {
  it('gives back exactly the printed seed', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const typed = splitSeedIntoLines(seed).map((l) => ({ text: l.groups.join(' ').toLowerCase(), check: l.check }));
        expect(reassembleSeed(typed)).toBe(seed);
      }),
    );
  });

  function reassemblyError(lines: { text: string; check: string }[]): StrongroomError {
    try {
      reassembleSeed(lines);
    } catch (error) {
      if (error instanceof StrongroomError) return error;
      throw error;
    }
    throw new Error('reassembleSeed accepted lines it should have refused');
  }

  it('notices a seed typed one line short, which no single line check could see', () => {
    fc.assert(
      fc.property(awsSeedArb, (seed) => {
        const typed = splitSeedIntoLines(seed).map((l) => ({ text: l.text, check: l.check }));
        const error = reassemblyError(typed.slice(0, 3));
        expect(error.code).toBe(ErrorCode.SeedLineWrong);
        expect(error.message).toContain('The seed continues after line 3');
        expect(error.details.lines).toBe('3');
      }),
      { numRuns: 50 },
    );
  });

  it('notices lines typed after the last one', () => {
    const first = splitSeedIntoLines('JBSWY3DPEHPK3PXPJBSW').map((l) => ({ text: l.text, check: l.check }));
    const other = splitSeedIntoLines('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').map((l) => ({ text: l.text, check: l.check }));
    const error = reassemblyError([...first, other[0]!]);
    expect(error.message).toContain('Line 2 is the last line of this seed');
    expect(error.message).toContain('passes the check of line 1');
    expect(error.details.lines).toBe('2, 3');
  });

  it('names every wrong line and never repeats what was typed', () => {
    const seed = 'JBSWY3DPEHPK3PXPGEZDGNBVGY3TQOJQMFRGGZDFMZTWQ2LK';
    const typed = splitSeedIntoLines(seed).map((l) => ({ text: l.text, check: l.check }));
    typed[0] = { text: replaceAt(typed[0]!.text, 5, typed[0]!.text[5] === 'A' ? 'B' : 'A'), check: typed[0]!.check };
    typed[2] = { text: typed[2]!.text, check: typed[2]!.check === 'AA' ? 'AB' : 'AA' };
    const error = reassemblyError(typed);
    expect(error.details.lines).toBe('1, 3');
    expect(error.message).toContain('Line 1 does not match');
    expect(error.message).toContain('Line 3 does not match');
    for (const line of splitSeedIntoLines(seed)) {
      for (const group of line.groups) expect(error.message).not.toContain(group);
    }
  });

  it('refuses an empty list of lines', () => {
    expect(reassemblyError([]).code).toBe(ErrorCode.SeedLineWrong);
  });
});

describe('check value arguments', () => {
  it('refuses line numbers and texts it was not designed for', () => {
    expect(() => lineCheckValue(0, 'ABCD', true)).toThrow(RangeError);
    expect(() => lineCheckValue(1, '', true)).toThrow(RangeError);
    expect(() => lineCheckValue(1, 'ABCD0', true)).toThrow(RangeError);
    expect(() => checkTypedLine(0, 1, 'ABCD', 'AA')).toThrow(RangeError);
    expect(() => checkTypedLine(3, 2, 'ABCD', 'AA')).toThrow(RangeError);
  });
});
