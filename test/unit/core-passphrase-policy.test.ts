import { describe, expect, it } from 'vitest';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';
import {
  aboutPassphrase,
  DEFAULT_DICEWARE_WORDS,
  effLongWordlist,
  estimatePassphraseStrength,
  generateDicewarePassphrase,
  passphraseMeter,
  requireDistinctPassphrases,
  requireStrongMasterPassphrase,
} from '../../src-main/core/passphrase-policy';
import type { Random } from '../../src-main/core/random';

class SeededRandom implements Random {
  constructor(private state: number) {}
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

async function refusal(fn: () => unknown): Promise<StrongroomError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof StrongroomError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('master passphrase strength', () => {
  it('reports zxcvbn score, guesses and feedback', async () => {
    const weak = await estimatePassphraseStrength('password1234567890');
    expect(weak.score).toBeLessThan(3);
    expect(weak.guessesLog10).toBeLessThan(10);
    expect(weak.warning).toMatch(/commonly used password/);
    expect(weak.acceptable).toBe(false);
  });

  it('refuses a short passphrase, saying how long it must be', async () => {
    const error = await refusal(() => requireStrongMasterPassphrase('Tr0ub4dor&3'));
    expect(error.code).toBe(ErrorCode.WeakPassphrase);
    expect(error.message).toMatch(/at least 16 characters; this one has 11/);
  });

  it('refuses a long but guessable passphrase without quoting it', async () => {
    for (const guessable of ['Password1234567890!', 'aaaaaaaaaaaaaaaaaaaaaaaa', 'correct horse battery staple']) {
      const error = await refusal(() => requireStrongMasterPassphrase(guessable));
      expect(error.code, guessable).toBe(ErrorCode.WeakPassphrase);
      expect(error.message).not.toContain(guessable);
    }
  });

  it("counts the organisation's own words as cheap guesses", async () => {
    const phrase = 'acmecorp-payments-production-root';
    expect((await estimatePassphraseStrength(phrase, ['acmecorp', 'payments', 'production'])).guessesLog10).toBeLessThan(
      (await estimatePassphraseStrength(phrase)).guessesLog10,
    );
  });

  it('accepts every generated seven-word diceware passphrase', async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const phrase = await generateDicewarePassphrase(new SeededRandom(seed));
      expect((await requireStrongMasterPassphrase(phrase)).acceptable, phrase).toBe(true);
    }
  });
});

describe('vault and seed passphrases', () => {
  it('refuses the same passphrase for both, also when only capitals or spaces differ', async () => {
    for (const [vault, seed] of [
      ['orbit-velvet-canyon-sprout-lantern', 'orbit-velvet-canyon-sprout-lantern'],
      ['Orbit Velvet Canyon Sprout Lantern', 'orbit velvet  canyon sprout lantern '],
      ['orbitvelvetcanyon sproutlantern', 'ORBIT VELVET CANYON SPROUT LANTERN'],
    ] as const) {
      expect((await refusal(() => requireDistinctPassphrases(vault, seed))).code).toBe(ErrorCode.PassphrasesNotDistinct);
    }
  });

  it('accepts two different passphrases', () => {
    expect(() => requireDistinctPassphrases('orbit-velvet-canyon-sprout-lantern', 'orbit-velvet-canyon-sprout-lanterns')).not.toThrow();
  });
});

describe('diceware passphrases', () => {
  it('draw from the EFF long word list in dice-roll order', async () => {
    const list = await effLongWordlist();
    expect(list).toHaveLength(7776);
    expect(list[0]).toBe('abacus');
    expect(list[7775]).toBe('zoom');
  });

  it('have seven words by default, joined by hyphens, each from the list', async () => {
    const phrase = await generateDicewarePassphrase(new SeededRandom(42));
    const words = phrase.split('-');
    expect(words).toHaveLength(DEFAULT_DICEWARE_WORDS);
    const list = await effLongWordlist();
    for (const word of words) expect(list).toContain(word);
  });

  it('always split back into exactly their words: no word holds the separator', async () => {
    // The list has "drop-down", "felt-tip", "t-shirt" and "yo-yo"; over 3,000 phrases some draw would meet one.
    for (let seed = 1; seed <= 3000; seed++) {
      expect((await generateDicewarePassphrase(new SeededRandom(seed))).split('-'), `seed ${seed}`).toHaveLength(DEFAULT_DICEWARE_WORDS);
    }
    expect((await generateDicewarePassphrase(new SeededRandom(7), 6, ' ')).split(' ')).toHaveLength(6);
  });

  it('take the word at the index the random source draws', async () => {
    const script = [0, 0, 0, 0, 0, 0, 0x1e, 0x5f, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3];
    let offset = 0;
    const random: Random = {
      bytes: (n) => Uint8Array.from(script.slice(offset, (offset += n))),
    };
    expect(await generateDicewarePassphrase(random, 5, ' ')).toBe('abacus zoom abdomen abdominal abide');
  });

  it('refuse fewer than five words', async () => {
    await expect(generateDicewarePassphrase(new SeededRandom(3), 4)).rejects.toThrow(RangeError);
  });
});

describe('the strength meter and the field an error is about', () => {
  it('never praises a passphrase that would be refused, and says "Very strong" only well above the bar', async () => {
    const refused = ['password', 'Tr0ub4dor&3', 'correct horse battery staple'];
    for (const p of refused) {
      const strength = await estimatePassphraseStrength(p);
      expect(strength.acceptable).toBe(false);
      const meter = passphraseMeter(strength);
      expect(meter.level).toBeLessThanOrEqual(2);
      expect(meter.words).not.toMatch(/^(strong enough|very strong)$/i);
    }
    const seven = passphraseMeter(await estimatePassphraseStrength(await generateDicewarePassphrase(new SeededRandom(99))));
    expect(seven.level).toBeGreaterThanOrEqual(3);
    expect(['Strong enough', 'Very strong']).toContain(seven.words);
  });

  it('names the passphrase in the sentence and the details, and leaves other errors alone', async () => {
    const weak = await (async () => {
      try {
        await requireStrongMasterPassphrase('short');
      } catch (e) {
        return e;
      }
    })();
    const named = aboutPassphrase(weak, { role: 'seed', which: 'new' }) as StrongroomError;
    expect(named.code).toBe(ErrorCode.WeakPassphrase);
    expect(named.message).toMatch(/^The new seed master passphrase \(custodian group B\) is too weak\./);
    expect(named.details).toMatchObject({ passphrase: 'seed', which: 'new' });
    expect(named.message).not.toContain('short');
    const wrong = aboutPassphrase(new StrongroomError(ErrorCode.KdbxWrongPassphrase, 'That passphrase does not open this file. Check it and try again.'), { role: 'vault', which: 'current' }, 'vault.kdbx generation 3 from VAULT-01') as StrongroomError;
    expect(wrong.message).toBe('The vault master passphrase (custodian group A) does not open vault.kdbx generation 3 from VAULT-01. Check it and try again.');
    const other = new StrongroomError(ErrorCode.MediumNotFound, 'VAULT-01 is not inserted.');
    expect(aboutPassphrase(other, { role: 'vault', which: 'current' })).toBe(other);
  });
});
