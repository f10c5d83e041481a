import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { combine } from 'shamir-secret-sharing';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src-main/core/errors';
import {
  MASTER_KEY_BYTES,
  SHARE_LINE_COUNT,
  SHARE_TEXT_LENGTH,
  checkTypedShareLine,
  combineShares,
  decodeScannedShare,
  decodeTypedShare,
  drawMasterKey,
  masterKeyPassphrase,
  splitMasterKey,
} from '../../src-main/core/master-key-shares';
import type { MasterKeyShare, ShareScheme } from '../../src-main/core/master-key-shares';
import type { Random } from '../../src-main/core/random';
import { base32Decode, base32Encode } from '../../src-main/core/seed';
import { SEED_ALPHABET } from '../../src-main/core/seed-line-check';

/** A deterministic stand-in for the OS random source: SHA-256 in counter mode over a seed. */
class SeededRandom implements Random {
  private counter = 0;
  constructor(private readonly seed: number) {}
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 32) {
      this.counter += 1;
      out.set(createHash('sha256').update(`${this.seed}:${this.counter}`).digest().subarray(0, Math.min(32, n - i)), i);
    }
    return out;
  }
}

const VAULT_2_OF_3: ShareScheme = { role: 'vault', generation: 4, threshold: 2, shares: 3 };

/** The card as a custodian types it: each printed line and its check value, with spaces as on paper, in lower case. */
function typed(card: MasterKeyShare) {
  return card.lines.map((line) => ({ text: line.groups.join(' ').toLowerCase(), check: line.check.toLowerCase() }));
}

const schemeArb = fc
  .integer({ min: 2, max: 7 })
  .chain((shares) => fc.record({ shares: fc.constant(shares), threshold: fc.integer({ min: 2, max: shares }), generation: fc.integer({ min: 1, max: 2 ** 32 - 1 }), role: fc.constantFrom('vault' as const, 'seed' as const) }));

