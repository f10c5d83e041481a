import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, type StrongroomError } from '../../src-main/core/errors';
import {
  DEFAULT_PASSWORD_LENGTH,
  PASSWORD_ALPHABET,
  PASSWORD_CLASSES,
  generateRootPassword,
  passwordClassesIn,
} from '../../src-main/core/password-generator';
import type { Random } from '../../src-main/core/random';

/** Deterministic bytes from a seed (xorshift32): enough to drive the generator, never used for real secrets. */
class SeededRandom implements Random {
  constructor(private state: number) {
    if (this.state === 0) this.state = 1;
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      this.state ^= this.state << 13;
      this.state ^= this.state >>> 17;
      this.state ^= this.state << 5;
      out[i] = this.state & 0xff;
    }
    return out;
  }
}

/** Draws whose 32-bit value mod 65 is the index given, one per character. */
function drawsFor(indices: readonly number[]): number[] {
  return indices.flatMap((index) => [0, 0, 0, index]);
}

class ScriptedRandom implements Random {
  private offset = 0;
  constructor(private readonly script: readonly number[]) {}
  bytes(n: number): Uint8Array {
    if (this.offset + n > this.script.length) throw new Error('ScriptedRandom ran out of bytes');
    const out = Uint8Array.from(this.script.slice(this.offset, this.offset + n));
    this.offset += n;
    return out;
  }
}

describe('root password generation', () => {
  it('uses 65 characters that are easy to read and type and safe in CSV', () => {
    expect(PASSWORD_ALPHABET).toHaveLength(65);
    expect(new Set(PASSWORD_ALPHABET).size).toBe(65);
    for (const excluded of '0O1lIo<>[]{}^|=+-@"\'`\\,; ') expect(PASSWORD_ALPHABET).not.toContain(excluded);
  });

  it('makes 40-character passwords by default with every character class present', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), (seed) => {
        const password = generateRootPassword(new SeededRandom(seed));
        expect(password).toHaveLength(DEFAULT_PASSWORD_LENGTH);
        expect([...password].every((ch) => PASSWORD_ALPHABET.includes(ch))).toBe(true);
        expect(passwordClassesIn(password)).toEqual(new Set(Object.keys(PASSWORD_CLASSES)));
      }),
    );
  });

  it('makes passwords of any length AWS allows, each with all four classes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 8, max: 128 }), (seed, length) => {
        const password = generateRootPassword(new SeededRandom(seed), length);
        expect(password).toHaveLength(length);
        expect(passwordClassesIn(password).size).toBe(4);
      }),
    );
  });

  it('draws the whole password again when a class is missing, instead of patching one in', () => {
    const lowerOnly = Array.from({ length: 8 }, (_, i) => PASSWORD_ALPHABET.indexOf(PASSWORD_CLASSES.lower[i] as string));
    const mixed = ['A', 'b', '2', '!', 'C', 'd', '3', '#'].map((ch) => PASSWORD_ALPHABET.indexOf(ch));
    const random = new ScriptedRandom(drawsFor([...lowerOnly, ...mixed]));
    expect(generateRootPassword(random, 8)).toBe('Ab2!Cd3#');
  });

  it('refuses lengths outside AWS limits', () => {
    for (const length of [7, 129, 40.5]) {
      let code: string | undefined;
      try {
        generateRootPassword(new SeededRandom(1), length);
      } catch (error) {
        code = (error as StrongroomError).code;
      }
      expect(code, String(length)).toBe(ErrorCode.InvalidPasswordLength);
    }
  });
});
