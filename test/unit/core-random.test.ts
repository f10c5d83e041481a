import { describe, expect, it } from 'vitest';
import { randomInt, randomPick, type Random } from '../../src-main/core/random';

/** Hands out the given bytes in order, and fails the test if asked for more than it was given. */
class ScriptedRandom implements Random {
  private offset = 0;
  constructor(private readonly script: readonly number[]) {}
  bytes(n: number): Uint8Array {
    if (this.offset + n > this.script.length) throw new Error('ScriptedRandom ran out of bytes');
    const out = Uint8Array.from(this.script.slice(this.offset, this.offset + n));
    this.offset += n;
    return out;
  }
  get used(): number {
    return this.offset;
  }
}

describe('unbiased random integers', () => {
  it('maps a 32-bit draw below the rejection limit onto the range', () => {
    expect(randomInt(new ScriptedRandom([0, 0, 0, 10]), 7)).toBe(3);
    expect(randomInt(new ScriptedRandom([0, 0, 0, 6]), 7)).toBe(6);
  });

  it('throws away a draw from the incomplete last block and draws again, so no value is favoured', () => {
    // 2^32 mod 3 = 1, so 0xFFFFFFFF is the single value that would make 0 more likely than 1 and 2.
    const random = new ScriptedRandom([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 5]);
    expect(randomInt(random, 3)).toBe(2);
    expect(random.used).toBe(8);
  });

  it('keeps the largest value below the limit', () => {
    // For max 3 the limit is 0xFFFFFFFF; 0xFFFFFFFE is accepted and is 2 mod 3.
    const random = new ScriptedRandom([0xff, 0xff, 0xff, 0xfe]);
    expect(randomInt(random, 3)).toBe(2);
    expect(random.used).toBe(4);
  });

  it('needs no randomness when there is only one choice', () => {
    const random = new ScriptedRandom([]);
    expect(randomInt(random, 1)).toBe(0);
  });

  it('refuses an empty or impossible range', () => {
    const random = new ScriptedRandom([0, 0, 0, 0]);
    expect(() => randomInt(random, 0)).toThrow(RangeError);
    expect(() => randomInt(random, 2.5)).toThrow(RangeError);
    expect(() => randomInt(random, 2 ** 32 + 1)).toThrow(RangeError);
  });

  it('picks the element at the drawn index', () => {
    expect(randomPick(new ScriptedRandom([0, 0, 0, 4]), ['a', 'b', 'c'])).toBe('b');
    expect(() => randomPick(new ScriptedRandom([]), [])).toThrow(RangeError);
  });
});