describe('master key shares', () => {
  it('draws the key from the injected random source', () => {
    expect(drawMasterKey(new SeededRandom(1))).toEqual(drawMasterKey(new SeededRandom(1)));
    expect(drawMasterKey(new SeededRandom(1))).not.toEqual(drawMasterKey(new SeededRandom(2)));
    expect(drawMasterKey(new SeededRandom(1))).toHaveLength(MASTER_KEY_BYTES);
  });

  it('prints each share as lines of four groups of four with a check value, and the same share in its QR code', async () => {
    const key = drawMasterKey(new SeededRandom(3));
    const cards = await splitMasterKey(key, VAULT_2_OF_3, new SeededRandom(4));
    expect(cards.map((c) => [c.number, c.shares, c.threshold, c.role, c.generation])).toEqual([
      [1, 3, 2, 'vault', 4],
      [2, 3, 2, 'vault', 4],
      [3, 3, 2, 'vault', 4],
    ]);
    expect(new Set(cards.map((c) => c.setId)).size).toBe(1);
    for (const card of cards) {
      expect(card.text).toHaveLength(SHARE_TEXT_LENGTH);
      expect(card.lines).toHaveLength(SHARE_LINE_COUNT);
      expect(card.lines[0]!.groups).toHaveLength(4);
      expect(card.lines.every((l) => l.check.length === 2)).toBe(true);
      expect(decodeScannedShare(card.qrText)).toMatchObject({ number: card.number, setId: card.setId, text: card.text });
    }
  });

  it('any k of n cards, typed or scanned, in any order, give the key back', async () => {
    await fc.assert(
      fc.asyncProperty(schemeArb, fc.integer(), fc.integer(), async (scheme, keySeed, order) => {
        const key = drawMasterKey(new SeededRandom(keySeed));
        const cards = await splitMasterKey(key, scheme, new SeededRandom(keySeed + 1));
        const chosen = fc.sample(fc.shuffledSubarray(cards, { minLength: scheme.threshold, maxLength: scheme.shares }), { numRuns: 1, seed: order })[0]!;
        const given = chosen.map((card, i) => (i % 2 === 0 ? decodeTypedShare(typed(card)) : decodeScannedShare(card.qrText)));
        expect(await combineShares(given)).toEqual(key);
      }),
      { numRuns: 60 },
    );
  });

  it('k−1 cards are refused, and what they combine to is not the key nor passes the key check', async () => {
    await fc.assert(
      fc.asyncProperty(schemeArb.filter((s) => s.threshold >= 3), fc.integer(), async (scheme, seed) => {
        const key = drawMasterKey(new SeededRandom(seed));
        const cards = await splitMasterKey(key, scheme, new SeededRandom(seed + 1));
        const tooFew = cards.slice(0, scheme.threshold - 1);
        await expect(combineShares(tooFew)).rejects.toMatchObject({ code: ErrorCode.SharesTooFew });
        // Forced through the scheme anyway, k−1 shares yield an unrelated value.
        const partial = await combine(tooFew.map((c) => shamirPart(c)));
        expect(Buffer.from(partial).equals(Buffer.from(key))).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('a mistyped character or swapped pair on any line is caught by that line’s check value and named', async () => {
    const cards = await splitMasterKey(drawMasterKey(new SeededRandom(5)), VAULT_2_OF_3, new SeededRandom(6));
    const card = cards[1]!;
    await fc.assert(
      fc.property(fc.integer({ min: 0, max: SHARE_LINE_COUNT - 1 }), fc.nat(), fc.constantFrom(...SEED_ALPHABET.split('')), fc.boolean(), (lineIndex, position, replacement, swap) => {
        const lines = typed(card);
        const line = card.lines[lineIndex]!;
        const at = position % line.text.length;
        let text = line.text;
        if (swap && line.text.length > 1) {
          const other = (at + 1) % line.text.length;
          if (text[at] === text[other]) return;
          const chars = [...text];
          [chars[at], chars[other]] = [chars[other]!, chars[at]!];
          text = chars.join('');
        } else {
          if (text[at] === replacement) return;
          text = text.slice(0, at) + replacement + text.slice(at + 1);
        }
        lines[lineIndex] = { text, check: line.check };
        expect(checkTypedShareLine(lineIndex + 1, lines[lineIndex]!).ok).toBe(false);
        try {
          decodeTypedShare(lines);
          expect.unreachable('a mistyped line was accepted');
        } catch (error) {
          expect(error).toMatchObject({ code: ErrorCode.ShareLineWrong, details: { lines: `${lineIndex + 1}` } });
          // The message names the line and never repeats what was typed.
          expect((error as Error).message).toContain(`ine ${lineIndex + 1}`);
          expect((error as Error).message).not.toContain(text);
          expect((error as Error).message).not.toContain(line.text);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses cards of another role, generation or set, and a card given twice, with words that say which', async () => {
    const key = drawMasterKey(new SeededRandom(7));
    const vault = await splitMasterKey(key, VAULT_2_OF_3, new SeededRandom(8));
    const seeds = await splitMasterKey(key, { ...VAULT_2_OF_3, role: 'seed' }, new SeededRandom(9));
    const older = await splitMasterKey(key, { ...VAULT_2_OF_3, generation: 3 }, new SeededRandom(10));
    const otherSet = await splitMasterKey(key, VAULT_2_OF_3, new SeededRandom(11));
    await expect(combineShares([vault[0]!, seeds[1]!])).rejects.toMatchObject({ code: ErrorCode.ShareFromAnotherSet, message: expect.stringMatching(/Card 2 .* share of the seed store/) });
    await expect(combineShares([vault[0]!, older[1]!])).rejects.toMatchObject({ code: ErrorCode.ShareFromAnotherSet, message: expect.stringMatching(/generation 3, the first card to generation 4/) });
    await expect(combineShares([vault[0]!, otherSet[1]!])).rejects.toMatchObject({ code: ErrorCode.ShareFromAnotherSet, message: expect.stringMatching(/another set of cards/) });
    await expect(combineShares([vault[2]!, vault[2]!])).rejects.toMatchObject({ code: ErrorCode.ShareTypedTwice, message: expect.stringMatching(/Share 3 of 3 was given twice/) });
    await expect(combineShares([vault[2]!])).rejects.toMatchObject({ code: ErrorCode.SharesTooFew, message: expect.stringMatching(/2 of the 3 cards are needed to open the vault; 1 was given/) });
  });

  it('catches lines of two cards mixed, a card cut short, and a foreign QR code', async () => {
    const cards = await splitMasterKey(drawMasterKey(new SeededRandom(12)), VAULT_2_OF_3, new SeededRandom(13));
    const mixed = typed(cards[0]!);
    mixed[2] = typed(cards[1]!)[2]!;
    expect(() => decodeTypedShare(mixed)).toThrow(expect.objectContaining({ code: ErrorCode.ShareUnreadable, message: expect.stringMatching(/lines from two cards may be mixed/) }));
    expect(() => decodeTypedShare(typed(cards[0]!).slice(0, -1))).toThrow(expect.objectContaining({ code: ErrorCode.ShareUnreadable, message: expect.stringMatching(/has 6 lines; 5 were typed/) }));
    expect(() => decodeScannedShare('otpauth://totp/x?secret=ABC')).toThrow(expect.objectContaining({ code: ErrorCode.ShareUnreadable }));
  });

  it('refuses a set whose combined key fails the key check (a damaged card that passed its line checks)', async () => {
    const cards = await splitMasterKey(drawMasterKey(new SeededRandom(14)), VAULT_2_OF_3, new SeededRandom(15));
    const forged = reencodeWithFlippedShareByte(cards[1]!);
    await expect(combineShares([cards[0]!, forged])).rejects.toMatchObject({ code: ErrorCode.SharesDoNotCombine });
  });

  it('refuses a split nobody could open or keep track of', async () => {
    const key = drawMasterKey(new SeededRandom(16));
    for (const bad of [{ threshold: 1, shares: 3 }, { threshold: 4, shares: 3 }, { threshold: 2, shares: 17 }, { threshold: 2, shares: 3, generation: 0 }]) {
      await expect(splitMasterKey(key, { ...VAULT_2_OF_3, ...bad }, new SeededRandom(1))).rejects.toMatchObject({ code: ErrorCode.InvalidShareScheme });
    }
  });

  it('renders the key as a typable KDBX password: 13 groups of four, A–Z and 2–7, one per key', () => {
    const passphrase = masterKeyPassphrase(drawMasterKey(new SeededRandom(17)));
    expect(passphrase).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){12}$/);
    expect(masterKeyPassphrase(drawMasterKey(new SeededRandom(18)))).not.toBe(passphrase);
  });
});

// Test helpers reaching into the card's bytes (header 9, set id 8, key check 4, share 33, card check 4), to
// forge what a careless or hostile holder might bring.

function shamirPart(card: MasterKeyShare): Uint8Array {
  const payload = base32Decode(card.text);
  return payload.slice(9 + 8 + 4, 9 + 8 + 4 + 33);
}

function reencodeWithFlippedShareByte(card: MasterKeyShare): MasterKeyShare {
  const payload = base32Decode(card.text);
  payload[9 + 8 + 4] = payload[9 + 8 + 4]! ^ 0x01;
  const body = payload.subarray(0, payload.length - 4);
  payload.set(createHash('sha256').update('strongroom master key share v1\n').update(body).digest().subarray(0, 4), payload.length - 4);
  return decodeScannedShare(`STRONGROOM-SHARE:${base32Encode(payload)}`);
}
